import { describe, expect, it } from 'vitest';
import { parseText } from '../manifest/parse.js';
import { judgeAuthorizationRequest, MIN_STATE_LENGTH } from './policy.js';
import { closestRegistered, differenceBetween } from './redirect-match.js';
import { AUTHORIZATION_REASONS } from './reasons.js';
import { registrationFrom, type Registration } from './registration.js';

const MANIFEST = `environment: staging
client_name: Acme Books
client_type: confidential
redirect_uris:
  - https://app.acme-books.io/oauth/callback
  - http://127.0.0.1:8765/callback
scopes:
  - export-jobs:read
  - export-items:read
pkce: S256
`;

const confidential = registrationFrom(parseText(MANIFEST), 'local-acme-books');
const publicClient = registrationFrom(parseText(MANIFEST.replace('confidential', 'public').replace('pkce: S256\n', '')), 'local-acme-books');
const confidentialNoPkce = registrationFrom(parseText(MANIFEST.replace('pkce: S256\n', '')), 'local-acme-books');
const production = registrationFrom(parseText(MANIFEST.replace('staging', 'production')), 'local-acme-books');

const CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM'; // RFC 7636 appendix B
const GOOD = {
  client_id: 'local-acme-books',
  response_type: 'code',
  redirect_uri: 'https://app.acme-books.io/oauth/callback',
  scope: 'export-jobs:read export-items:read',
  state: 'af0ifjsldkj-af0ifjsldkj',
  code_challenge: CHALLENGE,
  code_challenge_method: 'S256',
};

/** The good request with some parameters changed; `null` removes one. */
function request(changes: Record<string, string | null> = {}, extra: [string, string][] = []): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...GOOD, ...changes })) if (value !== null) params.set(key, value);
  for (const [key, value] of extra) params.append(key, value);
  return params;
}

const reasons = (params: URLSearchParams, registration: Registration = confidential) => judgeAuthorizationRequest(params, registration).map((v) => v.reason);

describe('judgeAuthorizationRequest', () => {
  it('passes a good request, for either client type', () => {
    expect(judgeAuthorizationRequest(request(), confidential)).toEqual([]);
    expect(judgeAuthorizationRequest(request(), publicClient)).toEqual([]);
  });

  it.each<[string, Record<string, string | null>, Registration, string[]]>([
    ['no client_id', { client_id: null }, confidential, ['client-id-missing']],
    ['another client_id', { client_id: 'someone-else' }, confidential, ['client-id-unknown']],
    ['no redirect_uri', { redirect_uri: null }, confidential, ['redirect-uri-missing']],
    ['a trailing slash', { redirect_uri: 'https://app.acme-books.io/oauth/callback/' }, confidential, ['redirect-uri-not-registered']],
    ['an unregistered host', { redirect_uri: 'https://evil.example/cb' }, confidential, ['redirect-uri-not-registered']],
    ['a registered http: URI in production', { redirect_uri: 'http://127.0.0.1:8765/callback' }, production, ['redirect-uri-http']],
    ['response_type=token', { response_type: 'token' }, confidential, ['response-type']],
    ['no response_type', { response_type: null }, confidential, ['response-type']],
    ['no scope', { scope: null }, confidential, ['scope-missing']],
    ['an unregistered scope', { scope: 'export-jobs:read vendors:write' }, confidential, ['scope-not-registered']],
    ['plain PKCE', { code_challenge_method: 'plain' }, confidential, ['pkce-plain']],
    ['a challenge without a method (plain by default)', { code_challenge_method: null }, confidential, ['pkce-plain']],
    ['an unknown method', { code_challenge_method: 'S512' }, confidential, ['pkce-plain']],
    ['no PKCE, public client', { code_challenge: null, code_challenge_method: null }, publicClient, ['pkce-required']],
    ['no PKCE, pkce: S256', { code_challenge: null, code_challenge_method: null }, confidential, ['pkce-required']],
    ['a method without a challenge', { code_challenge: null }, confidentialNoPkce, ['code-challenge-format']],
    ['a 42-character challenge', { code_challenge: CHALLENGE.slice(1) }, confidential, ['code-challenge-format']],
    ['a 129-character challenge', { code_challenge: 'a'.repeat(129) }, confidential, ['code-challenge-format']],
    ['a challenge with padding', { code_challenge: `${CHALLENGE}=` }, confidential, ['code-challenge-format']],
    ['a challenge with base64 "+/"', { code_challenge: CHALLENGE.replace('-', '+') }, confidential, ['code-challenge-format']],
    ['no state', { state: null }, confidential, ['state-missing']],
    ['an empty state', { state: '' }, confidential, ['state-missing']],
    ['a short state', { state: 'x'.repeat(MIN_STATE_LENGTH - 1) }, confidential, ['state-short']],
    ['a client secret in the URL', { client_secret: 's3cr3t-s3cr3t-s3cr3t' }, confidential, ['client-secret-in-url']],
  ])('%s', (_name, changes, registration, expected) => {
    expect(reasons(request(changes), registration)).toEqual(expected);
  });

  it('passes no PKCE for a confidential client whose manifest does not ask for it', () => {
    expect(reasons(request({ code_challenge: null, code_challenge_method: null }), confidentialNoPkce)).toEqual([]);
  });

  it('passes a state of exactly the minimum length', () => {
    expect(reasons(request({ state: 'x'.repeat(MIN_STATE_LENGTH) }))).toEqual([]);
  });

  it('accepts any client_id when the registration has none yet', () => {
    const unknown = registrationFrom(parseText(MANIFEST));
    expect(reasons(request({ client_id: 'whatever-pleo-gave' }), unknown)).toEqual([]);
  });

  it('refuses a repeated parameter', () => {
    expect(reasons(request({}, [['state', 'another-state-value-123']]))).toEqual(['parameter-repeated']);
  });

  it('gives every reason of a request with several problems, in the order a server checks them', () => {
    expect(reasons(request({ redirect_uri: 'https://app.acme-books.io/oauth/callback/', state: null, code_challenge_method: 'plain' }))).toEqual([
      'redirect-uri-not-registered',
      'pkce-plain',
      'state-missing',
    ]);
  });

  it('explains a near miss against the manifest, with the line of the closest registered URI', () => {
    const [verdict] = judgeAuthorizationRequest(request({ redirect_uri: 'https://app.acme-books.io/oauth/callback/' }), confidential);
    expect(verdict).toMatchObject({
      severity: 'error',
      message: 'redirect_uri "https://app.acme-books.io/oauth/callback/" is not registered; closest registered: "https://app.acme-books.io/oauth/callback" (differs by a trailing slash)',
      line: 5,
      key: 'redirect_uris/0',
    });
  });

  it('points PKCE refusals at the manifest line that asks for it', () => {
    expect(judgeAuthorizationRequest(request({ code_challenge: null, code_challenge_method: null }), confidential)[0]).toMatchObject({ line: 10, key: 'pkce' });
    expect(judgeAuthorizationRequest(request({ code_challenge: null, code_challenge_method: null }), publicClient)[0]).toMatchObject({ line: 3, key: 'client_type' });
  });

  it('masks a client secret found in the URL', () => {
    const secret = 'k8s9Wq2rT5vX7zA1bC3dE5fG';
    const [verdict] = judgeAuthorizationRequest(request({ client_secret: secret }), confidential);
    expect(verdict!.message).not.toContain(secret);
    expect(verdict!.message).toContain('k8s9…(24 chars)');
  });

  it('spells out invisible characters in quoted values', () => {
    const [verdict] = judgeAuthorizationRequest(request({ scope: 'export-jobs:read\u202Eevil' }), confidential);
    expect(verdict!.message).toContain('\\u{202E}');
    expect(verdict!.message).not.toContain('\u202E');
  });

  it('words every reason with a severity and an OAuth error code', () => {
    for (const [reason, entry] of Object.entries(AUTHORIZATION_REASONS)) {
      expect(['error', 'warning'], reason).toContain(entry.severity);
      expect(entry.oauthError, reason).toMatch(/^[a-z_]+$/);
    }
  });
});

describe('differenceBetween', () => {
  it.each([
    ['https://a.io/cb/', 'https://a.io/cb', 'a trailing slash'],
    ['https://a.io/cb', 'https://a.io/cb/', 'a trailing slash'],
    ['https://A.io/Cb', 'https://a.io/cb', 'letter case'],
    ['http://127.0.0.1:3001/cb', 'http://127.0.0.1:3000/cb', 'the port (:3001 instead of :3000)'],
    ['http://127.0.0.1/cb', 'http://127.0.0.1:3000/cb', 'the port (no port instead of :3000)'],
    ['http://a.io/cb', 'https://a.io/cb', 'the scheme (http: instead of https:)'],
    ['https://a.io/cb?x=1', 'https://a.io/cb', 'the query'],
    ['https://www.a.io/cb', 'https://a.io/cb', 'the host (www.a.io instead of a.io)'],
    ['https://a.io/callback', 'https://a.io/cb', 'the path'],
    ['http://b.io/other', 'https://a.io/cb', undefined],
  ])('%s against %s: %s', (requested, registered, expected) => {
    expect(differenceBetween(requested, registered)).toBe(expected);
  });

  it('names no closest URI when every registered one is far off', () => {
    expect(closestRegistered('https://completely-different.example/xyz/abc', ['https://app.acme-books.io/oauth/callback'])).toBeUndefined();
  });

  it('prefers a URI that differs in one known way over one nearer by edit distance', () => {
    const near = closestRegistered('https://a.io/cb/', ['https://a.io/cx', 'https://a.io/cb']);
    expect(near).toMatchObject({ registered: 'https://a.io/cb', index: 1, difference: 'a trailing slash' });
  });
});
