import type { SourceRange } from '../diagnostics.js';
import { locate } from '../manifest/locate.js';
import type { ParsedManifest } from '../manifest/parse.js';

/** What the authorization server knows of the client: the manifest's technical part, with its lines. */
export interface Registration {
  environment: 'production' | 'staging';
  clientType: 'confidential' | 'public';
  /** The client id the server gives the app; undefined when it is not known (check-request without --client-id). */
  clientId?: string;
  redirectUris: readonly string[];
  scopes: readonly string[];
  /** `pkce: S256` in the manifest: PKCE is then required of every request, not only a public client's. */
  pkceS256: boolean;
  subjectType?: 'company' | 'organization';
  /** Where each part is in the manifest (1-based), for messages that say what was registered where. */
  lines: {
    redirectUris: readonly SourceRange[];
    redirectUrisKey?: SourceRange;
    scopes: readonly SourceRange[];
    scopesKey?: SourceRange;
    pkce?: SourceRange;
    clientType?: SourceRange;
  };
}

/**
 * The registration a manifest describes. Values that are not strings are left out (lint reports them);
 * a missing client type counts as public, the stricter of the two.
 */
export function registrationFrom(parsed: ParsedManifest, clientId?: string): Registration {
  const data = parsed.data ?? {};
  const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []);
  const rangeOf = (path: (string | number)[], target: 'value' | 'key' = 'value'): SourceRange | undefined => {
    if (!parsed.doc) return undefined;
    const [start, end] = locate(parsed.doc, path, target);
    const from = parsed.lineCounter.linePos(start);
    const to = parsed.lineCounter.linePos(Math.max(start, end));
    return { line: from.line, column: from.col, endLine: to.line, endColumn: to.col };
  };
  const indexed = (key: string) =>
    Array.isArray(data[key]) ? (data[key] as unknown[]).flatMap((item, index) => (typeof item === 'string' ? [rangeOf([key, index])!] : [])) : [];
  const present = (key: string) => (key in data ? rangeOf([key], 'key') : undefined);
  return {
    environment: data.environment === 'staging' ? 'staging' : 'production',
    clientType: data.client_type === 'confidential' ? 'confidential' : 'public',
    ...(clientId !== undefined ? { clientId } : {}),
    redirectUris: strings(data.redirect_uris),
    scopes: strings(data.scopes),
    pkceS256: data.pkce === 'S256',
    ...(data.subject_type === 'company' || data.subject_type === 'organization' ? { subjectType: data.subject_type } : {}),
    lines: {
      redirectUris: indexed('redirect_uris'),
      redirectUrisKey: present('redirect_uris'),
      scopes: indexed('scopes'),
      scopesKey: present('scopes'),
      pkce: present('pkce'),
      clientType: present('client_type'),
    },
  };
}
