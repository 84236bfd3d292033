import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { LOGO_REQUEST, PAGE_REQUEST } from '../rules/utils/outcome.js';
import type { Io } from './lint-command.js';

/**
 * Runs what a lint runs — an offline lint of `manifest`, then requests through the guarded client —
 * so that V8's code cache taken afterwards (scripts/code-cache.js) holds that code compiled, undici's
 * included. The requests go to a server of its own on 127.0.0.1, through the library option that
 * allows loopback; nothing leaves the machine.
 */
export async function warmUp(manifest: string, main: (argv: readonly string[], io: Io) => Promise<number>): Promise<void> {
  const sink = new Writable({ write: (_chunk, _encoding, done) => done() });
  const io: Io = { cwd: process.cwd(), env: {}, stdin: process.stdin, stdout: sink, stderr: sink };
  await main(['lint', '--offline', manifest], io);

  const server = createServer((request, response) => {
    if (request.url === '/moved') response.writeHead(301, { location: '/' }).end();
    else response.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>warm-up</title>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { createHttpClient } = await import('../services/http.js');
  const client = createHttpClient({ allowLoopback: true, timeoutMs: 5_000 });
  try {
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await Promise.all([client.request(`${origin}/`, PAGE_REQUEST), client.request(`${origin}/moved`, PAGE_REQUEST), client.request(`${origin}/logo`, LOGO_REQUEST)]);
  } finally {
    await client.close();
    server.close();
  }
}
