import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { TEST_CA, clientPool, expectKind, closedPort, resolverFor, spyOnConnections, startHttpServer, startHttpsServer } from '../test-support/http-servers.js';
import type { TestServer } from '../test-support/http-servers.js';
import type { Outcome } from './http.js';

const PAGE = { method: 'GET', maxBytes: 2 * 1024 * 1024 } as const;

const pool = clientPool({ timeoutMs: 2000, resolve: resolverFor({}) });
const client = pool.create;
afterEach(async () => {
  await pool.closeAll();
  vi.restoreAllMocks();
});

let http: TestServer;
let https: TestServer;

/**
 * /status/404, /to/<url> (302), /chain/<n> (n redirects, then 200), /loop/a ↔ /loop/b, /bytes/<n>,
 * /headers (echoes the request headers), /cookie (sets a cookie, redirects to /headers).
 */
const routes = (request: import('node:http').IncomingMessage, response: import('node:http').ServerResponse): void => {
  const path = request.url ?? '/';
  const [, route = '', argument = ''] = /^\/([a-z]+)\/?(.*)$/.exec(path) ?? [];
  const redirect = (location: string): void => {
    response.writeHead(302, { location }).end('moved');
  };
  switch (route) {
    case 'status':
      response.writeHead(Number(argument), { 'content-type': 'text/plain' }).end(`status ${argument}`);
      return;
    case 'to':
      redirect(decodeURIComponent(argument));
      return;
    case 'chain':
      if (Number(argument) === 0) response.writeHead(200, { 'content-type': 'text/html' }).end('<p>end</p>');
      else redirect(`/chain/${Number(argument) - 1}`);
      return;
    case 'loop':
      redirect(argument === 'a' ? '/loop/b' : '/loop/a');
      return;
    case 'bytes':
      response.writeHead(200, { 'content-type': 'image/png', 'content-length': argument });
      response.end(request.method === 'HEAD' ? undefined : Buffer.alloc(Number(argument), 7));
      return;
    case 'headers':
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(request.headers));
      return;
    case 'cookie':
      response.writeHead(302, { location: '/headers', 'set-cookie': 'session=abc; Path=/' }).end();
      return;
    default:
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<h1>ok</h1>');
  }
};

beforeAll(async () => {
  [http, https] = await Promise.all([startHttpServer(routes), startHttpsServer(routes)]);
});
afterAll(async () => {
  await Promise.all([http.close(), https.close()]);
});

describe('responses', () => {
  it('returns status and content type of an https page (test CA)', async () => {
    const outcome = await client({ allowLoopback: true, ca: TEST_CA }).request(`${https.origin}/`, PAGE);
    expect(outcome).toEqual({ kind: 'response', status: 200, contentType: 'text/html; charset=utf-8', url: `${https.origin}/`, redirects: [] });
  });

  it.each([404, 500])('returns %i as a response, not an error', async (status) => {
    const outcome = expectKind(await client({ allowLoopback: true, ca: TEST_CA }).request(`${https.origin}/status/${status}`, PAGE), 'response');
    expect(outcome.status).toBe(status);
  });

  it('returns the body only when asked', async () => {
    const c = client({ allowLoopback: true });
    const withBody = expectKind(await c.request(`${http.origin}/bytes/1000`, { ...PAGE, readBody: true }), 'response');
    const withoutBody = expectKind(await c.request(`${http.origin}/bytes/1000`, PAGE), 'response');
    expect(withBody.body).toEqual(new Uint8Array(1000).fill(7));
    expect(withoutBody.body).toBeUndefined();
  });

  it('sends HEAD and reads no body', async () => {
    const outcome = expectKind(await client({ allowLoopback: true }).request(`${http.origin}/bytes/5000`, { method: 'HEAD', maxBytes: 10, readBody: true }), 'response');
    expect(outcome).toMatchObject({ status: 200, contentLength: 5000 });
    expect(outcome.body).toBeUndefined();
  });

  it('connects to a name through the resolver and checks the certificate against the name', async () => {
    const resolve = resolverFor({ localhost: ['127.0.0.1'], 'public.test': ['127.0.0.1'] });
    const c = client({ allowLoopback: true, ca: TEST_CA, resolve });
    expect(await c.request(`https://localhost:${https.port}/`, PAGE)).toMatchObject({ kind: 'response', status: 200 });
    expect(await c.request(`https://public.test:${https.port}/`, PAGE)).toMatchObject({ kind: 'tls', reason: 'ERR_TLS_CERT_ALTNAME_INVALID' });
  });

  it('reports an untrusted certificate as tls', async () => {
    const outcome = expectKind(await client({ allowLoopback: true }).request(`${https.origin}/`, PAGE), 'tls');
    expect(outcome.reason).toBe('UNABLE_TO_VERIFY_LEAF_SIGNATURE');
    expect(outcome.url).toBe(`${https.origin}/`);
  });

  it('reports a closed port as refused', async () => {
    const port = await closedPort();
    expect(await client({ allowLoopback: true }).request(`https://127.0.0.1:${port}/`, PAGE)).toEqual({ kind: 'refused', url: `https://127.0.0.1:${port}/`, redirects: [] });
  });

  it('reports an unknown name as dns', async () => {
    expect(await client().request('https://nowhere.test/', PAGE)).toMatchObject({ kind: 'dns', code: 'ENOTFOUND', hostname: 'nowhere.test' });
  });
});

describe('what is sent', () => {
  it('sends a fixed User-Agent, no credentials and no cookies, even after Set-Cookie', async () => {
    const c = client({ allowLoopback: true, ca: TEST_CA, version: '1.2.3' });
    const outcome = expectKind(await c.request(`${https.origin}/cookie`, { ...PAGE, readBody: true }), 'response');
    const sent = JSON.parse(new TextDecoder().decode(outcome.body)) as Record<string, string>;
    expect(sent['user-agent']).toBe('pleo-register/1.2.3 (+link check)');
    expect(sent['accept-encoding']).toBe('identity');
    expect(sent).not.toHaveProperty('cookie');
    expect(sent).not.toHaveProperty('authorization');
  });

  it('ignores proxy environment variables', async () => {
    const proxy = await startHttpServer((_, response) => response.writeHead(502).end());
    try {
      for (const name of ['HTTP_PROXY', 'HTTPS_PROXY', 'http_proxy', 'https_proxy']) vi.stubEnv(name, proxy.origin);
      vi.stubEnv('NO_PROXY', '');
      const outcome = await client({ allowLoopback: true, ca: TEST_CA }).request(`${https.origin}/`, PAGE);
      expect(outcome).toMatchObject({ kind: 'response', status: 200 });
      expect(proxy.connections).toBe(0);
    } finally {
      vi.unstubAllEnvs();
      await proxy.close();
    }
  });
});

describe('URLs that are never requested', () => {
  it.each([
    ['not a url', 'not an absolute URL'],
    ['ftp://example.test/file', 'ftp: URLs are not fetched; only https:'],
    ['http://example.test/', 'http: URLs are not fetched; only https:'],
    ['https://user:secret@example.test/', 'URLs with credentials (user:password@) are not fetched'],
  ])('%s is invalid-url', async (url, reason) => {
    const spy = spyOnConnections();
    expect(await client({ allowLoopback: true }).request(url, PAGE)).toMatchObject({ kind: 'invalid-url', reason });
    expect(spy.hosts()).toEqual([]);
  });

  it('allows plain http: only to a loopback literal, and only with allowLoopback', async () => {
    expect(await client().request(`${http.origin}/`, PAGE)).toMatchObject({ kind: 'blocked', range: 'loopback' });
    expect(await client({ allowLoopback: true }).request(`${http.origin}/`, PAGE)).toMatchObject({ kind: 'response', status: 200 });
    const resolve = resolverFor({ localhost: ['127.0.0.1'] });
    expect(await client({ allowLoopback: true, resolve }).request(`http://localhost:${http.port}/`, PAGE)).toMatchObject({ kind: 'invalid-url' });
  });
});

describe('literal special-use hosts', () => {
  it.each([
    ['https://127.0.0.1/', '127.0.0.1', 'loopback'],
    ['https://[::1]/', '::1', 'loopback'],
    ['https://[::ffff:127.0.0.1]/', '::ffff:7f00:1', 'loopback'],
    ['https://2130706433/', '127.0.0.1', 'loopback'],
    ['https://0x7f.1/', '127.0.0.1', 'loopback'],
    ['https://169.254.169.254/latest/meta-data/', '169.254.169.254', 'cloud metadata service'],
    ['https://100.64.0.1/', '100.64.0.1', 'carrier-grade NAT (RFC 6598)'],
    ['https://[fd00::1]/', 'fd00::1', 'unique local (private)'],
  ])('%s is blocked without connecting', async (url, address, range) => {
    const spy = spyOnConnections();
    const outcome = await client().request(url, PAGE);
    expect(outcome).toMatchObject({ kind: 'blocked', address, range, stage: 'before-connect' });
    expect(spy.hosts()).toEqual([]);
  });
});

describe('redirects', () => {
  it('follows a chain of 3 and reports every hop', async () => {
    const outcome = expectKind(await client({ allowLoopback: true }).request(`${http.origin}/chain/3`, PAGE), 'response');
    expect(outcome).toMatchObject({ status: 200, url: `${http.origin}/chain/0` });
    expect(outcome.redirects).toEqual([`${http.origin}/chain/3`, `${http.origin}/chain/2`, `${http.origin}/chain/1`]);
  });

  it('follows exactly maxRedirects hops', async () => {
    expect(await client({ allowLoopback: true }).request(`${http.origin}/chain/5`, PAGE)).toMatchObject({ kind: 'response', status: 200 });
  });

  it('stops a chain of 6', async () => {
    const endsBefore = http.paths.filter((path) => path === '/chain/0').length;
    const outcome = expectKind(await client({ allowLoopback: true }).request(`${http.origin}/chain/6`, PAGE), 'too-many-redirects');
    expect(outcome.limit).toBe(5);
    expect(outcome.chain).toEqual([6, 5, 4, 3, 2, 1, 0].map((n) => `${http.origin}/chain/${n}`));
    expect(outcome.url).toBe(`${http.origin}/chain/1`);
    expect(http.paths.filter((path) => path === '/chain/0')).toHaveLength(endsBefore); // the 6th hop is never taken
  });

  it('detects a loop', async () => {
    const outcome = expectKind(await client({ allowLoopback: true }).request(`${http.origin}/loop/a`, PAGE), 'redirect-loop');
    expect(outcome.chain).toEqual([`${http.origin}/loop/a`, `${http.origin}/loop/b`, `${http.origin}/loop/a`]);
  });

  it('refuses an https → http downgrade', async () => {
    const target = `${http.origin}/`;
    const outcome = await client({ allowLoopback: true, ca: TEST_CA }).request(`${https.origin}/to/${encodeURIComponent(target)}`, PAGE);
    expect(outcome).toMatchObject({ kind: 'downgrade', from: `${https.origin}/to/${encodeURIComponent(target)}`, to: target });
  });

  it.each([
    ['http://169.254.169.254/latest/meta-data/', '169.254.169.254', 'cloud metadata service'],
    ['https://10.0.0.1/', '10.0.0.1', 'private (RFC 1918)'],
  ])('refuses a redirect to %s without connecting there', async (target, address, range) => {
    const spy = spyOnConnections();
    const started = `${http.origin}/to/${encodeURIComponent(target)}`;
    const outcome = await client({ allowLoopback: true }).request(started, PAGE);
    expect(outcome).toEqual({ kind: 'blocked', address, range, stage: 'before-connect', url: target, redirects: [started] });
    expect(spy.hosts()).toContain('127.0.0.1'); // the spy sees the first hop…
    expect(spy.hosts().filter((host) => host !== '127.0.0.1')).toEqual([]); // …and nothing else
  });

  it('refuses a redirect to a name that resolves to a private address', async () => {
    const resolve = resolverFor({ 'intranet.test': ['192.168.1.10'] });
    const outcome = await client({ allowLoopback: true, resolve }).request(`${http.origin}/to/${encodeURIComponent('https://intranet.test/')}`, PAGE);
    expect(outcome).toMatchObject({ kind: 'blocked', address: '192.168.1.10', url: 'https://intranet.test/' });
  });

  it('resolves a relative Location against the current URL and drops fragments', async () => {
    const outcome = await client({ allowLoopback: true }).request(`${http.origin}/to/${encodeURIComponent('../chain/0#top')}`, PAGE);
    expect(outcome).toMatchObject({ kind: 'response', status: 200, url: `${http.origin}/chain/0` });
  });

  it('refuses a redirect to another scheme', async () => {
    const outcome = await client({ allowLoopback: true }).request(`${http.origin}/to/${encodeURIComponent('file:///etc/passwd')}`, PAGE);
    expect(outcome).toMatchObject({ kind: 'invalid-url', url: 'file:///etc/passwd' });
  });
});
