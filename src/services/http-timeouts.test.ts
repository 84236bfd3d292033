import { describe, expect, it } from 'vitest';
import { resolverFor, startHttpServer, startSilentTcpServer } from '../test-support/http-servers.js';
import type { TestServer } from '../test-support/http-servers.js';
import { createHttpClient } from './http.js';
import type { Outcome } from './http.js';

const PAGE = { method: 'GET', maxBytes: 2 * 1024 * 1024 } as const;

/** Requests `url` with timeoutMs 300, then closes the client and `server`. */
async function requestSlowly(server: TestServer, url: string): Promise<{ outcome: Outcome; elapsedMs: number }> {
  const client = createHttpClient({ allowLoopback: true, timeoutMs: 300, resolve: resolverFor({}) });
  const started = performance.now();
  try {
    const outcome = await client.request(url, PAGE);
    return { outcome, elapsedMs: performance.now() - started };
  } finally {
    await client.close();
    await server.close();
  }
}

// undici's phase timers tick at ~0.5 s, so each of these takes up to ~1.6 s; they run side by side.
// The time bounds only prove "ended by a timeout, not hung": a stalled server is only time, so they
// stay in time, at 3 × the overall deadline (2 × timeoutMs + 1 s), room enough for a loaded machine.
const BOUND_MS = 3 * (2 * 300 + 1000);
describe.concurrent('timeouts (timeoutMs 300)', () => {
  it('ends a server that never answers with a headers timeout', async () => {
    const silent = await startHttpServer(() => undefined);
    const { outcome, elapsedMs } = await requestSlowly(silent, `${silent.origin}/`);
    expect(outcome).toMatchObject({ kind: 'timeout', phase: 'headers', ms: 300, url: `${silent.origin}/` });
    expect(elapsedMs).toBeLessThan(BOUND_MS);
  });

  it('ends a byte-per-50-ms body with the overall deadline (2 × timeoutMs + 1 s)', async () => {
    const drip = await startHttpServer((_, response) => {
      response.writeHead(200, { 'content-type': 'text/html' });
      const timer = setInterval(() => response.write('.'), 50);
      response.on('close', () => clearInterval(timer));
    });
    const { outcome, elapsedMs } = await requestSlowly(drip, `${drip.origin}/`);
    expect(outcome).toMatchObject({ kind: 'timeout', phase: 'total', ms: 1600 });
    expect(drip.requests).toBe(1);
    expect(elapsedMs).toBeLessThan(BOUND_MS);
  });

  it('ends a TLS handshake that never completes with a connect timeout', async () => {
    const tarpit = await startSilentTcpServer();
    const { outcome, elapsedMs } = await requestSlowly(tarpit, `https://127.0.0.1:${tarpit.port}/`);
    expect(outcome).toMatchObject({ kind: 'timeout', phase: 'connect', ms: 300 });
    expect(tarpit.connections).toBe(1);
    expect(elapsedMs).toBeLessThan(BOUND_MS);
  });
});
