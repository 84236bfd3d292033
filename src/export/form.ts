import { looksLikeUrl } from '../uri/uri.js';
import type { ScopeCatalogue } from '../scopes.js';
import { isHttpsUrl, printable, text, texts, type ManifestData } from './values.js';

/** A field of Pleo's Developer Partner Registration form: its name there, and its value lines here. */
interface Field {
  name: string;
  lines: string[];
}

const NOT_SET = '(not set)';

/**
 * The registration as Pleo's Developer Partner Registration form asks for it: its three categories,
 * its fields in its order and by its names, each value on lines of its own (no indentation, so a
 * line copies as the value). Scopes one a line with the catalogue's plain words; PKCE as the form
 * words it; the logo as its path or URL, with what to do about a file.
 */
export function exportForm(data: ManifestData, catalogue: ScopeCatalogue): string {
  const environment = data.environment === 'staging' ? 'Staging' : 'Production';
  const title = `Pleo Developer Partner Registration — ${environment}`;
  const out: string[] = [title, '='.repeat(title.length)];
  const section = (heading: string, fields: Field[]) => {
    out.push('', heading, '-'.repeat(heading.length));
    for (const field of fields) out.push('', `${field.name}:`, ...(field.lines.length > 0 ? field.lines : [NOT_SET]));
  };
  const one = (key: string) => {
    const value = text(data, key);
    return value === undefined ? [] : [printable(value)];
  };
  const many = (key: string) => texts(data, key).map(printable);

  section('Human-readable information', [
    { name: 'Client Name', lines: one('client_name') },
    { name: 'Client URI', lines: one('client_uri') },
    { name: 'Logo', lines: logoLines(text(data, 'logo')) },
    { name: 'Terms of Service URI', lines: one('tos_uri') },
    { name: 'Privacy Policy URI', lines: one('policy_uri') },
    { name: 'Contact Email(s)', lines: many('contacts') },
  ]);
  section('Pleo-specific integration information', [
    { name: 'Initiation URI', lines: one('initiation_uri') },
    { name: 'Settings URI', lines: one('settings_uri') },
  ]);
  section('Technical information', [
    { name: 'Redirect URI(s)', lines: many('redirect_uris') },
    { name: 'Requested scopes', lines: scopeLines(texts(data, 'scopes'), catalogue) },
    { name: 'PKCE support', lines: [pkce(data.pkce)] },
    { name: 'Subject type preference', lines: [subjectType(data.subject_type)] },
  ]);

  const clientType = text(data, 'client_type');
  out.push('', 'Not a field of the form', '-'.repeat('Not a field of the form'.length), '');
  out.push(`Client type: ${clientType === undefined ? NOT_SET : printable(clientType)}${CLIENT_TYPE_NOTES[clientType ?? ''] ?? ''}`);
  return out.join('\n') + '\n';
}

const CLIENT_TYPE_NOTES: Readonly<Record<string, string>> = {
  confidential: ' (a server keeps the client secret; it authenticates to the token endpoint with client_secret_basic)',
  public: ' (an SPA, mobile or desktop app: no client secret, PKCE instead)',
};

function logoLines(logo: string | undefined): string[] {
  if (logo === undefined) return [];
  const shown = printable(logo);
  if (!looksLikeUrl(logo)) return [shown, '(a file, relative to the manifest: attach it to the form)'];
  return isHttpsUrl(logo) ? [shown] : [shown, '(not an https URL: attach the image to the form instead)'];
}

/** One scope a line, its plain words two spaces after the longest scope. */
function scopeLines(scopes: readonly string[], catalogue: ScopeCatalogue): string[] {
  const width = Math.max(0, ...scopes.map((scope) => printable(scope).length));
  return scopes.map((scope) => {
    const entry = catalogue.entries.get(scope);
    const words =
      entry === undefined ? 'not in the scope catalogue'
      : entry.status === 'legacy' ? `${entry.description ?? 'a legacy scope'}; legacy${entry.replacement ? `, now ${entry.replacement}` : ''}`
      : entry.status === 'test' ? `${entry.description ?? 'Pleo\'s test scope'}`
      : entry.description ?? '';
    return words ? `${printable(scope).padEnd(width)}  (${words})` : printable(scope);
  });
}

function pkce(value: unknown): string {
  if (value === 'S256') return 'Supported (S256)';
  if (value === undefined || value === null || value === 'none') return 'Not supported';
  return `${typeof value === 'string' ? `"${printable(value)}"` : String(value)} (not a value Pleo accepts: S256 or none)`;
}

function subjectType(value: unknown): string {
  if (value === undefined || value === null) return 'None';
  return typeof value === 'string' ? printable(value) : String(value);
}
