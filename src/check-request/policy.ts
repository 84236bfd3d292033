import type { SourceRange } from '../diagnostics.js';
import { mask } from '../secrets/redact.js';
import { clip } from '../text/describe.js';
import { isAllowedLoopback } from '../uri/uri.js';
import { closestRegistered } from './redirect-match.js';
import { AUTHORIZATION_REASONS, type AuthorizationReason, type Verdict } from './reasons.js';
import type { Registration } from './registration.js';

/** Below this many characters a state value is guessable (RFC 6749 §10.10 asks for one that is not). */
export const MIN_STATE_LENGTH = 16;

/** RFC 7636 §4.2: BASE64URL(SHA256(verifier)) for S256 is 43 characters; 43–128 is the allowed range. */
const CODE_CHALLENGE = /^[A-Za-z0-9_-]{43,128}$/;

/** The parameters that must appear at most once (RFC 6749 §3.1). */
const SINGLE_PARAMETERS = ['response_type', 'client_id', 'redirect_uri', 'scope', 'state', 'code_challenge', 'code_challenge_method'];

/**
 * What an authorization server holding this registration, as Pleo would, says of an authorization
 * request: every refusal (error) and every weakness (warning), in the order a server checks them.
 * Pure: the parameters and the registration in, the verdicts out. `check-request` reports them;
 * `serve` refuses a request that has an error among them.
 */
export function judgeAuthorizationRequest(params: URLSearchParams, registration: Registration): Verdict[] {
  const verdicts: Verdict[] = [];
  const add: Add = (reason, message, where = {}) =>
    verdicts.push({ reason, severity: AUTHORIZATION_REASONS[reason].severity, message, ...definedOnly({ line: where.range?.line, range: where.range, key: where.key }) });
  const lines = registration.lines;

  for (const name of SINGLE_PARAMETERS) {
    const count = params.getAll(name).length;
    if (count > 1) add('parameter-repeated', `${name} is given ${count} times; each parameter may appear once`);
  }
  const param = (name: string) => params.get(name) ?? undefined;

  const clientId = param('client_id');
  if (clientId === undefined || clientId === '') add('client-id-missing', 'client_id is missing; send the client id the server gave the app');
  else if (registration.clientId !== undefined && clientId !== registration.clientId) {
    add('client-id-unknown', `client_id ${quote(clientId)} is not this registration's client id ${quote(registration.clientId)}`);
  }

  const redirectUri = param('redirect_uri');
  if (redirectUri === undefined) {
    add('redirect-uri-missing', 'redirect_uri is missing; send one of the registered redirect URIs, exactly as registered', {
      range: lines.redirectUrisKey,
      key: 'redirect_uris',
    });
  } else {
    judgeRedirectUri(redirectUri, registration, add);
  }

  const responseType = param('response_type');
  if (responseType !== 'code') {
    add('response-type', `response_type is ${responseType === undefined ? 'missing' : quote(responseType)}; only "code" is allowed (the authorization code flow)`);
  }

  const scope = param('scope');
  const scopes = scope === undefined ? [] : scope.split(' ').filter((s) => s !== '');
  if (scopes.length === 0) {
    add('scope-missing', 'scope is missing; request the registered scopes the app needs, separated by spaces', { range: lines.scopesKey, key: 'scopes' });
  }
  for (const requested of new Set(scopes)) {
    if (registration.scopes.includes(requested)) continue;
    const registered = registration.scopes.length > 0 ? registration.scopes.map(quote).join(', ') : 'none';
    add('scope-not-registered', `scope ${quote(requested)} is not registered; registered: ${registered}`, { range: lines.scopesKey, key: 'scopes' });
  }

  judgePkce(params, registration, add);

  const state = param('state');
  if (state === undefined || state === '') {
    add('state-missing', 'state is missing; send an unguessable value per request and check it on the callback (CSRF protection)');
  } else if (state.length < MIN_STATE_LENGTH) {
    add('state-short', `state is ${state.length} characters long; under ${MIN_STATE_LENGTH} it is guessable: use at least 128 bits of randomness`);
  }

  const secret = param('client_secret');
  if (secret !== undefined) {
    add('client-secret-in-url', `client_secret (${mask(secret)}) is in the authorization URL, which the browser, logs and referrers see; it belongs in the token request only. Rotate it`);
  }
  return verdicts;
}

type Add = (reason: AuthorizationReason, message: string, where?: { range?: SourceRange; key?: string }) => void;

function judgeRedirectUri(requested: string, registration: Registration, add: Add): void {
  const lines = registration.lines;
  const index = registration.redirectUris.indexOf(requested);
  if (index === -1) {
    const near = closestRegistered(requested, registration.redirectUris);
    const closest = near
      ? `; closest registered: ${quote(near.registered)}${near.difference ? ` (differs by ${near.difference})` : ''}`
      : registration.redirectUris.length === 0
        ? '; none is registered'
        : '';
    add('redirect-uri-not-registered', `redirect_uri ${quote(requested)} is not registered${closest}`, {
      range: near ? lines.redirectUris[near.index] : lines.redirectUrisKey,
      key: near ? `redirect_uris/${near.index}` : 'redirect_uris',
    });
    return;
  }
  // Registered, but against the registration's environment (lint reports it too): refused as Pleo would.
  const url = parseUrl(requested);
  if (url?.protocol === 'http:' && (registration.environment === 'production' || !isAllowedLoopback(url.hostname))) {
    const why = registration.environment === 'production' ? 'a production registration allows https: only' : 'http: is allowed for localhost, 127.0.0.1 and [::1] only';
    add('redirect-uri-http', `redirect_uri ${quote(requested)} uses http:; ${why}`, { range: lines.redirectUris[index], key: `redirect_uris/${index}` });
  }
}

function judgePkce(params: URLSearchParams, registration: Registration, add: Add): void {
  const lines = registration.lines;
  const challenge = params.get('code_challenge') ?? undefined;
  const method = params.get('code_challenge_method') ?? undefined;
  if (challenge === undefined) {
    if (method !== undefined) add('code-challenge-format', `code_challenge_method is ${quote(method)} but code_challenge is missing`);
    if (registration.clientType === 'public') {
      add('pkce-required', 'code_challenge is missing; PKCE (S256) is required of a public client', { range: lines.clientType, key: 'client_type' });
    } else if (registration.pkceS256) {
      add('pkce-required', 'code_challenge is missing; the registration says pkce: S256, so every request must use PKCE', { range: lines.pkce, key: 'pkce' });
    }
  } else if (method === undefined || method === 'plain') {
    const given = method === undefined ? 'code_challenge_method is missing, which means plain' : 'code_challenge_method is "plain"';
    add('pkce-plain', `${given}; only S256 is supported: send code_challenge_method=S256 with BASE64URL(SHA-256(code_verifier))`, { range: lines.pkce, key: 'pkce' });
  } else if (method !== 'S256') {
    add('pkce-plain', `code_challenge_method ${quote(method)} is not supported; only S256 is`, { range: lines.pkce, key: 'pkce' });
  }
  if (challenge !== undefined && !CODE_CHALLENGE.test(challenge)) {
    add('code-challenge-format', `code_challenge is ${challenge.length} characters${/[^A-Za-z0-9_-]/.test(challenge) ? ' with some outside base64url' : ''}; it must be 43–128 base64url characters (S256 gives 43)`);
  }
}

/** The first refusal among the verdicts, if any. */
export function firstRefusal(verdicts: readonly Verdict[]): Verdict | undefined {
  return verdicts.find((verdict) => verdict.severity === 'error');
}

function quote(value: string): string {
  return `"${clip(value, 200)}"`;
}

function parseUrl(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
