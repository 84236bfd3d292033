import { describe, expect, it } from 'vitest';
import { endpointOf, formatLogEntry, type LogEntry } from './log.js';
import { tokenRefusal } from './refusals.js';

describe('tokenRefusal', () => {
  // oidc-provider's own error details (v9), and the reason each becomes.
  it.each([
    [{ error: 'invalid_client', error_detail: 'invalid secret provided' }, 'authorization_code', 'client-auth-failed'],
    [{ error: 'invalid_grant', error_detail: 'authorization code already consumed' }, 'authorization_code', 'code-replayed'],
    [{ error: 'invalid_grant', error_detail: 'authorization code not found' }, 'authorization_code', 'code-invalid'],
    [{ error: 'invalid_grant', error_detail: 'authorization code is expired' }, 'authorization_code', 'code-invalid'],
    [{ error: 'invalid_grant', error_detail: 'authorization code redirect_uri mismatch' }, 'authorization_code', 'code-redirect-uri-mismatch'],
    [{ error: 'invalid_grant', error_detail: 'code_verifier does not match code_challenge' }, 'authorization_code', 'pkce-verifier-mismatch'],
    [{ error: 'invalid_grant', error_detail: 'refresh token already used' }, 'refresh_token', 'refresh-token-replayed'],
    [{ error: 'invalid_grant', error_detail: 'refresh token not found' }, 'refresh_token', 'refresh-token-invalid'],
    [{ error: 'unsupported_grant_type' }, 'password', 'grant-type'],
    [{ error: 'invalid_request', error_description: 'missing required parameter' }, 'authorization_code', 'oauth-error'],
  ])('%o (%s) → %s', (error, grantType, reason) => {
    expect(tokenRefusal(error, grantType).reason).toBe(reason);
  });

  it('keeps oidc-provider’s words for an error it has no reason for', () => {
    expect(tokenRefusal({ error: 'invalid_request', error_description: "missing required parameter 'code'" }, 'authorization_code').message).toBe(
      "invalid_request: missing required parameter 'code'",
    );
  });
});

describe('log lines', () => {
  const entry: LogEntry = {
    time: '2026-01-01T00:00:00.000Z',
    method: 'GET',
    endpoint: 'authorization',
    path: '/auth',
    status: 400,
    outcome: 'refused',
    reason: 'redirect-uri-not-registered',
    reasons: ['redirect-uri-not-registered'],
    message: 'redirect_uri "x" is not registered',
    line: 20,
  };

  it('text: one line with the reason and the manifest line', () => {
    expect(formatLogEntry(entry, 'text', 'pleo-client.yaml')).toBe(
      '2026-01-01T00:00:00.000Z  GET /auth 400  refused  redirect-uri-not-registered  redirect_uri "x" is not registered (pleo-client.yaml:20)\n',
    );
  });

  it('json: one object per line', () => {
    const line = formatLogEntry(entry, 'json', 'pleo-client.yaml');
    expect(line.endsWith('\n')).toBe(true);
    expect(line.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(line)).toEqual(entry);
  });

  it.each([
    ['/.well-known/openid-configuration', 'discovery'],
    ['/auth', 'authorization'],
    ['/auth/abc', 'authorization'],
    ['/interaction/abc/confirm', 'interaction'],
    ['/token', 'token'],
    ['/token/revocation', 'revocation'],
    ['/favicon.ico', 'other'],
  ])('%s is the %s endpoint', (path, endpoint) => {
    expect(endpointOf(path)).toBe(endpoint);
  });
});
