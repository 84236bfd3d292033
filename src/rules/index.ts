import type { Rule } from './define-rule.js';
import schema from './schema.js';
import noSecrets from './no-secrets.js';
import noPleoBranding from './no-pleo-branding.js';
import clientName from './client-name.js';
import contactEmail from './contact-email.js';
// imports: secrets and human-readable information
import uriHttps from './uri-https.js';
import uriNoUserinfo from './uri-no-userinfo.js';
import uriCanonical from './uri-canonical.js';
import uriPublicHost from './uri-public-host.js';
import legalUrisDistinct from './legal-uris-distinct.js';
import uriReachable from './uri-reachable.js';
import redirectUriHttps from './redirect-uri-https.js';
import redirectUriNoWildcard from './redirect-uri-no-wildcard.js';
import redirectUriNoFragment from './redirect-uri-no-fragment.js';
import redirectUriExact from './redirect-uri-exact.js';
import redirectUriUnique from './redirect-uri-unique.js';
import redirectUriPublicHost from './redirect-uri-public-host.js';
import redirectUriQuery from './redirect-uri-query.js';
import redirectUriReachable from './redirect-uri-reachable.js';
// imports: URIs and redirect URIs
import scopeFormat from './scope-format.js';
import scopeKnown from './scope-known.js';
import scopeUnique from './scope-unique.js';
import pkceS256 from './pkce-s256.js';
import pkcePublicClient from './pkce-public-client.js';
import pkceConfidentialClient from './pkce-confidential-client.js';
// imports: scopes and PKCE
import logoReadable from './logo-readable.js';
import logoFormat from './logo-format.js';
import logoSquare from './logo-square.js';
import logoResolution from './logo-resolution.js';
import logoFileSize from './logo-file-size.js';

/** Every rule that checks the manifest, in the order the documentation lists them. */
export const rules: readonly Rule[] = [
  schema,
  noSecrets,
  noPleoBranding,
  clientName,
  contactEmail,
  // rules: secrets and human-readable information
  uriHttps,
  uriNoUserinfo,
  uriCanonical,
  uriPublicHost,
  legalUrisDistinct,
  uriReachable,
  redirectUriHttps,
  redirectUriNoWildcard,
  redirectUriNoFragment,
  redirectUriExact,
  redirectUriUnique,
  redirectUriPublicHost,
  redirectUriQuery,
  redirectUriReachable,
  // rules: URIs and redirect URIs
  scopeFormat,
  scopeKnown,
  scopeUnique,
  pkceS256,
  pkcePublicClient,
  pkceConfidentialClient,
  // rules: scopes and PKCE
  logoReadable,
  logoFormat,
  logoSquare,
  logoResolution,
  logoFileSize,
] as Rule[];
