import { SERVER_REASON_TEXT, type ServerReason } from '../check-request/index.js';

/** What oidc-provider says of an error: its OAuth code and, inside, the detail it does not send. */
export interface ProviderError {
  error?: string;
  error_description?: string;
  error_detail?: string;
}

/**
 * The reason for a refusal the token endpoint gives, from oidc-provider's error: the library does the
 * checking (client authentication, single-use codes, the verifier, rotation), this names the outcome.
 */
export function tokenRefusal(error: ProviderError, grantType: string | undefined): { reason: ServerReason; message: string } {
  const detail = `${error.error_detail ?? ''} ${error.error_description ?? ''}`;
  const reason = ((): ServerReason => {
    if (error.error === 'invalid_client') return 'client-auth-failed';
    if (error.error === 'unsupported_grant_type' || error.error === 'unauthorized_client') return 'grant-type';
    if (/already consumed/.test(detail)) return grantType === 'refresh_token' ? 'refresh-token-replayed' : 'code-replayed';
    if (/refresh token already used/.test(detail)) return 'refresh-token-replayed';
    if (/redirect_uri mismatch/.test(detail)) return 'code-redirect-uri-mismatch';
    if (/code_verifier|PKCE/i.test(detail)) return 'pkce-verifier-mismatch';
    if (/refresh token/.test(detail) || grantType === 'refresh_token') return 'refresh-token-invalid';
    if (/authorization code|grant/.test(detail)) return 'code-invalid';
    return 'oauth-error';
  })();
  const said = error.error_detail ?? error.error_description;
  const message = reason === 'oauth-error' ? `${error.error ?? 'refused'}${said ? `: ${said}` : ''}` : SERVER_REASON_TEXT[reason];
  return { reason, message };
}
