// What an export must never print: the credentials lint masks in its reports. An export prints values
// whole (a form to copy from, JSON to send), so it cannot mask one; it refuses instead.

import { secretsIn } from '../secrets/redact.js';
import { manifestSecrets } from '../secrets/manifest-secrets.js';
import type { ManifestData } from './values.js';

export { manifestSecrets };

/** The manifest keys whose values an export prints (form or RFC 7591 metadata). */
export const EXPORTED_KEYS = [
  'environment', 'client_name', 'client_uri', 'logo', 'tos_uri', 'policy_uri', 'contacts', 'initiation_uri',
  'settings_uri', 'client_type', 'redirect_uris', 'scopes', 'pkce', 'subject_type',
] as const;

/** The exported keys whose value holds one of `secrets`, in EXPORTED_KEYS order; none when the export may be printed. */
export function keysWithSecrets(data: ManifestData, secrets: readonly string[]): string[] {
  if (secrets.length === 0) return [];
  return EXPORTED_KEYS.filter((key) => {
    const value = data[key];
    const texts = typeof value === 'string' ? [value] : Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
    return texts.some((text) => secretsIn(text, secrets).length > 0);
  });
}
