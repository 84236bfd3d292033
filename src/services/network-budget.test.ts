import { describe, expect, it } from 'vitest';
import { lint as lintManifest } from '../index.js';
import redirectUriReachable from '../rules/redirect-uri-reachable.js';
import uriReachable from '../rules/uri-reachable.js';
import { resolverFor, startHttpsServer, startSilentTcpServer, TEST_CA } from '../test-support/http-servers.js';
import { createHttpClient } from './http.js';
import type { HttpClientOptions } from './http.js';
import { BUDGET_SPENT } from './network-budget.js';
import { createRequestScheduler } from './request-scheduler.js';
import type { RequestSlots, SchedulerLimits } from './request-scheduler.js';

// A run's network time is bounded as a whole (--network-budget), and requests are counted per
// address as well as per name. Servers listen on 127.0.0.1 only; names resolve there through the
// client's resolver, and loopback is allowed through the library option the CLI never sets.

const HOSTS = 40;
const names = Array.from({ length: HOSTS }, (_, i) => `cb${i}.acme-books.io`);
const toLoopback = resolverFor(Object.fromEntries([...names, 'localhost'].map((name) => [name, ['127.0.0.1']])));

/** A manifest whose 40 redirect URIs name 40 hosts, all on `port` of one address. */
function manifest(port: number): string {
  return `redirect_uris:\n${names.map((name) => `  - https://${name}:${port}/callback\n`).join('')}`;
}

async function lintOnline(text: string, options: HttpClientOptions) {
  const client = createHttpClient({ allowLoopback: true, resolve: toLoopback, ca: TEST_CA, ...options });
  const started = performance.now();
  let result;
  try {
    result = await lintManifest(text, { file: 'pleo-client.yaml', rules: [redirectUriReachable, uriReachable] }, {
      online: true,
      request: client.request,
      loadLogo: async () => ({ kind: 'absent' }),
    });
  } finally {
    // Closing is part of the run: the CLI waits for it before it exits.
    await client.close();
  }
  return { result, elapsedMs: performance.now() - started };
}

describe('the whole-run network budget', () => {
  it('40 redirect URIs on a server that never finishes a handshake end within the budget, as "not checked" warnings', { timeout: 60_000 }, async () => {
    // Each request alone would wait for its 5 s connect timeout: 40 of them took minutes.
    const tarpit = await startSilentTcpServer();
    try {
      const budgetMs = 1_000;
      const { result, elapsedMs } = await lintOnline(manifest(tarpit.port), { timeoutMs: 5_000, budgetMs });
      // Only time: the budget is a deadline on a server that stalls. 3.5 × the budget leaves room for
      // a loaded machine; waiting on the connect timeouts instead would take 50 s.
      expect(elapsedMs).toBeLessThan(budgetMs + 2_500);
      expect(result.problems).toHaveLength(HOSTS);
      for (const problem of result.problems) {
        expect(`${problem.ruleId}/${problem.messageId}/${problem.severity}`).toBe('redirect-uri-reachable/notChecked/warning');
        expect(problem.message).toContain('not checked: budget spent');
        expect(problem.message).toContain('--network-budget');
      }
      // In list order, whichever request ended first.
      expect(result.problems.map((p) => p.path)).toEqual(names.map((_, i) => `/redirect_uris/${i}`));
      // 40 names of one address count as one server: at most 4 connections to it at a time.
      expect(tarpit.connections).toBeGreaterThan(0);
      expect(tarpit.connections).toBeLessThanOrEqual(4);
    } finally {
      await tarpit.close();
    }
  });

  it('requests that answer within the budget are judged as usual; the rest are not checked', { timeout: 60_000 }, async () => {
    const server = await startHttpsServer((request, response) => {
      // The first path answers at once; every other one after 3 s, past the budget.
      if (request.url === '/fast') response.end('ok');
      else setTimeout(() => response.end('late'), 3_000).unref();
    });
    try {
      const text = `client_uri: https://localhost:${server.port}/fast\npolicy_uri: https://localhost:${server.port}/slow\n`;
      const { result, elapsedMs } = await lintOnline(text, { budgetMs: 800 });
      // Only time, as above: 4 × the budget. Had the run waited for the late answer, the problem
      // below would be another.
      expect(elapsedMs).toBeLessThan(800 + 2_500);
      expect(result.problems.map((p) => `${p.path} ${p.messageId}`)).toEqual(['/policy_uri notChecked']);
    } finally {
      await server.close();
    }
  });

  it('once the budget is spent, nothing more is sent', { timeout: 30_000 }, async () => {
    const server = await startHttpsServer((_, response) => void response.end('ok'));
    const client = createHttpClient({ allowLoopback: true, ca: TEST_CA, budgetMs: 50 });
    try {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const outcome = await client.request(`${server.origin.replace('127.0.0.1', 'localhost')}/`, { method: 'GET', maxBytes: 1024 });
      expect(outcome).toMatchObject({ kind: 'network-error', code: BUDGET_SPENT });
      expect(server.connections).toBe(0);
    } finally {
      await client.close();
      await server.close();
    }
  });
});

describe('requests per resolved address', () => {
  /** Runs one task per slot set, each taking a few ms; returns the most running at once per key. */
  async function peaks(limits: SchedulerLimits, requests: RequestSlots[]): Promise<{ overall: number; byAddress: Map<string, number> }> {
    const scheduler = createRequestScheduler(limits);
    let running = 0;
    let overall = 0;
    const now = new Map<string, number>();
    const byAddress = new Map<string, number>();
    await Promise.all(
      requests.map((slots) =>
        scheduler.run(slots, async () => {
          overall = Math.max(overall, ++running);
          for (const address of slots.addresses) {
            now.set(address, (now.get(address) ?? 0) + 1);
            byAddress.set(address, Math.max(byAddress.get(address) ?? 0, now.get(address)!));
          }
          await new Promise((resolve) => setTimeout(resolve, 5));
          running--;
          for (const address of slots.addresses) now.set(address, now.get(address)! - 1);
        }),
      ),
    );
    return { overall, byAddress };
  }

  const limits = { concurrency: 8, perHost: 2, perAddress: 4 };
  const oneAddress = (host: string) => ({ host, addresses: ['192.0.2.1'] });

  it.each([
    ['40 names of one address: 4 at a time, not 8', limits, names.map(oneAddress), { overall: 4, '192.0.2.1': 4 }],
    ['perAddress 1', { ...limits, perAddress: 1 }, names.map(oneAddress), { overall: 1, '192.0.2.1': 1 }],
    ['names on two addresses: 4 each, 8 in all', limits, names.map((host, i) => ({ host, addresses: [i % 2 ? '192.0.2.1' : '192.0.2.2'] })), { overall: 8, '192.0.2.1': 4, '192.0.2.2': 4 }],
    ['a name resolving to two addresses holds a slot of each', limits, names.map((host, i) => ({ host, addresses: i === 0 ? ['192.0.2.1', '192.0.2.2'] : ['192.0.2.2'] })), { overall: 4, '192.0.2.1': 1, '192.0.2.2': 4 }],
    ['one name: perHost still applies', limits, Array(10).fill(oneAddress('a.example')), { overall: 2, '192.0.2.1': 2 }],
  ] as const)('%s', async (_, given, requests, expected) => {
    const { overall, byAddress } = await peaks(given, [...requests]);
    expect({ overall, ...Object.fromEntries(byAddress) }).toEqual(expected);
  });
});
