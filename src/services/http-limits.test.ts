import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  TEST_CA,
  clientPool,
  expectKind,
  resolverFor,
  spyOnConnections,
  startHttpServer,
  startHttpsServer,
} from '../test-support/http-servers.js';
import type { TestServer } from '../test-support/http-servers.js';

const PAGE = { method: 'GET', maxBytes: 2 * 1024 * 1024 } as const;
const pool = clientPool({ timeoutMs: 2000, resolve: resolverFor({}) });
const client = pool.create;

const servers: TestServer[] = [];
async function serve(start: Promise<TestServer>): Promise<TestServer> {
  const server = await start;
  servers.push(server);
  return server;
}
afterEach(async () => {
  await pool.closeAll();
  await Promise.all(servers.splice(0).map((server) => server.close()));
  vi.restoreAllMocks();
});

/** Writes chunks until the client goes away, honouring backpressure. */
function endless(response: ServerResponse, chunk: Buffer): void {
  const write = (): void => {
    while (!response.destroyed && response.write(chunk));
    if (!response.destroyed) response.once('drain', write);
  };
  write();
}

describe('body limits', () => {
  it('stops reading an endless body soon after maxBytes', async () => {
    const firehose = await serve(startHttpServer((_, response) => endless(response.writeHead(200), Buffer.alloc(16 * 1024, 1))));
    const maxBytes = 256 * 1024;
    const outcome = expectKind(await client({ allowLoopback: true }).request(`${firehose.origin}/`, { method: 'GET', maxBytes }), 'too-large');
    expect(outcome.limit).toBe(maxBytes);
    expect(outcome.received).toBeGreaterThan(maxBytes);
    expect(outcome.received).toBeLessThan(maxBytes + 128 * 1024); // at most a chunk or two past the cap
  });

  it('refuses a declared Content-Length over the cap without reading the body', async () => {
    const huge = await serve(
      startHttpServer((_, response) => {
        response.writeHead(200, { 'content-length': String(50 * 1024 * 1024) });
        response.write(Buffer.alloc(1024));
      }),
    );
    const outcome = await client({ allowLoopback: true }).request(`${huge.origin}/`, { method: 'GET', maxBytes: 10 * 1024 * 1024 });
    expect(outcome).toMatchObject({ kind: 'too-large', limit: 10 * 1024 * 1024, contentLength: 50 * 1024 * 1024, received: 0 });
  });
});

describe('one request per URL, bounded concurrency', () => {
  const slowly = (_: unknown, response: ServerResponse): void => {
    setTimeout(() => response.writeHead(200).end('ok'), 80);
  };

  it('memoises: the same URL twice reaches the server once', async () => {
    const server = await serve(startHttpServer(slowly));
    const c = client({ allowLoopback: true });
    const [first, second] = await Promise.all([c.request(`${server.origin}/a`, PAGE), c.request(`${server.origin}/a#part`, PAGE)]);
    const third = await c.request(`${server.origin}/a`, PAGE);
    expect(first).toMatchObject({ kind: 'response', status: 200 });
    expect(second).toBe(first);
    expect(third).toBe(first);
    expect(server.requests).toBe(1);
  });

  it('keeps at most perHost (2) requests in flight to one host', async () => {
    const server = await serve(startHttpServer(slowly));
    const progress: Array<[number, number]> = [];
    const c = client({ allowLoopback: true, onProgress: (done, total) => progress.push([done, total]) });
    const outcomes = await Promise.all([1, 2, 3, 4, 5, 6].map((n) => c.request(`${server.origin}/${n}`, PAGE)));
    expect(outcomes.every((outcome) => outcome.kind === 'response')).toBe(true);
    expect(server.requests).toBe(6);
    expect(server.maxInFlight).toBe(2);
    expect(progress.at(-1)).toEqual([6, 6]);
  });

  it('keeps at most `concurrency` requests in flight overall', async () => {
    const server = await serve(startHttpServer(slowly));
    const c = client({ allowLoopback: true, concurrency: 1, perHost: 4 });
    await Promise.all([1, 2, 3].map((n) => c.request(`${server.origin}/${n}`, PAGE)));
    expect(server.maxInFlight).toBe(1);
  });
});

describe('names that resolve to special-use addresses', () => {
  it('refuses evil.test → 127.0.0.1 without connecting', async () => {
    const server = await serve(startHttpsServer((_, response) => response.end('secret')));
    const resolve = resolverFor({ 'evil.test': ['127.0.0.1'] });
    const outcome = await client({ resolve, ca: TEST_CA }).request(`https://evil.test:${server.port}/`, PAGE);
    expect(outcome).toMatchObject({ kind: 'blocked', address: '127.0.0.1', range: 'loopback', url: `https://evil.test:${server.port}/` });
    expect(server.connections).toBe(0);
  });

  it('refuses a name when any of its addresses is special-use', async () => {
    const resolve = resolverFor({ 'mixed.test': ['8.8.8.8', '10.1.2.3'] });
    const spy = spyOnConnections();
    expect(await client({ resolve }).request('https://mixed.test/', PAGE)).toMatchObject({ kind: 'blocked', address: '10.1.2.3' });
    expect(spy.hosts()).toEqual([]);
  });

  it('refuses DNS rebinding: public at the first lookup, 127.0.0.1 at connect time', async () => {
    const server = await serve(startHttpsServer((_, response) => response.end('secret')));
    const answers = [['93.184.215.14'], ['127.0.0.1']];
    let lookups = 0;
    const resolve = resolverFor({ 'rebind.test': () => answers[Math.min(lookups++, 1)] ?? [] });
    const outcome = await client({ resolve, ca: TEST_CA }).request(`https://rebind.test:${server.port}/`, PAGE);
    expect(outcome).toMatchObject({ kind: 'blocked', address: '127.0.0.1', range: 'loopback' });
    expect(lookups).toBe(2); // the early check passed; the connect-time answer was refused
    expect(server.connections).toBe(0);
    expect(server.requests).toBe(0);
  });

  it('reports a resolver timeout as dns', async () => {
    const hang = (): Promise<never> => new Promise<never>(() => undefined);
    const outcome = await client({ resolve: hang, timeoutMs: 200 }).request('https://slow-dns.test/', PAGE);
    expect(outcome).toMatchObject({ kind: 'dns', code: 'ETIMEOUT', hostname: 'slow-dns.test' });
  });
});
