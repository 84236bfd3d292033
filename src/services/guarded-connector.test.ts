import type { LookupAddress } from 'node:dns';
import type { Socket } from 'node:net';
import { buildConnector } from 'undici';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { resolverFor, startHttpServer } from '../test-support/http-servers.js';
import type { TestServer } from '../test-support/http-servers.js';
import { createGuardedConnector, guardedLookup, withRemoteAddressCheck } from './guarded-connector.js';
import type { Connector } from './guarded-connector.js';
import { BlockedAddressError } from './http-outcome.js';

let server: TestServer;
beforeAll(async () => {
  server = await startHttpServer((_, response) => response.end('ok'));
});
afterAll(() => server.close());

type Connected = { error: Error; socket?: undefined } | { error?: undefined; socket: Socket };

function connect(connector: Connector, hostname: string): Promise<Connected> {
  return new Promise((resolve) => {
    connector({ hostname, host: `${hostname}:${server.port}`, protocol: 'http:', port: String(server.port) }, (error, socket) => {
      resolve(error === null ? { socket } : { error });
    });
  });
}

/** A lookup that a rebinding DNS fooled: it says nothing suspicious, yet lands on 127.0.0.1. */
const fooledLookup = (_: string, options: { all?: boolean }, callback: (error: null, address: string | LookupAddress[], family?: number) => void): void => {
  if (options.all === true) callback(null, [{ address: '127.0.0.1', family: 4 }]);
  else callback(null, '127.0.0.1', 4);
};

describe('the connected-socket check', () => {
  it('destroys a connection whose peer is special-use, whatever the lookup said', async () => {
    const connectionsBefore = server.connections;
    const requestsBefore = server.requests;
    const result = await connect(withRemoteAddressCheck(buildConnector({ lookup: fooledLookup }), false), 'rebind.test');
    expect(result.error).toBeInstanceOf(BlockedAddressError);
    expect(result.error).toMatchObject({ address: '127.0.0.1', range: 'loopback', stage: 'on-connect' });
    // The TCP connection did happen (this layer is the last line), but no request was sent on it.
    await vi.waitFor(() => expect(server.connections).toBe(connectionsBefore + 1));
    expect(server.requests).toBe(requestsBefore);
  });

  it('hands over the socket when the peer is allowed', async () => {
    const result = await connect(withRemoteAddressCheck(buildConnector({ lookup: fooledLookup }), true), 'rebind.test');
    expect(result.socket?.remoteAddress).toBe('127.0.0.1');
    result.socket?.destroy();
  });
});

describe('createGuardedConnector', () => {
  it('refuses an IP literal before opening anything', async () => {
    const connectionsBefore = server.connections;
    const result = await connect(createGuardedConnector({ allowLoopback: false, connectTimeoutMs: 1000 }), '127.0.0.1');
    expect(result.error).toMatchObject({ address: '127.0.0.1', range: 'loopback', stage: 'before-connect' });
    expect(server.connections).toBe(connectionsBefore);
  });

  it('refuses a name whose connect-time answer is special-use, before opening anything', async () => {
    const connectionsBefore = server.connections;
    const resolve = resolverFor({ 'rebind.test': ['127.0.0.1'] });
    const result = await connect(createGuardedConnector({ allowLoopback: false, connectTimeoutMs: 1000, resolve }), 'rebind.test');
    expect(result.error).toMatchObject({ address: '127.0.0.1', stage: 'before-connect' });
    expect(server.connections).toBe(connectionsBefore);
  });

  it('connects to an allowed name through the resolver', async () => {
    const resolve = resolverFor({ 'local.test': ['127.0.0.1'] });
    const result = await connect(createGuardedConnector({ allowLoopback: true, connectTimeoutMs: 1000, resolve }), 'local.test');
    expect(result.socket?.remoteAddress).toBe('127.0.0.1');
    result.socket?.destroy();
  });
});

describe('guardedLookup', () => {
  const lookup = guardedLookup(resolverFor({ 'dual.test': ['2606:4700::1111', '1.1.1.1'], 'bad.test': ['1.1.1.1', '169.254.169.254'] }), false);
  const ask = (hostname: string, options: { all?: boolean; family?: number }): Promise<unknown[]> =>
    new Promise((resolve) => lookup(hostname, options, (...args: unknown[]) => resolve(args)));

  it('answers with every address when asked for all (autoSelectFamily)', async () => {
    expect(await ask('dual.test', { all: true })).toEqual([null, [{ address: '2606:4700::1111', family: 6 }, { address: '1.1.1.1', family: 4 }]]);
  });

  it('answers with one address of the wanted family otherwise', async () => {
    expect(await ask('dual.test', { family: 4 })).toEqual([null, '1.1.1.1', 4]);
    expect(await ask('dual.test', {})).toEqual([null, '2606:4700::1111', 6]);
  });

  it('refuses a name with any special-use address', async () => {
    const [error] = await ask('bad.test', { all: true });
    expect(error).toMatchObject({ address: '169.254.169.254', range: 'cloud metadata service' });
  });

  it('passes resolver errors through', async () => {
    const [error] = await ask('missing.test', { all: true });
    expect(error).toMatchObject({ code: 'ENOTFOUND' });
  });
});
