import { generateKeyPairSync, randomBytes } from 'node:crypto';
import type { Registration } from '../check-request/index.js';
import { createMemoryStore } from './memory-store.js';
import type { ProviderContext } from './provider-types.js';

export interface ClientCredentials {
  clientId: string;
  /** Confidential clients only. */
  clientSecret?: string;
}

export interface ConfigurationHooks {
  /** Runs on every authorization request after oidc-provider's own checks; throws the refusal. */
  judgeAuthorization(ctx: ProviderContext): void;
  /** The HTML of an error the server must not redirect. */
  renderError(ctx: ProviderContext, out: Record<string, string>): void;
}

const DAY = 24 * 60 * 60;

/**
 * oidc-provider's configuration for one client, the manifest's: the protocol is the library's, and
 * this says only what the registration allows. Plain OAuth 2.0 (no `openid` scope is registered), the
 * authorization code flow, refresh tokens issued and rotated on every use, PKCE S256 (the only method
 * the library supports) required of a public client and whenever the manifest says `pkce: S256`, and
 * the registered redirect URIs compared exactly (no omitted redirect_uri, no loopback port leeway:
 * `application_type: web`).
 */
export function providerConfiguration(registration: Registration, credentials: ClientCredentials, accessTokenTtl: number, hooks: ConfigurationHooks) {
  const confidential = registration.clientType === 'confidential';
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return {
    clients: [
      {
        client_id: credentials.clientId,
        ...(confidential ? { client_secret: credentials.clientSecret } : {}),
        // client_secret_post is accepted for a client registered with _basic too (oidc-provider 9).
        token_endpoint_auth_method: confidential ? 'client_secret_basic' : 'none',
        redirect_uris: [...registration.redirectUris],
        response_types: ['code'],
        grant_types: ['authorization_code', 'refresh_token'],
        scope: registration.scopes.join(' '),
        application_type: 'web',
        id_token_signed_response_alg: 'ES256',
      },
    ],
    scopes: [...registration.scopes],
    claims: { openid: ['sub'] },
    responseTypes: ['code'],
    allowOmittingSingleRegisteredRedirectUri: false,
    pkce: { required: (_ctx: unknown, client: { clientAuthMethod: string }) => client.clientAuthMethod === 'none' || registration.pkceS256 },
    // A validator on a parameter every request may carry runs on every authorization request, after
    // the library's checks (client, redirect URI, response type, PKCE): the registration's own policy.
    extraParams: {
      state: async (ctx: ProviderContext) => hooks.judgeAuthorization(ctx),
    },
    features: {
      devInteractions: { enabled: false },
      revocation: { enabled: true },
      introspection: { enabled: true },
      userinfo: { enabled: false },
    },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    issueRefreshToken: async (_ctx: unknown, client: { grantTypeAllowed(type: string): boolean }) => client.grantTypeAllowed('refresh_token'),
    rotateRefreshToken: true,
    findAccount: async (_ctx: unknown, sub: string) => ({ accountId: sub, claims: async () => ({ sub }) }),
    loadExistingGrant: async (ctx: { oidc: { result?: { consent?: { grantId?: string } }; session: { grantIdFor(id: string): string | undefined }; client: { clientId: string }; provider: { Grant: { find(id: string): Promise<unknown> } } } }) => {
      const grantId = ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
      return grantId ? ctx.oidc.provider.Grant.find(grantId) : undefined;
    },
    clientBasedCORS: (_ctx: unknown, origin: string, client: { redirectUris: string[] }) =>
      origin !== 'null' && client.redirectUris.some((uri) => originOf(uri) === origin),
    renderError: async (ctx: ProviderContext, out: Record<string, string>) => hooks.renderError(ctx, out),
    ttl: {
      AccessToken: accessTokenTtl,
      AuthorizationCode: 60,
      RefreshToken: 14 * DAY,
      Grant: 14 * DAY,
      Interaction: 60 * 60,
      Session: DAY,
      IdToken: 60 * 60,
    },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'local', alg: 'ES256', use: 'sig' }] },
    enabledJWA: { idTokenSigningAlgValues: ['ES256'] },
    adapter: createMemoryStore(),
  };
}

/** A public client's browser app calls the token endpoint from the origin of its redirect URI. */
function originOf(uri: string): string | undefined {
  try {
    return new URL(uri).origin;
  } catch {
    return undefined;
  }
}
