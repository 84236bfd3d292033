import { looksLikeUrl } from '../uri/uri.js';
import { isHttpsUrl, printable, text, texts, type ManifestData } from './values.js';

/**
 * RFC 7591 client metadata (OAuth 2.0 Dynamic Client Registration §2), in the RFC's order, followed by
 * the OpenID Connect name for the Initiation URI and the Pleo-specific values under `x-pleo-…`.
 */
export interface ClientMetadata {
  redirect_uris?: string[];
  token_endpoint_auth_method?: 'none' | 'client_secret_basic';
  grant_types: ['authorization_code', 'refresh_token'];
  response_types: ['code'];
  client_name?: string;
  client_uri?: string;
  logo_uri?: string;
  scope?: string;
  contacts?: string[];
  tos_uri?: string;
  policy_uri?: string;
  /** OpenID Connect Registration §2 / Core §4: where a third party (Pleo) starts the login. */
  initiate_login_uri?: string;
  'x-pleo-settings_uri'?: string;
  'x-pleo-subject_type'?: string;
  'x-pleo-pkce'?: string;
  'x-pleo-environment'?: string;
}

export interface DcrExport {
  metadata: ClientMetadata;
  /** What the JSON cannot say (a logo file, a value of the wrong type), for a `// note:` line beside it. */
  notes: string[];
}

/** The prefix of the Pleo-specific members: no registered or OpenID name starts with `x-`, so none can clash. */
export const PLEO_PREFIX = 'x-pleo-';

/**
 * The manifest as RFC 7591 client metadata. The authorization-code flow with refresh tokens is the
 * only one Pleo offers, so `grant_types` and `response_types` are fixed; a confidential client
 * authenticates with `client_secret_basic` (Pleo's docs: the only method supported), a public one with
 * `none`. The logo becomes `logo_uri` only when it is an https URL; a file cannot travel in JSON, and
 * a note says so.
 *
 * RFC 7591 has no name for the Settings URI, the subject type, PKCE or the environment. RFC 7591 §2
 * says a server ignores metadata it does not understand, so they are carried, not dropped, under
 * `x-pleo-<manifest key>`: the manifest's own convention for private keys, outside every registry
 * (OIDC's `subject_type` means public/pairwise identifiers, a different thing; a bare
 * `settings_uri` could be given a meaning by a later registration).
 */
export function exportDcr(data: ManifestData): DcrExport {
  const notes: string[] = [];
  const ordered: Record<string, unknown> = {};
  const set = (name: string, value: unknown) => {
    if (value !== undefined) ordered[name] = value;
  };
  const string = (key: string, name = key) => {
    const value = text(data, key);
    if (value === undefined && data[key] !== undefined && data[key] !== null) notes.push(`${key} is not a string, so ${name} is left out.`);
    return value;
  };
  const list = (key: string) => {
    if (data[key] === undefined || data[key] === null) return undefined;
    const items = texts(data, key);
    if (!Array.isArray(data[key]) || items.length !== (data[key] as unknown[]).length) notes.push(`${key} is not a list of strings; only its strings are exported.`);
    return items;
  };

  set('redirect_uris', list('redirect_uris'));
  const clientType = data.client_type;
  if (clientType === 'confidential') set('token_endpoint_auth_method', 'client_secret_basic');
  else if (clientType === 'public') set('token_endpoint_auth_method', 'none');
  else notes.push('client_type is neither confidential nor public, so token_endpoint_auth_method is left out (the RFC 7591 default is client_secret_basic).');
  set('grant_types', ['authorization_code', 'refresh_token']);
  set('response_types', ['code']);
  set('client_name', string('client_name'));
  set('client_uri', string('client_uri'));
  const logo = string('logo', 'logo_uri');
  if (logo !== undefined && isHttpsUrl(logo)) set('logo_uri', logo);
  else if (logo !== undefined && looksLikeUrl(logo)) notes.push(`logo "${printable(logo)}" is not an https URL, so logo_uri is left out.`);
  else if (logo !== undefined) notes.push(`logo "${printable(logo)}" is a file, and RFC 7591 carries a logo only as a URL (logo_uri): publish the image at an https URL and add logo_uri, or send the file with the registration.`);
  const scopes = list('scopes');
  if (scopes !== undefined) set('scope', scopes.join(' '));
  set('contacts', list('contacts'));
  set('tos_uri', string('tos_uri'));
  set('policy_uri', string('policy_uri'));
  set('initiate_login_uri', string('initiation_uri', 'initiate_login_uri'));
  set(`${PLEO_PREFIX}settings_uri`, string('settings_uri', `${PLEO_PREFIX}settings_uri`));
  set(`${PLEO_PREFIX}subject_type`, string('subject_type', `${PLEO_PREFIX}subject_type`));
  // Absent means none, as in the manifest.
  set(`${PLEO_PREFIX}pkce`, data.pkce === undefined || data.pkce === null ? 'none' : string('pkce', `${PLEO_PREFIX}pkce`));
  set(`${PLEO_PREFIX}environment`, data.environment === undefined || data.environment === null ? 'production' : string('environment', `${PLEO_PREFIX}environment`));
  return { metadata: ordered as unknown as ClientMetadata, notes };
}

/**
 * The metadata as pretty JSON, with the characters a terminal would act on (C1 controls, bidi
 * overrides, line separators) escaped too: the same JSON value, safe to print.
 */
export function dcrJson(metadata: ClientMetadata): string {
  return JSON.stringify(metadata, null, 2).replace(/[\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) + '\n';
}
