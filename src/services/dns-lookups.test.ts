import { afterEach, describe, expect, it } from 'vitest';
import { TEST_CA, startHttpsServer } from '../test-support/http-servers.js';
import type { TestServer } from '../test-support/http-servers.js';
import { createHttpClient } from './http.js';
import type { HttpClient, HttpClientOptions, Resolver } from './http.js';
import { BUDGET_SPENT } from './network-budget.js';

// The pre-flight lookups a manifest's URLs cost: one per host name per run, and a bounded number
// in flight, whatever an untrusted manifest lists (a hundred random subdomains of one domain…).
// Names resolve through an injected resolver that records its calls; no test touches real DNS.

const PAGE = { method: 'GET', maxBytes: 2 * 1024 * 1024 } as const;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A resolver answering from `table` after `delayMs`, counting calls per name and the most in flight. */
function recordingResolver(table: (hostname: string) => string[] | undefined, delayMs = 0) {
  const calls: string[] = [];
  let inFlight = 0;
  let peak = 0;
  const resolve: Resolver = async (hostname) => {
    calls.push(hostname);
    peak = Math.max(peak, ++inFlight);
    try {
      await sleep(delayMs);
      const addresses = table(hostname);
      if (addresses === undefined) throw Object.assign(new Error(`ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
      return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
    } finally {
      inFlight -= 1;
    }
  };
  return { resolve, calls, callsFor: (hostname: string) => calls.filter((call) => call === hostname).length, peak: () => peak };
}

const clients: HttpClient[] = [];
const servers: TestServer[] = [];
function client(options: HttpClientOptions): HttpClient {
  const created = createHttpClient({ timeoutMs: 2000, ...options });
  clients.push(created);
  return created;
}
afterEach(async () => {
  await Promise.all(clients.splice(0).map((created) => created.close()));
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

describe('pre-flight lookups are shared within a run', () => {
  it('40 URLs on one name cost one pre-flight lookup; the rest are the connector’s, one per connection', async () => {
    const server = await startHttpsServer((_, response) => void response.end('ok'));
    servers.push(server);
    // The test certificate names localhost; the injected resolver is what answers for it.
    const dns = recordingResolver((hostname) => (hostname === 'localhost' ? ['127.0.0.1'] : undefined));
    const c = client({ allowLoopback: true, ca: TEST_CA, resolve: dns.resolve });
    const urls = Array.from({ length: 40 }, (_, i) => `https://localhost:${server.port}/page/${i}`);

    const outcomes = await Promise.all(urls.map((url) => c.request(url, PAGE)));

    expect(outcomes.map((outcome) => outcome.kind)).toEqual(urls.map(() => 'response'));
    expect(server.requests).toBe(40);
    // The connector still resolves (and checks) on every connect: that is the rebinding guard.
    expect(server.connections).toBeGreaterThan(0);
    expect(dns.callsFor('localhost')).toBe(1 + server.connections);
  });

  it('a name that does not resolve is looked up once, and every URL on it reports the failure', async () => {
    const dns = recordingResolver(() => undefined);
    const c = client({ resolve: dns.resolve });
    const urls = Array.from({ length: 40 }, (_, i) => `https://gone.acme-books.io/${i}`);

    const outcomes = await Promise.all(urls.map((url) => c.request(url, PAGE)));

    for (const outcome of outcomes) expect(outcome).toMatchObject({ kind: 'dns', code: 'ENOTFOUND', hostname: 'gone.acme-books.io' });
    expect(dns.calls).toEqual(['gone.acme-books.io']);
  });

  it('a name refused for its address is looked up once, and every URL on it is refused', async () => {
    const dns = recordingResolver(() => ['10.1.2.3']);
    const c = client({ resolve: dns.resolve });
    const urls = Array.from({ length: 40 }, (_, i) => `https://intranet.acme-books.io/${i}`);

    const outcomes = await Promise.all(urls.map((url) => c.request(url, PAGE)));

    for (const outcome of outcomes) expect(outcome).toMatchObject({ kind: 'blocked', address: '10.1.2.3', stage: 'before-connect' });
    expect(dns.calls).toEqual(['intranet.acme-books.io']);
  });
});

describe('pre-flight lookups in flight are bounded', () => {
  // Every name resolves to a private address, so it is refused before connecting: the only lookups
  // are the pre-flight ones.
  const names = Array.from({ length: 50 }, (_, i) => `x${i}.attacker.example`);

  it('50 distinct names with slow lookups: never more than `concurrency` at once, and each looked up once', async () => {
    const dns = recordingResolver(() => ['10.0.0.1'], 30);
    const c = client({ resolve: dns.resolve, concurrency: 4 });

    const outcomes = await Promise.all(names.map((name) => c.request(`https://${name}/`, PAGE)));

    for (const outcome of outcomes) expect(outcome).toMatchObject({ kind: 'blocked', address: '10.0.0.1' });
    expect(dns.peak()).toBe(4);
    expect([...dns.calls].sort()).toEqual([...names].sort());
  });

  it('a lookup that timed out keeps its slot until the resolver returns: the OS is still doing it', async () => {
    const started: string[] = [];
    const resolve: Resolver = async (hostname) => {
      started.push(hostname);
      if (hostname === 'slow.attacker.example') await sleep(400);
      return [{ address: '10.0.0.2', family: 4 }];
    };
    const c = client({ resolve, concurrency: 1, timeoutMs: 100 });

    const slow = c.request('https://slow.attacker.example/', PAGE);
    const next = c.request('https://next.attacker.example/', PAGE);

    expect(await slow).toMatchObject({ kind: 'dns', code: 'ETIMEOUT' });
    await sleep(100);
    expect(started).toEqual(['slow.attacker.example']); // past its timeout, not yet done: next waits
    expect(await next).toMatchObject({ kind: 'blocked', address: '10.0.0.2' });
    expect(started).toEqual(['slow.attacker.example', 'next.attacker.example']);
  });

  it('lookups still waiting when the budget is spent never start; their requests end as "budget spent"', async () => {
    const dns = recordingResolver(() => ['10.0.0.1'], 300);
    const c = client({ resolve: dns.resolve, concurrency: 2, budgetMs: 100 });

    const outcomes = await Promise.all(names.slice(0, 10).map((name) => c.request(`https://${name}/`, PAGE)));

    for (const outcome of outcomes) expect(outcome).toMatchObject({ kind: 'network-error', code: BUDGET_SPENT });
    // Past the two lookups that were in flight at the budget's end (300 ms each), nothing else starts.
    await sleep(500);
    expect(dns.calls).toEqual(names.slice(0, 2));
  });
});
