/**
 * Real HTTP/HTTPS servers on 127.0.0.1 (random ports) for the HTTP client's tests; no test touches
 * the internet.
 *
 * fixtures/tls/ holds a test CA and a server certificate for localhost / 127.0.0.1 / ::1, valid for
 * 100 years. They were generated once (the CA key was thrown away) with:
 *
 *   T=$(mktemp -d)
 *   openssl req -x509 -newkey rsa:2048 -nodes -keyout $T/ca-key.pem -out ca.pem -days 36500 \
 *     -subj "/CN=pleo-register test CA" \
 *     -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign"
 *   openssl req -newkey rsa:2048 -nodes -keyout server-key.pem -out $T/server.csr -subj "/CN=localhost"
 *   printf 'subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1\nbasicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n' > $T/ext.cnf
 *   openssl x509 -req -in $T/server.csr -CA ca.pem -CAkey $T/ca-key.pem -CAserial $T/ca.srl \
 *     -CAcreateserial -out server.pem -days 36500 -extfile $T/ext.cnf
 *   rm -rf $T
 */
import { readFileSync } from 'node:fs';
import { createServer as createHttp } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer as createHttps } from 'node:https';
import { createServer as createTcp } from 'node:net';
import type { AddressInfo, Socket } from 'node:net';
import { createRequire } from 'node:module';
import { expect, vi } from 'vitest';
import { createHttpClient } from '../services/http.js';
import type { HttpClient, HttpClientOptions, Outcome, Resolver } from '../services/http.js';

const tlsDirectory = new URL('../../fixtures/tls/', import.meta.url);

/** The test CA, to pass as the client's `ca`. */
export const TEST_CA = readFileSync(new URL('ca.pem', tlsDirectory), 'utf8');

export type Handler = (request: IncomingMessage, response: ServerResponse) => void;

export interface TestServer {
  /** e.g. `https://127.0.0.1:41234` */
  origin: string;
  port: number;
  /** Requests received, and their paths in order. */
  requests: number;
  paths: string[];
  /** TCP connections accepted. */
  connections: number;
  /** Most requests ever handled at once. */
  maxInFlight: number;
  close(): Promise<void>;
}

export function startHttpServer(handler: Handler): Promise<TestServer> {
  return listen(createHttp(), 'http', handler);
}

export function startHttpsServer(handler: Handler): Promise<TestServer> {
  const server = createHttps({
    cert: readFileSync(new URL('server.pem', tlsDirectory)),
    key: readFileSync(new URL('server-key.pem', tlsDirectory)),
  });
  return listen(server, 'https', handler);
}

/** A TCP server that accepts connections and never says a word (a TLS handshake hangs on it). */
export async function startSilentTcpServer(): Promise<TestServer> {
  return listenOn(createTcp(), 'tcp');
}

/** A port on 127.0.0.1 that nothing listens on (connections are refused). */
export async function closedPort(): Promise<number> {
  const server = createTcp();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function listen(server: Server, scheme: 'http' | 'https', handler: Handler): Promise<TestServer> {
  const state = await listenOn(server, scheme);
  let inFlight = 0;
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    state.requests += 1;
    state.paths.push(request.url ?? '');
    inFlight += 1;
    state.maxInFlight = Math.max(state.maxInFlight, inFlight);
    response.on('close', () => {
      inFlight -= 1;
    });
    handler(request, response);
  });
  return state;
}

async function listenOn(server: Server | ReturnType<typeof createTcp>, scheme: string): Promise<TestServer> {
  const sockets = new Set<Socket>();
  // 'connection' is the TCP accept for http, https and plain net servers alike.
  server.on('connection', (socket: Socket) => {
    state.connections += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const state: TestServer = {
    origin: `${scheme}://127.0.0.1:${port}`,
    port,
    requests: 0,
    paths: [],
    connections: 0,
    maxInFlight: 0,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  return state;
}

/**
 * A resolver for the client's `resolve` option: names map to addresses (or to a function, for
 * answers that change between lookups); anything else does not exist. No test reaches real DNS.
 */
export function resolverFor(table: Record<string, string[] | (() => string[])>): Resolver {
  return async (hostname) => {
    const entry = table[hostname];
    if (entry === undefined) throw Object.assign(new Error(`ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    const addresses = typeof entry === 'function' ? entry() : entry;
    return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
}

// The CommonJS module objects undici itself calls, so spies see every connection attempt.
const require = createRequire(import.meta.url);
const netModule = require('node:net') as typeof import('node:net');
const tlsModule = require('node:tls') as typeof import('node:tls');

/** Spies on net.connect and tls.connect (restore with vi.restoreAllMocks); `hosts` lists the targets. */
export function spyOnConnections(): { hosts: () => string[] } {
  const netConnect = vi.spyOn(netModule, 'connect');
  const tlsConnect = vi.spyOn(tlsModule, 'connect');
  const hostOf = (args: readonly unknown[]): string => {
    const [first] = args;
    return typeof first === 'object' && first !== null && 'host' in first ? String(first.host) : String(first);
  };
  return { hosts: () => [...netConnect.mock.calls, ...tlsConnect.mock.calls].map((call) => hostOf(call)) };
}

/** Creates HTTP clients that are all closed by `closeAll` (call it in afterEach). */
export function clientPool(defaults: HttpClientOptions): {
  create(options?: HttpClientOptions): HttpClient;
  closeAll(): Promise<void>;
} {
  const clients: HttpClient[] = [];
  return {
    create(options = {}) {
      const client = createHttpClient({ ...defaults, ...options });
      clients.push(client);
      return client;
    },
    async closeAll() {
      await Promise.all(clients.splice(0).map((client) => client.close()));
    },
  };
}

/** Asserts the outcome's kind (printing it whole on failure) and narrows its type. */
export function expectKind<K extends Outcome['kind']>(outcome: Outcome, kind: K): Extract<Outcome, { kind: K }> {
  expect(outcome, JSON.stringify(outcome)).toMatchObject({ kind });
  return outcome as Extract<Outcome, { kind: K }>;
}
