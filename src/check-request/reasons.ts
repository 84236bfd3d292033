import type { Severity, SourceRange } from '../diagnostics.js';

/**
 * Every reason an authorization server built from the manifest refuses (or warns about) a request,
 * worded once. `check-request` reports them, `serve` logs them: the same code and the same words
 * for the same request, which is what lets a test hold the two to one verdict.
 */
export const AUTHORIZATION_REASONS = {
  'parameter-repeated': { severity: 'error', oauthError: 'invalid_request' },
  'client-id-missing': { severity: 'error', oauthError: 'invalid_request' },
  'client-id-unknown': { severity: 'error', oauthError: 'invalid_client' },
  'redirect-uri-missing': { severity: 'error', oauthError: 'invalid_redirect_uri' },
  'redirect-uri-not-registered': { severity: 'error', oauthError: 'invalid_redirect_uri' },
  'redirect-uri-http': { severity: 'error', oauthError: 'invalid_redirect_uri' },
  'response-type': { severity: 'error', oauthError: 'unsupported_response_type' },
  'scope-missing': { severity: 'error', oauthError: 'invalid_scope' },
  'scope-not-registered': { severity: 'error', oauthError: 'invalid_scope' },
  'pkce-required': { severity: 'error', oauthError: 'invalid_request' },
  'pkce-plain': { severity: 'error', oauthError: 'invalid_request' },
  'code-challenge-format': { severity: 'error', oauthError: 'invalid_request' },
  'state-missing': { severity: 'error', oauthError: 'invalid_request' },
  'state-short': { severity: 'warning', oauthError: 'invalid_request' },
  'client-secret-in-url': { severity: 'error', oauthError: 'invalid_request' },
} as const satisfies Record<string, { severity: Severity; oauthError: string }>;

export type AuthorizationReason = keyof typeof AUTHORIZATION_REASONS;

/** Reasons only a running server can give: the token endpoint, the consent screen. */
export const SERVER_REASONS = [
  'client-auth-failed',
  'code-replayed',
  'code-invalid',
  'code-redirect-uri-mismatch',
  'pkce-verifier-mismatch',
  'refresh-token-replayed',
  'refresh-token-invalid',
  'grant-type',
  'access-denied',
  'oauth-error',
] as const;

export type ServerReason = (typeof SERVER_REASONS)[number];
export type ReasonCode = AuthorizationReason | ServerReason;

/** One finding about a request: its reason code, how bad it is, the words, and the manifest line it is judged against. */
export interface Verdict {
  reason: ReasonCode;
  severity: Severity;
  message: string;
  /** The manifest's line the verdict is judged against (1-based), when there is one. */
  line?: number;
  /** The span of the manifest the verdict points at (the report underlines it). */
  range?: SourceRange;
  /** The part of the manifest it concerns (`redirect_uris/0`, `scopes`, `pkce`…): the report's JSON Pointer without its leading slash. */
  key?: string;
}

/** Words for the refusals the token endpoint gives, from oidc-provider's error detail. */
export const SERVER_REASON_TEXT: Readonly<Record<ServerReason, string>> = {
  'client-auth-failed': 'client authentication failed: send the client id and the secret this server printed (client_secret_basic or client_secret_post), or none for a public client',
  'code-replayed': 'the authorization code was already used; a code is single-use (the tokens issued with it are revoked)',
  'code-invalid': 'the authorization code is unknown or expired',
  'code-redirect-uri-mismatch': 'redirect_uri differs from the one the authorization code was issued for',
  'pkce-verifier-mismatch': 'code_verifier does not match the code_challenge of the authorization request',
  'refresh-token-replayed': 'the refresh token was already used; refresh tokens rotate, so use the one the last refresh returned',
  'refresh-token-invalid': 'the refresh token is unknown, expired or revoked',
  'grant-type': 'only the authorization_code and refresh_token grants are registered',
  'access-denied': 'the user cancelled on the consent page',
  'oauth-error': 'the request was refused',
};
