/**
 * Servers that misbehave on purpose, all on 127.0.0.1: every request must end, within the request
 * deadline, with an outcome the link rules turn into a warning or an error — never a hang, a crash or
 * unbounded memory. What http.test.ts, http-limits.test.ts and http-timeouts.test.ts already prove
 * (a silent TCP server, a byte-per-50-ms body, a fast endless 200 body over plain http, a declared
 * Content-Length over the cap, chains of 6 and a two-step loop) is not repeated here.
 *
 * The servers speak HTTP by hand over TLS, so they can lie in ways node:http would not let them, and
 * answer for `*.acme-books.io` (names the test resolver maps to 127.0.0.1), so 10 host names can share
 * one machine. Their certificate is self-signed and trusted through the client's `ca` option; it was
 * made once (the key below is a throwaway, used nowhere else) with:
 *
 *   openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout key.pem -out cert.pem \
 *     -days 36500 -subj "/CN=hostile.acme-books.io" -addext "subjectAltName=DNS:*.acme-books.io,IP:127.0.0.1" \
 *     -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,digitalSignature,keyCertSign" \
 *     -addext "extendedKeyUsage=serverAuth"
 */
import { createServer as createTcpServer } from 'node:net';
import type { AddressInfo, Server as TcpServer, Socket } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import type { Server as TlsServer, TLSSocket } from 'node:tls';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Problem } from '../diagnostics.js';
import { lint as lintManifest } from '../index.js';
import { createLogoLoader } from '../logo/load.js';
import { describeOutcome, isInconclusive, LOGO_REQUEST, PAGE_REQUEST } from '../rules/utils/outcome.js';
import { expectKind, resolverFor } from '../test-support/http-servers.js';
import { createHttpClient } from './http.js';
import type { HttpClientOptions, Outcome, RequestOptions } from './http.js';

const CERT = `-----BEGIN CERTIFICATE-----
MIIB3zCCAYagAwIBAgIUaUN3kBsT1Xtnop5D7D/CUiIbQ5gwCgYIKoZIzj0EAwIw
IDEeMBwGA1UEAwwVaG9zdGlsZS5hY21lLWJvb2tzLmlvMCAXDTI2MTEyODE1NDcy
OVoYDzIxMjYxMTA0MTU0NzI5WjAgMR4wHAYDVQQDDBVob3N0aWxlLmFjbWUtYm9v
a3MuaW8wWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAATt7oa7ib2SLUGjp2QTT/uj
VvtOSdvg6TbYO+M652I4t48ffcuV9w6iDpyvyB0D3wKcC4CY99FdMiiyz2fDOtFO
o4GbMIGYMB0GA1UdDgQWBBR+Hncao9tu+3gBnSET+2V+VNjtoDAfBgNVHSMEGDAW
gBR+Hncao9tu+3gBnSET+2V+VNjtoDAgBgNVHREEGTAXgg8qLmFjbWUtYm9va3Mu
aW+HBH8AAAEwDwYDVR0TAQH/BAUwAwEB/zAOBgNVHQ8BAf8EBAMCAoQwEwYDVR0l
BAwwCgYIKwYBBQUHAwEwCgYIKoZIzj0EAwIDRwAwRAIgOwPuenl2vrZyFwbVo38A
Ytoe94j9qWu8IbvEapzc8T4CIBz1+pP2RU/nYCt+TrmprD9n7ITcHEJYC+k8f4HU
BFK+
-----END CERTIFICATE-----
`;
// A throwaway key for the certificate above (test servers on 127.0.0.1 only), split so that no
// secret scanner mistakes this file for a leak.
const KEY = [`-----BEGIN ${'PRIVATE'} KEY-----`, 'MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgifYnkkx8skj7TeQ1', '7I3cTwZlE6H7Mtlj+w8IZilK09ahRANCAATt7oa7ib2SLUGjp2QTT/ujVvtOSdvg', '6TbYO+M652I4t48ffcuV9w6iDpyvyB0D3wKcC4CY99FdMiiyz2fDOtFO', `-----END ${'PRIVATE'} KEY-----`, ''].join('\n');

/** The per-phase timeout every client here gets. */
const TIMEOUT_MS = 250;
/** The client's whole-request deadline (HttpClientOptions.timeoutMs): 2 × timeoutMs + 1 s. */
const DEADLINE_MS = 2 * TIMEOUT_MS + 1000;
/**
 * What one request to a stalling server may take: only time ends it, so it is bounded in time, at 3 ×
 * the deadline for a loaded machine. A request that ends on a count (bytes at a cap, redirects at
 * the limit, a header overflow) is bounded by that count instead: had it waited, it would have ended
 * as a timeout.
 */
const ONE_REQUEST_BOUND_MS = 3 * DEADLINE_MS;
const MAX_REDIRECTS = 5;
const MiB = 1024 * 1024;
/** Bytes an endless body may be pumped to a client that reads 64 KiB of it: loopback socket buffers take a few MiB. */
const PUMPED_BOUND = 32 * MiB;

// ---------------------------------------------------------------------------------------------
// Servers that speak HTTP/1.1 by hand over TLS.

interface RawRequest {
  method: string;
  path: string;
}

type Respond = (socket: TLSSocket, request: RawRequest) => void;

interface HostileServer {
  port: number;
  /** Request heads received, in order, and TCP connections accepted. */
  paths: string[];
  connections: number;
  /** Bytes of endless bodies written to clients: what they read, and what socket buffers took. */
  pumped: number;
  close(): Promise<void>;
}

const servers: HostileServer[] = [];
/** The server of each TLS connection, for the bytes pumped to it. */
const serverOfSocket = new WeakMap<Socket, HostileServer>();

/** A TLS server for `*.acme-books.io` that hands each request head (any number per connection) to `respond`. */
async function startHostile(respond: Respond): Promise<HostileServer> {
  const sockets = new Set<Socket>();
  const server: TlsServer = createTlsServer({ cert: CERT, key: KEY }, (socket) => {
    serverOfSocket.set(socket, state);
    let pending = '';
    socket.on('data', (data: Buffer) => {
      pending += data.toString('latin1');
      for (let end = pending.indexOf('\r\n\r\n'); end >= 0; end = pending.indexOf('\r\n\r\n')) {
        const [method = '', path = ''] = pending.slice(0, end).split(' ');
        pending = pending.slice(end + 4);
        state.paths.push(path);
        respond(socket, { method, path });
      }
    });
  });
  server.on('connection', (socket: Socket) => {
    state.connections += 1;
    track(sockets, socket);
  });
  server.on('secureConnection', (socket: TLSSocket) => track(sockets, socket));
  server.on('tlsClientError', () => undefined);
  const state = await listen(server, sockets);
  return state;
}

/** Accepts TCP, reads the ClientHello, answers with the first 6 bytes of a ServerHello record, and stalls. */
async function startTlsStall(): Promise<HostileServer> {
  const sockets = new Set<Socket>();
  const server = createTcpServer((socket) => {
    track(sockets, socket);
    state.connections += 1;
    socket.once('data', () => socket.write(Buffer.from([0x16, 0x03, 0x03, 0x00, 0x7a, 0x02])));
  });
  const state = await listen(server, sockets);
  return state;
}

function track(sockets: Set<Socket>, socket: Socket): void {
  sockets.add(socket);
  socket.on('error', () => undefined); // the client hangs up on purpose; writes then fail
  socket.on('close', () => sockets.delete(socket));
}

async function listen(server: TlsServer | TcpServer, sockets: Set<Socket>): Promise<HostileServer> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const hostile: HostileServer = {
    port: (server.address() as AddressInfo).port,
    paths: [],
    connections: 0,
    pumped: 0,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  servers.push(hostile);
  return hostile;
}

function head(status: string, headers: Record<string, string | number> = {}): string {
  return `HTTP/1.1 ${status}\r\n${Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join('')}\r\n`;
}

/** Writes `chunk` for ever, as fast as the client reads (honouring backpressure), until the socket closes. */
function pump(socket: Socket, chunk: Buffer): void {
  const server = serverOfSocket.get(socket);
  const write = (): void => {
    while (!socket.destroyed) {
      if (server) server.pumped += chunk.length;
      if (!socket.write(chunk)) break;
    }
    if (!socket.destroyed) socket.once('drain', write);
  };
  write();
}

/** Calls `tick` every `ms` until the socket closes. */
function every(socket: Socket, ms: number, tick: () => void): void {
  const timer = setInterval(() => (socket.destroyed ? clearInterval(timer) : tick()), ms);
  socket.on('close', () => clearInterval(timer));
}

const chunked = (data: Buffer): Buffer => Buffer.concat([Buffer.from(`${data.length.toString(16)}\r\n`), data, Buffer.from('\r\n')]);
const FILLER = chunked(Buffer.alloc(64 * 1024, 0x61));
/** 32 MiB of zeros, gzipped: about 32 KiB on the wire. */
const BOMB = gzipSync(Buffer.alloc(32 * MiB));

/** The hostile behaviours; each kind is one server, and `path` is what to request of it. */
const behaviours = {
  /** The status line and headers, one byte a second. */
  'slow-headers': (socket) => {
    const bytes = Buffer.from(head('200 OK', { 'content-type': 'text/html', 'content-length': 2 }) + 'ok');
    let sent = 0;
    socket.write(bytes.subarray(sent, ++sent));
    every(socket, 1000, () => socket.write(bytes.subarray(sent, ++sent)));
  },
  /** A 200 whose chunked body never ends. */
  'endless-body': (socket) => {
    socket.write(head('200 OK', { 'content-type': 'text/html', 'transfer-encoding': 'chunked' }));
    pump(socket, FILLER);
  },
  /** A 404 whose body never ends: the client drains error bodies only a little. */
  'endless-404': (socket) => {
    socket.write(head('404 Not Found', { 'transfer-encoding': 'chunked' }));
    pump(socket, FILLER);
  },
  /** A redirect whose body never ends, to an endless 404 like the one above. */
  'endless-302': (socket, { path }) => {
    const status = path.endsWith('/404') ? '404 Not Found' : '302 Found';
    socket.write(head(status, { ...(status === '302 Found' ? { location: `${path}/404` } : {}), 'transfer-encoding': 'chunked' }));
    pump(socket, FILLER);
  },
  /** A redirect whose body trickles a byte every 100 ms and never ends. */
  'trickle-302': (socket, { path }) => {
    socket.write(head('302 Found', { location: `${path}/next`, 'content-type': 'text/html', 'transfer-encoding': 'chunked' }));
    every(socket, 100, () => socket.write(chunked(Buffer.from('.'))));
  },
  /** /chain/<n> redirects to /chain/<n + 1>, up to 1,000 hops. */
  'redirect-chain': (socket, { path }) => {
    const n = Number(/\/(\d+)$/.exec(path)?.[1] ?? 0);
    const base = path.replace(/\/\d+$/, '');
    if (n >= 1000) socket.write(head('200 OK', { 'content-length': 2 }) + 'ok');
    else socket.write(head('302 Found', { location: `${base}/${n + 1}`, 'content-length': 0 }));
  },
  /** Redirects to itself. */
  'redirect-loop': (socket, { path }) => {
    socket.write(head('301 Moved Permanently', { location: path, 'content-length': 0 }));
  },
  /** 1 MiB of response headers (undici refuses more than 16 KiB). */
  'huge-headers': (socket) => {
    const line = `x-padding: ${'p'.repeat(1000)}\r\n`;
    socket.write('HTTP/1.1 200 OK\r\n' + line.repeat(Math.ceil(MiB / line.length)) + 'content-length: 2\r\n\r\nok');
  },
  /** Promises 1 MiB, sends 64 KiB, then resets the TCP connection (RST). */
  'reset-mid-body': (socket) => {
    socket.write(head('200 OK', { 'content-length': MiB }));
    socket.write(Buffer.alloc(64 * 1024, 0x62), () => (socket as TLSSocket & { _parent?: Socket })._parent?.resetAndDestroy());
  },
  /** Claims 10 bytes, sends 1 MiB. */
  'length-too-short': (socket) => {
    socket.write(head('200 OK', { 'content-type': 'text/html', 'content-length': 10 }));
    socket.write(Buffer.alloc(MiB, 0x63));
  },
  /** Claims 1 MiB, sends 10 bytes and closes. */
  'length-too-long': (socket) => {
    socket.end(head('200 OK', { 'content-type': 'text/html', 'content-length': MiB }) + '0123456789');
  },
  /** A gzip bomb the client never asked for (it sends accept-encoding: identity). */
  'gzip-bomb': (socket) => {
    socket.write(head('200 OK', { 'content-type': 'image/png', 'content-encoding': 'gzip', 'content-length': BOMB.length }));
    socket.write(BOMB);
  },
  /** The same bomb, gzip member after gzip member (still valid gzip), for ever. */
  'endless-gzip': (socket) => {
    socket.write(head('200 OK', { 'content-type': 'text/html', 'content-encoding': 'gzip', 'transfer-encoding': 'chunked' }));
    pump(socket, chunked(BOMB));
  },
  /** A status line that never ends: "HTTP/1.1 200 AAAA…" with no line break, as fast as the client reads. */
  'endless-status-line': (socket) => {
    socket.write('HTTP/1.1 200 ');
    pump(socket, Buffer.alloc(64 * 1024, 0x41));
  },
  /** A chunk-size line whose extension never ends: "1;aaaa…". */
  'endless-chunk-extension': (socket) => {
    socket.write(head('200 OK', { 'transfer-encoding': 'chunked' }) + '1;');
    pump(socket, Buffer.alloc(64 * 1024, 0x61));
  },
  /** A last chunk, then a trailer field that never ends. */
  'endless-trailer': (socket) => {
    socket.write(head('200 OK', { 'transfer-encoding': 'chunked' }) + '2\r\nok\r\n0\r\nx-trailer: ');
    pump(socket, Buffer.alloc(64 * 1024, 0x61));
  },
  /** "102 Processing" every 50 ms, and never a final response. */
  'informational-flood': (socket) => {
    every(socket, 50, () => socket.write('HTTP/1.1 102 Processing\r\n\r\n'));
  },
} satisfies Record<string, Respond>;

type Kind = keyof typeof behaviours | 'tls-stall';
const KINDS: Kind[] = [...(Object.keys(behaviours) as (keyof typeof behaviours)[]), 'tls-stall'];
const serverOf = {} as Record<Kind, HostileServer>;

beforeAll(async () => {
  for (const kind of KINDS) serverOf[kind] = kind === 'tls-stall' ? await startTlsStall() : await startHostile(behaviours[kind]);
});
afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
});

/** Ten host names, all 127.0.0.1 to the test resolver. */
const HOSTS = Array.from({ length: 10 }, (_, i) => `h${i}.acme-books.io`);
const resolve = resolverFor(Object.fromEntries(HOSTS.map((host) => [host, ['127.0.0.1']])));

function urlOf(kind: Kind, path: string, host = 'h0.acme-books.io'): string {
  return `https://${host}:${serverOf[kind].port}${path}`;
}

function newClient(options: HttpClientOptions = {}) {
  return createHttpClient({ allowLoopback: true, resolve, ca: CERT, timeoutMs: TIMEOUT_MS, maxRedirects: MAX_REDIRECTS, ...options });
}

/** One request through a fresh client: its outcome and how long it took (closing the client excluded). */
async function timed(url: string, options: RequestOptions = PAGE_REQUEST): Promise<{ outcome: Outcome; ms: number }> {
  const client = newClient();
  const started = performance.now();
  try {
    const outcome = await client.request(url, options);
    return { outcome, ms: performance.now() - started };
  } finally {
    await client.close();
  }
}

/** The outcome reads as a reason, and is a warning (inconclusive) or an error for the link rules. */
function expectReported(outcome: Outcome, severity: 'warning' | 'error'): void {
  expect(outcome.kind, JSON.stringify(outcome)).not.toBe('response');
  expect(describeOutcome(outcome)).toMatch(/^[a-z].{10,}$/);
  expect(isInconclusive(outcome) ? 'warning' : 'error', JSON.stringify(outcome)).toBe(severity);
}

const paths = (kind: Kind, prefix: string) => serverOf[kind].paths.filter((path) => path.startsWith(prefix));

// Each test has its own paths on the shared servers, so they can run side by side.
describe.concurrent(`one hostile server at a time (timeoutMs ${TIMEOUT_MS}, bound ${ONE_REQUEST_BOUND_MS} ms each)`, () => {
  it('headers sent one byte a second: timeout (warning)', async () => {
    const { outcome, ms } = await timed(urlOf('slow-headers', '/single'));
    expect(outcome).toMatchObject({ kind: 'timeout' });
    expectReported(outcome, 'warning');
    expect(ms).toBeLessThan(ONE_REQUEST_BOUND_MS);
  });

  it('a 200 body that never ends over TLS: too-large at the cap (warning)', async () => {
    const { outcome } = await timed(urlOf('endless-body', '/single'));
    const tooLarge = expectKind(outcome, 'too-large');
    expect(tooLarge.received).toBeLessThan(PAGE_REQUEST.maxBytes + 256 * 1024);
    expectReported(outcome, 'warning');
    expect(paths('endless-body', '/single')).toHaveLength(1);
  });

  it('a 404 body that never ends: the 404 is reported (error) after draining at most a little', async () => {
    const { outcome } = await timed(urlOf('endless-404', '/single'));
    expect(outcome).toMatchObject({ kind: 'response', status: 404 });
    expect(describeOutcome(outcome)).toBe('answered HTTP 404');
    expect(isInconclusive(outcome)).toBe(false);
    expect(paths('endless-404', '/single')).toHaveLength(1);
    // 64 KiB drained, and socket buffers filled; draining until the deadline takes hundreds of MiB.
    expect(serverOf['endless-404'].pumped, 'bytes pumped').toBeLessThan(PUMPED_BOUND);
  });

  it('a redirect with a body that never ends: followed, to an endless 404 (error)', async () => {
    const { outcome } = await timed(urlOf('endless-302', '/single'));
    expect(outcome).toMatchObject({ kind: 'response', status: 404, url: urlOf('endless-302', '/single/404') });
    expect(isInconclusive(outcome)).toBe(false);
    expect(paths('endless-302', '/single')).toEqual(['/single', '/single/404']);
    expect(serverOf['endless-302'].pumped, 'bytes pumped').toBeLessThan(2 * PUMPED_BOUND);
  });

  it('a redirect whose body trickles for ever: the deadline ends the whole request (warning)', async () => {
    const { outcome, ms } = await timed(urlOf('trickle-302', '/single'));
    expect(outcome).toMatchObject({ kind: 'timeout', phase: 'total', ms: DEADLINE_MS });
    expectReported(outcome, 'warning');
    expect(ms).toBeLessThan(ONE_REQUEST_BOUND_MS);
  });

  it(`a redirect chain of 1,000 hops: too-many-redirects after ${MAX_REDIRECTS} (error), ${MAX_REDIRECTS + 1} requests at most`, async () => {
    const { outcome } = await timed(urlOf('redirect-chain', '/single/0'));
    const stopped = expectKind(outcome, 'too-many-redirects');
    expect(stopped.limit).toBe(MAX_REDIRECTS);
    expect(stopped.redirects).toHaveLength(MAX_REDIRECTS);
    expect(paths('redirect-chain', '/single/').length).toBeLessThanOrEqual(MAX_REDIRECTS + 1);
    expectReported(outcome, 'error');
  });

  it('a redirect to itself: redirect-loop (error), after one request', async () => {
    const { outcome } = await timed(urlOf('redirect-loop', '/single'));
    expect(outcome).toMatchObject({ kind: 'redirect-loop', chain: [urlOf('redirect-loop', '/single'), urlOf('redirect-loop', '/single')] });
    expect(paths('redirect-loop', '/single')).toHaveLength(1);
    expectReported(outcome, 'error');
  });

  it('1 MiB of response headers: a network error (warning), not a crash', async () => {
    const { outcome } = await timed(urlOf('huge-headers', '/single'));
    expect(outcome).toMatchObject({ kind: 'network-error', code: 'UND_ERR_HEADERS_OVERFLOW' });
    expectReported(outcome, 'warning');
    expect(paths('huge-headers', '/single')).toHaveLength(1);
  });

  it('a TLS handshake that stalls after the first bytes of the ServerHello: connect timeout (warning)', async () => {
    const { outcome, ms } = await timed(urlOf('tls-stall', '/single'));
    expect(outcome).toMatchObject({ kind: 'timeout' });
    expectReported(outcome, 'warning');
    expect(ms).toBeLessThan(ONE_REQUEST_BOUND_MS);
  });

  it('a connection reset in the middle of the body: a network error (warning)', async () => {
    const { outcome } = await timed(urlOf('reset-mid-body', '/single'));
    expect(outcome).toMatchObject({ kind: 'network-error' });
    expectReported(outcome, 'warning');
    expect(paths('reset-mid-body', '/single')).toHaveLength(1);
  });

  it('Content-Length 10 with 1 MiB sent: the body stops at 10 bytes and the rest never poses as the next response', async () => {
    const client = newClient();
    try {
      const first = expectKind(await client.request(urlOf('length-too-short', '/single/a'), { ...PAGE_REQUEST, readBody: true }), 'response');
      expect(first.body).toEqual(new Uint8Array(10).fill(0x63));
      // The same origin again: the leftover bytes on the first connection must not be read as an answer.
      const second = expectKind(await client.request(urlOf('length-too-short', '/single/b'), { ...PAGE_REQUEST, readBody: true }), 'response');
      expect(second).toMatchObject({ status: 200, body: new Uint8Array(10).fill(0x63) });
      expect(paths('length-too-short', '/single/')).toEqual(['/single/a', '/single/b']);
      expect(serverOf['length-too-short'].connections).toBe(2); // the connection with leftovers was not reused
    } finally {
      await client.close();
    }
  });

  it('Content-Length 1 MiB with 10 bytes sent, then closed: a network error (warning)', async () => {
    const { outcome } = await timed(urlOf('length-too-long', '/single'));
    expect(outcome).toMatchObject({ kind: 'network-error' });
    expectReported(outcome, 'warning');
    expect(paths('length-too-long', '/single')).toHaveLength(1);
  });

  it('a gzip bomb sent unasked: the logo body is the compressed bytes, never inflated', async () => {
    const { outcome } = await timed(urlOf('gzip-bomb', '/single'), LOGO_REQUEST);
    const response = expectKind(outcome, 'response');
    expect(response.body?.byteLength).toBe(BOMB.length); // inflated, it would be 32 MiB: over the 10 MiB cap
    expect(Buffer.from(response.body!).equals(BOMB)).toBe(true);
    expect(paths('gzip-bomb', '/single')).toHaveLength(1);
  });

  it('an endless gzip stream: too-large at the cap, counted in bytes on the wire (warning)', async () => {
    const { outcome } = await timed(urlOf('endless-gzip', '/single'));
    const tooLarge = expectKind(outcome, 'too-large');
    expect(tooLarge.received).toBeLessThan(PAGE_REQUEST.maxBytes + 256 * 1024);
    expectReported(outcome, 'warning');
    expect(paths('endless-gzip', '/single')).toHaveLength(1);
  });

  // Bytes at full speed that never complete a part of the message: undici's phase timers are not
  // restarted by them (or its header-size cap stops them), and its parser streams, so memory stays flat.
  it.each([
    ['a status line that never ends', 'endless-status-line', { kind: 'timeout', phase: 'headers' }],
    ['a chunk extension that never ends', 'endless-chunk-extension', { kind: 'timeout', phase: 'body' }],
    ['a trailer that never ends', 'endless-trailer', { kind: 'network-error', code: 'UND_ERR_HEADERS_OVERFLOW' }],
  ] as const)('%s (%s), streamed as fast as it is read, ends with a warning', async (_, kind, expected) => {
    const { outcome, ms } = await timed(urlOf(kind, '/single'));
    expect(outcome).toMatchObject(expected);
    expectReported(outcome, 'warning');
    expect(ms).toBeLessThan(ONE_REQUEST_BOUND_MS);
  });

  // undici restarts its headers timer with every 1xx, so only the request deadline ends this one.
  it('"102 Processing" every 50 ms and no final answer: the deadline ends it (warning)', async () => {
    const { outcome, ms } = await timed(urlOf('informational-flood', '/single'));
    expect(outcome).toMatchObject({ kind: 'timeout', phase: 'total', ms: DEADLINE_MS });
    expectReported(outcome, 'warning');
    expect(ms).toBeLessThan(ONE_REQUEST_BOUND_MS);
  });
});

describe('many hostile URLs at once', () => {
  /** Ten kinds: three end on a timer (slow headers, trickle, TLS stall), the others on the spot. */
  const BATCH: { kind: Kind; severity: 'warning' | 'error' }[] = [
    { kind: 'slow-headers', severity: 'warning' },
    { kind: 'endless-body', severity: 'warning' },
    { kind: 'trickle-302', severity: 'warning' },
    { kind: 'redirect-chain', severity: 'error' },
    { kind: 'redirect-loop', severity: 'error' },
    { kind: 'huge-headers', severity: 'warning' },
    { kind: 'tls-stall', severity: 'warning' },
    { kind: 'reset-mid-body', severity: 'warning' },
    { kind: 'length-too-long', severity: 'warning' },
    { kind: 'endless-gzip', severity: 'warning' },
  ];
  const N = 50;
  const CONCURRENCY = 8;
  const PER_HOST = 2;
  const PER_HOST_REQUESTS = N / HOSTS.length; // 5
  /**
   * Every request holds a slot for at most one deadline D of work. While the last request to end
   * waited, either all CONCURRENCY slots were busy (at most (N − 1) × D / CONCURRENCY of time) or its
   * host had PER_HOST requests in flight (at most (PER_HOST_REQUESTS − 1) × D / PER_HOST); then it
   * ran for at most D. So the batch ends within ((N − 1) / 8 + (5 − 1) / 2 + 1) × D = 9.125 × 1.5 s
   * ≈ 13.7 s, plus 1 s for the event loop. Run one after another, the same URLs could take 50 × D = 75 s.
   * Only time (stalling servers among them); the bound is a worst case, about 3 × what the batch takes.
   */
  const BATCH_BOUND_MS = Math.ceil(((N - 1) / CONCURRENCY + (PER_HOST_REQUESTS - 1) / PER_HOST + 1) * DEADLINE_MS) + 1000;

  it(`${N} URLs of 10 kinds on ${HOSTS.length} host names end within ${BATCH_BOUND_MS} ms, each with a warning or an error`, async () => {
    const client = newClient({ concurrency: CONCURRENCY, perHost: PER_HOST });
    const urls = Array.from({ length: N }, (_, i) => {
      const { kind, severity } = BATCH[(i + Math.floor(i / HOSTS.length)) % BATCH.length]!; // each host gets 5 different kinds
      const path = kind === 'redirect-chain' ? `/batch-${i}/0` : `/batch-${i}`;
      return { url: urlOf(kind, path, HOSTS[i % HOSTS.length]), kind, severity };
    });
    const heapBefore = process.memoryUsage().heapUsed;
    const started = performance.now();
    try {
      const outcomes = await Promise.all(urls.map(({ url }) => client.request(url, PAGE_REQUEST)));
      const elapsed = performance.now() - started;
      outcomes.forEach((outcome, i) => expectReported(outcome, urls[i]!.severity));
      expect(elapsed).toBeLessThan(BATCH_BOUND_MS);
      // Nothing was inflated or kept: 50 capped or refused bodies leave no trace on the heap worth counting.
      expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(256 * MiB);
      for (const { url } of urls.filter(({ kind }) => kind === 'redirect-chain')) {
        const prefix = new URL(url).pathname.replace(/0$/, '');
        expect(paths('redirect-chain', prefix).length).toBeLessThanOrEqual(MAX_REDIRECTS + 1);
      }
    } finally {
      await client.close();
    }
  });
});

describe('hostile pages through the engine', () => {
  const pages = () => ({
    client_uri: urlOf('slow-headers', '/engine', 'h1.acme-books.io'),
    tos_uri: urlOf('redirect-chain', '/engine/legal/terms/0', 'h2.acme-books.io'),
    policy_uri: urlOf('redirect-loop', '/engine/legal/privacy', 'h3.acme-books.io'),
    initiation_uri: urlOf('reset-mid-body', '/engine/pleo/connect', 'h4.acme-books.io'),
    settings_uri: urlOf('huge-headers', '/engine/pleo/settings', 'h5.acme-books.io'),
  });
  const redirectUris = () => [
    urlOf('tls-stall', '/engine/oauth/pleo/callback', 'h6.acme-books.io'),
    urlOf('length-too-long', '/engine/oauth/pleo/callback', 'h7.acme-books.io'),
    urlOf('endless-gzip', '/engine/oauth/pleo/callback', 'h8.acme-books.io'),
    urlOf('informational-flood', '/engine/oauth/pleo/callback', 'h9.acme-books.io'),
  ];

  it('reports every hostile page as a warning or an error of uri-reachable / redirect-uri-reachable, in bounded time', async () => {
    const [pageUrls, redirects] = [pages(), redirectUris()];
    const manifest = [
      'client_name: Acme Books',
      ...Object.entries(pageUrls).map(([key, url]) => `${key}: ${url}`),
      'logo: ./brand/logo.png',
      'contacts:',
      '  - integrations@acme-books.io',
      'client_type: confidential',
      'redirect_uris:',
      ...redirects.map((url) => `  - ${url}`),
      'scopes:',
      '  - export-jobs:read',
      'pkce: S256',
      '',
    ].join('\n');
    const client = newClient();
    const request = (url: string, options: RequestOptions) => client.request(url, options);
    const manifestDir = new URL('../../fixtures/valid/', import.meta.url).pathname;
    // 9 URLs on 9 host names: at most 8 at once, so two rounds of the deadline at most. Stalling
    // servers among them make this only time: 3 × that, for a loaded machine.
    const bound = 3 * 2 * DEADLINE_MS;
    const started = performance.now();
    try {
      const result = await lintManifest(
        new TextEncoder().encode(manifest),
        { file: 'pleo-client.yaml' },
        { online: true, request, loadLogo: createLogoLoader({ manifestDir, online: true, request }) },
      );
      expect(performance.now() - started).toBeLessThan(bound);
      const summary = (p: Problem) => `${p.severity} ${p.ruleId} ${p.path}: ${p.message}`;
      expect(result.problems.map(summary)).toHaveLength(Object.keys(pageUrls).length + redirects.length);
      for (const problem of result.problems) {
        expect(['uri-reachable', 'redirect-uri-reachable'], summary(problem)).toContain(problem.ruleId);
        expect(['warning', 'error'], summary(problem)).toContain(problem.severity);
        // Names the URL and says what happened, in words.
        expect(problem.message, summary(problem)).toMatch(/^(Could not verify .*"https:\/\/h\d\.acme-books\.io:\d+\/engine.*": [a-z]|.*"https:\/\/h\d\.acme-books\.io:\d+\/engine.*" is not reachable: [a-z])/);
      }
      const byPath = Object.fromEntries(result.problems.map((p) => [p.path, p]));
      expect(byPath['/client_uri']).toMatchObject({ severity: 'warning', messageId: 'unverified' });
      expect(byPath['/tos_uri']).toMatchObject({ severity: 'error', messageId: 'unreachable' });
      expect(byPath['/tos_uri']!.message).toContain('it redirects more than 5 times');
      expect(byPath['/policy_uri']).toMatchObject({ severity: 'error', messageId: 'unreachable' });
      expect(byPath['/policy_uri']!.message).toContain('it redirects in a loop');
      expect(byPath['/settings_uri']!.message).toContain('the request failed (Headers Overflow Error)');
      expect(byPath['/redirect_uris/0']!.message).toMatch(/no answer within 250 ms \(connect\)/);
      expect(byPath['/redirect_uris/2']!.message).toContain('its body is larger than 2 MiB');
      expect(byPath['/redirect_uris/3']!.message).toContain('(the whole request)');
    } finally {
      await client.close();
    }
  });
});
