import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync, mkdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as oauth from 'oauth4webapi';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { judgeAuthorizationRequest, registrationFrom, type Registration } from '../check-request/index.js';
import { parseManifest } from '../manifest/parse.js';
import { shippedCatalogue } from '../resources.js';
import { consentContent, startServer, type LogEntry, type RunningServer } from './index.js';

// The flow as an app runs it: a real OAuth client library (oauth4webapi) against the server, with a
// callback server of the test's own on 127.0.0.1. Nothing leaves the machine.

const root = new URL('../../', import.meta.url).pathname;
const insecure = { [oauth.allowInsecureRequests]: true };

interface Harness {
  server: RunningServer;
  registration: Registration;
  redirectUri: string;
  /** The callback server's port: the registered redirect URI's. */
  callbackPort: number;
  logs: LogEntry[];
  /** Query strings the callback server received. */
  callbacks: URLSearchParams[];
  clientSecret?: string;
  as: oauth.AuthorizationServer;
  client: oauth.Client;
  auth: oauth.ClientAuth;
}

let callbackServer: Server;
let callbackPort: number;
const callbacks: URLSearchParams[] = [];
const dirs: string[] = [];

beforeAll(async () => {
  callbackServer = createServer((req, res) => {
    callbacks.push(new URL(req.url ?? '/', 'http://127.0.0.1').searchParams);
    res.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html><title>callback</title><p>back in the app</p>');
  });
  await new Promise<void>((resolve) => callbackServer.listen(0, '127.0.0.1', resolve));
  callbackPort = (callbackServer.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise((resolve) => callbackServer.close(resolve));
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A manifest from fixtures/serve with the callback server's port, and a server started from it. */
async function harness(fixture: 'confidential' | 'public', options: { autoApprove?: boolean; edit?: (text: string) => string } = {}): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'pleo-register-serve-'));
  dirs.push(dir);
  mkdirSync(join(dir, 'brand'));
  copyFileSync(join(root, 'fixtures/serve/brand/logo.png'), join(dir, 'brand/logo.png'));
  let text = readFileSync(join(root, `fixtures/serve/${fixture}.yaml`), 'utf8').replaceAll(':8765/', `:${callbackPort}/`);
  if (options.edit) text = options.edit(text);
  writeFileSync(join(dir, 'pleo-client.yaml'), text);
  const parsed = parseManifest(new TextEncoder().encode(text));
  const registration = registrationFrom(parsed, 'local-acme-books');
  const clientSecret = registration.clientType === 'confidential' ? 'a-test-secret-of-some-length' : undefined;
  const logs: LogEntry[] = [];
  const logo = readFileSync(join(dir, 'brand/logo.png'));
  const server = await startServer({
    registration,
    clientId: 'local-acme-books',
    ...(clientSecret ? { clientSecret } : {}),
    consent: consentContent(parsed.data ?? {}, shippedCatalogue(), { available: true }),
    logo: { bytes: logo, contentType: 'image/png' },
    port: 0,
    autoApprove: options.autoApprove ?? true,
    accessTokenTtl: 3600,
    log: (entry) => logs.push(entry),
  });
  running.push(server);
  const issuer = new URL(server.issuer);
  const as = await oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, { algorithm: 'oidc', ...insecure }));
  return {
    server,
    registration,
    redirectUri: registration.redirectUris[0]!,
    callbackPort,
    logs,
    callbacks,
    ...(clientSecret ? { clientSecret } : {}),
    as,
    client: { client_id: 'local-acme-books' },
    auth: clientSecret ? oauth.ClientSecretBasic(clientSecret) : oauth.None(),
  };
}

const running: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.close()));
});

/** Follows redirects as a browser does (cookies kept) until one leads to `stopAt`, or a page answers. */
async function follow(start: string, stopAt: string): Promise<{ url: string; status: number; body?: string; location?: string }> {
  const jar = new Map<string, string>();
  let url = start;
  for (let hop = 0; hop < 10; hop++) {
    if (url.startsWith(stopAt)) return { url, status: 0 };
    const response = await fetch(url, { redirect: 'manual', headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') } });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const [name, ...value] = pair!.split('=');
      if (/expires=Thu, 01 Jan 1970/i.test(cookie)) jar.delete(name!);
      else jar.set(name!, value.join('='));
    }
    const location = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || !location) return { url, status: response.status, body: await response.text() };
    url = new URL(location, url).href;
  }
  throw new Error('too many redirects');
}

interface RequestParts {
  redirectUri?: string | null;
  scope?: string | null;
  state?: string | null;
  challenge?: string | null;
  method?: string | null;
  extra?: Record<string, string>;
}

/** An authorization URL as the app would build it; `null` leaves a parameter out. */
async function authorizationUrl(h: Harness, parts: RequestParts = {}): Promise<{ url: URL; verifier: string; state: string | undefined }> {
  const verifier = oauth.generateRandomCodeVerifier();
  const url = new URL(h.as.authorization_endpoint!);
  const set = (name: string, value: string | null | undefined, fallback: string) => {
    if (value !== null) url.searchParams.set(name, value ?? fallback);
  };
  url.searchParams.set('client_id', h.client.client_id);
  url.searchParams.set('response_type', 'code');
  set('redirect_uri', parts.redirectUri, h.redirectUri);
  set('scope', parts.scope, h.registration.scopes.join(' '));
  const state = parts.state === null ? undefined : (parts.state ?? oauth.generateRandomState());
  if (state !== undefined) url.searchParams.set('state', state);
  set('code_challenge', parts.challenge, await oauth.calculatePKCECodeChallenge(verifier));
  set('code_challenge_method', parts.method, 'S256');
  for (const [key, value] of Object.entries(parts.extra ?? {})) url.searchParams.set(key, value);
  return { url, verifier, state };
}

/** Runs the authorization request through to the redirect; the callback's parameters. */
async function authorize(h: Harness, parts: RequestParts = {}) {
  const request = await authorizationUrl(h, parts);
  const landed = await follow(request.url.href, `http://127.0.0.1:${h.callbackPort}/`);
  return { ...request, landed, params: landed.status === 0 ? new URL(landed.url).searchParams : undefined };
}

const lastLog = (h: Harness, endpoint: string) => h.logs.filter((entry) => entry.endpoint === endpoint).at(-1);

describe.each(['confidential', 'public'] as const)('the flow of a %s client, run by oauth4webapi', (fixture) => {
  it('discovers, authorizes with PKCE S256 and state, lands on the callback, exchanges the code, refreshes and rotates', async () => {
    const h = await harness(fixture);
    expect(h.as.code_challenge_methods_supported).toEqual(['S256']);
    expect(h.as.response_types_supported).toEqual(['code']);

    const { landed, verifier, state } = await authorize(h);
    expect(landed.url.startsWith(h.redirectUri)).toBe(true);
    // The redirect target is reached, as the browser would reach it.
    const before = callbacks.length;
    await fetch(landed.url);
    expect(callbacks.length).toBe(before + 1);
    expect(callbacks.at(-1)!.get('state')).toBe(state);
    expect(callbacks.at(-1)!.get('code')).toMatch(/\S{20,}/);

    const params = oauth.validateAuthResponse(h.as, h.client, new URL(landed.url), state!);
    const tokens = await oauth.processAuthorizationCodeResponse(
      h.as,
      h.client,
      await oauth.authorizationCodeGrantRequest(h.as, h.client, h.auth, params, h.redirectUri, verifier, insecure),
    );
    expect(tokens.access_token).toBeTruthy();
    expect(tokens.token_type.toLowerCase()).toBe('bearer');
    expect(tokens.expires_in).toBe(3600);
    expect(tokens.scope?.split(' ').sort()).toEqual([...h.registration.scopes].sort());
    expect(tokens.refresh_token).toBeTruthy();
    expect(lastLog(h, 'token')).toMatchObject({ outcome: 'ok', status: 200 });

    const refreshed = await oauth.processRefreshTokenResponse(
      h.as,
      h.client,
      await oauth.refreshTokenGrantRequest(h.as, h.client, h.auth, tokens.refresh_token!, insecure),
    );
    expect(refreshed.access_token).not.toBe(tokens.access_token);
    expect(refreshed.refresh_token).toBeTruthy();
    expect(refreshed.refresh_token).not.toBe(tokens.refresh_token);
    expect(lastLog(h, 'token')?.message).toMatch(/rotated/);

    // The rotated-out refresh token no longer works.
    const reused = await oauth.refreshTokenGrantRequest(h.as, h.client, h.auth, tokens.refresh_token!, insecure);
    await expect(oauth.processRefreshTokenResponse(h.as, h.client, reused)).rejects.toMatchObject({ error: 'invalid_grant' });
    expect(lastLog(h, 'token')).toMatchObject({ outcome: 'refused', reason: 'refresh-token-replayed' });
  });
});

describe('client authentication of a confidential client', () => {
  it('takes client_secret_post as well as client_secret_basic', async () => {
    const h = await harness('confidential');
    const { landed, verifier, state } = await authorize(h);
    const params = oauth.validateAuthResponse(h.as, h.client, new URL(landed.url), state!);
    const response = await oauth.authorizationCodeGrantRequest(h.as, h.client, oauth.ClientSecretPost(h.clientSecret!), params, h.redirectUri, verifier, insecure);
    expect((await oauth.processAuthorizationCodeResponse(h.as, h.client, response)).access_token).toBeTruthy();
  });
});

describe('refusals, each logged with its reason', () => {
  it('an unregistered redirect URI: an error page, no redirect', async () => {
    const h = await harness('confidential');
    const other = `http://127.0.0.1:${h.callbackPort}/elsewhere`;
    const { landed } = await authorize(h, { redirectUri: other });
    expect(landed.status).toBe(400);
    expect(landed.url).toContain('/auth?');
    expect(landed.body).toContain('invalid_redirect_uri');
    expect(landed.body).toContain('is not registered');
    expect(lastLog(h, 'authorization')).toMatchObject({ outcome: 'refused', reason: 'redirect-uri-not-registered', status: 400 });
  });

  it.each([
    ['a trailing slash', (uri: string) => `${uri}/`, 'differs by a trailing slash'],
    ['letter case', (uri: string) => uri.replace('/oauth/callback', '/OAuth/callback'), 'differs by letter case'],
    ['the port', (uri: string) => uri.replace(/:(\d+)\//, (_, port: string) => `:${Number(port) === 65535 ? 65534 : Number(port) + 1}/`), 'differs by the port'],
  ])('a redirect URI that differs by %s: refused, with the closest registered one and the line', async (_name, change, words) => {
    const h = await harness('confidential');
    const { landed } = await authorize(h, { redirectUri: change(h.redirectUri) });
    expect(landed.status).toBe(400);
    const log = lastLog(h, 'authorization')!;
    expect(log.reason).toBe('redirect-uri-not-registered');
    expect(log.message).toContain(`closest registered: "${h.redirectUri}" (${words}`);
    expect(log.line).toBe(19);
  });

  it.each([
    ['plain PKCE', 'confidential', { method: 'plain' }, 'pkce-plain', 'invalid_request'],
    ['a missing PKCE challenge on a public client', 'public', { challenge: null, method: null }, 'pkce-required', 'invalid_request'],
    ['a missing state', 'confidential', { state: null }, 'state-missing', 'invalid_request'],
    ['an unregistered scope', 'confidential', { scope: 'export-jobs:read vendors:write' }, 'scope-not-registered', 'invalid_scope'],
    ['a client secret in the URL', 'confidential', { extra: { client_secret: 'a-test-secret-of-some-length' } }, 'client-secret-in-url', 'invalid_request'],
  ] as const)('%s: an OAuth error sent back to the app, with the state', async (_name, fixture, parts, reason, error) => {
    const h = await harness(fixture);
    const { landed, state } = await authorize(h, parts as RequestParts);
    expect(landed.status).toBe(0);
    const params = new URL(landed.url).searchParams;
    expect(params.get('error')).toBe(error);
    expect(params.get('code')).toBeNull();
    expect(params.get('state')).toBe(state ?? null);
    expect(lastLog(h, 'authorization')).toMatchObject({ outcome: 'refused', reason });
  });

  it('a missing PKCE challenge when the manifest says pkce: S256 (confidential client)', async () => {
    const h = await harness('confidential');
    const { landed } = await authorize(h, { challenge: null, method: null });
    expect(new URL(landed.url).searchParams.get('error')).toBe('invalid_request');
    expect(lastLog(h, 'authorization')).toMatchObject({ reason: 'pkce-required', line: 23 });
  });

  it('a short state passes, with a warning in the log', async () => {
    const h = await harness('confidential');
    const { landed } = await authorize(h, { state: 'abc123' });
    expect(new URL(landed.url).searchParams.get('code')).toBeTruthy();
    expect(h.logs.some((entry) => entry.outcome === 'warning' && entry.reason === 'state-short')).toBe(true);
  });

  async function codeFor(h: Harness) {
    const { landed, verifier, state } = await authorize(h);
    return { params: oauth.validateAuthResponse(h.as, h.client, new URL(landed.url), state!), verifier };
  }

  it('a wrong client secret', async () => {
    const h = await harness('confidential');
    const { params, verifier } = await codeFor(h);
    const response = await oauth.authorizationCodeGrantRequest(h.as, h.client, oauth.ClientSecretBasic('not-the-secret'), params, h.redirectUri, verifier, insecure);
    expect(response.status).toBe(401);
    await expect(oauth.processAuthorizationCodeResponse(h.as, h.client, response)).rejects.toMatchObject({ cause: [{ parameters: { error: 'invalid_client' } }] });
    expect(lastLog(h, 'token')).toMatchObject({ outcome: 'refused', reason: 'client-auth-failed' });
  });

  it('a replayed code', async () => {
    const h = await harness('confidential');
    const { params, verifier } = await codeFor(h);
    const exchange = () => oauth.authorizationCodeGrantRequest(h.as, h.client, h.auth, params, h.redirectUri, verifier, insecure);
    await oauth.processAuthorizationCodeResponse(h.as, h.client, await exchange());
    await expect(oauth.processAuthorizationCodeResponse(h.as, h.client, await exchange())).rejects.toMatchObject({ error: 'invalid_grant' });
    expect(lastLog(h, 'token')).toMatchObject({ outcome: 'refused', reason: 'code-replayed' });
  });

  it('a verifier that does not match', async () => {
    const h = await harness('public');
    const { params } = await codeFor(h);
    const response = await oauth.authorizationCodeGrantRequest(h.as, h.client, h.auth, params, h.redirectUri, oauth.generateRandomCodeVerifier(), insecure);
    await expect(oauth.processAuthorizationCodeResponse(h.as, h.client, response)).rejects.toMatchObject({ error: 'invalid_grant' });
    expect(lastLog(h, 'token')).toMatchObject({ outcome: 'refused', reason: 'pkce-verifier-mismatch' });
  });

  it('a code exchanged with another redirect URI than it was issued for', async () => {
    const h = await harness('confidential');
    const { params, verifier } = await codeFor(h);
    const response = await oauth.authorizationCodeGrantRequest(h.as, h.client, h.auth, params, `${h.redirectUri}/`, verifier, insecure);
    await expect(oauth.processAuthorizationCodeResponse(h.as, h.client, response)).rejects.toMatchObject({ error: 'invalid_grant' });
    expect(lastLog(h, 'token')).toMatchObject({ outcome: 'refused', reason: 'code-redirect-uri-mismatch' });
  });

  it('json log entries carry time, endpoint, outcome, reason and message', async () => {
    const h = await harness('confidential');
    await authorize(h, { state: null });
    const entry = lastLog(h, 'authorization')!;
    expect(Object.keys(entry)).toEqual(expect.arrayContaining(['time', 'endpoint', 'outcome', 'reason', 'message']));
    expect(new Date(entry.time).getTime()).not.toBeNaN();
    expect(entry.path).toBe('/auth');
  });
});

describe('check-request and serve agree', () => {
  // Each URL: judged by check-request's policy, then sent to the server. Whatever the policy passes
  // gets a code; whatever it refuses is refused, and the server's log gives the policy's first reason.
  const cases: [string, 'confidential' | 'public', RequestParts][] = [
    ['a good request', 'confidential', {}],
    ['a good public request', 'public', {}],
    ['a short state', 'public', { state: 'short' }],
    ['no scope', 'confidential', { scope: null }],
    ['trailing slash', 'confidential', { redirectUri: 'TRAILING' }],
    ['plain', 'public', { method: 'plain' }],
    ['no method', 'public', { method: null }],
    ['a short challenge', 'public', { challenge: 'abc' }],
    ['a challenge with a dot', 'public', { challenge: `${'a'.repeat(42)}.` }],
    ['no challenge, public', 'public', { challenge: null, method: null }],
    ['no challenge, confidential with pkce: S256', 'confidential', { challenge: null, method: null }],
    ['no state', 'public', { state: null }],
    ['an empty state', 'public', { state: '' }],
    ['unregistered scope', 'public', { scope: 'users:read' }],
    ['secret in the URL', 'confidential', { extra: { client_secret: 'x'.repeat(20) } }],
    ['token response type', 'confidential', { extra: { response_type: 'token' } }],
    ['two problems', 'public', { state: null, method: 'plain' }],
  ];
  it.each(cases)('%s', async (_name, fixture, parts) => {
    const h = await harness(fixture);
    const resolved = { ...parts, ...(parts.redirectUri === 'TRAILING' ? { redirectUri: `${h.redirectUri}/` } : {}) };
    const { url, landed } = await authorize(h, resolved);
    const verdicts = judgeAuthorizationRequest(url.searchParams, h.registration);
    const refusals = verdicts.filter((verdict) => verdict.severity === 'error');
    const log = lastLog(h, 'authorization')!;
    if (refusals.length === 0) {
      expect(landed.status, `${landed.url} ${JSON.stringify(h.logs)}`).toBe(0);
      expect(landed.url, JSON.stringify(h.logs)).toContain('code=');
      expect(new URL(landed.url).searchParams.get('code')).toBeTruthy();
    } else {
      const code = landed.status === 0 ? new URL(landed.url).searchParams.get('code') : null;
      expect(code).toBeNull();
      expect(log.outcome).toBe('refused');
      expect(log.reason).toBe(refusals[0]!.reason);
      expect(log.reasons).toEqual(verdicts.map((verdict) => verdict.reason));
    }
  });
});

const CHROMIUM = '/usr/bin/chromium';

// Skipped on a machine without Debian's chromium, never in CI (CI installs it: a missing browser fails there).
describe.skipIf(!existsSync(CHROMIUM) && !process.env.CI)('the consent screen in a real browser (headless Chromium)', () => {
  // A fresh profile per run: launchPersistentContext is playwright's way to give Chromium its --user-data-dir.
  let browser: import('playwright-core').BrowserContext;
  beforeAll(async () => {
    const { chromium } = await import('playwright-core');
    const profile = mkdtempSync(join(tmpdir(), 'pleo-register-chromium-'));
    dirs.push(profile);
    browser = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  async function openConsent(h: Harness) {
    const page = await browser.newPage();
    const outside: string[] = [];
    page.on('request', (request) => {
      const host = new URL(request.url()).hostname;
      if (host !== '127.0.0.1') outside.push(request.url());
    });
    const { url, state } = await authorizationUrl(h);
    await page.goto(url.href);
    const signIn = await page.locator('main').innerText();
    await page.getByRole('button', { name: /Sign in as Test User/ }).click();
    await page.waitForURL(/\/interaction\//);
    await page.getByRole('button', { name: 'Allow access' }).waitFor();
    return { page, state, outside, signIn };
  }

  it('shows the sign-in and consent pages, and Allow lands on the redirect URI with a code and the same state', async () => {
    const h = await harness('confidential', { autoApprove: false });
    const { page, state, outside } = await openConsent(h);
    const text = await page.locator('main').innerText();
    expect(text).toContain('Acme Books');
    expect(text).toContain('wants to access your Pleo account');
    expect(text).toContain('export-jobs:read');
    expect(text).toContain('Read export jobs');
    expect(text).toContain('Terms of service');
    expect(await page.locator('img.logo').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Allow access' }).click();
    await page.waitForURL(`${h.redirectUri}?**`);
    const landed = new URL(page.url());
    expect(landed.searchParams.get('code')).toBeTruthy();
    expect(landed.searchParams.get('state')).toBe(state);
    expect(await page.locator('body').innerText()).toContain('back in the app');
    expect(outside).toEqual([]);
    await page.close();
  }, 60_000);

  it('Cancel lands on the redirect URI with error=access_denied and the state', async () => {
    const h = await harness('public', { autoApprove: false });
    const { page, state, signIn } = await openConsent(h);
    expect(signIn).toContain('of the organisation Test Organisation');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.waitForURL(`${h.redirectUri}?**`);
    const landed = new URL(page.url());
    expect(landed.searchParams.get('error')).toBe('access_denied');
    expect(landed.searchParams.get('state')).toBe(state);
    expect(landed.searchParams.get('code')).toBeNull();
    expect(h.logs.some((entry) => entry.reason === 'access-denied')).toBe(true);
    await page.close();
  }, 60_000);
});
