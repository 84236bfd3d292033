import type { ReasonCode } from '../check-request/index.js';

/** One line per request: what was asked, what came of it, and why, against the manifest. */
export interface LogEntry {
  time: string;
  method: string;
  /** `discovery`, `authorization`, `token`, `interaction`… (see endpointOf). */
  endpoint: string;
  /** The path only: a query can hold a code or a secret. */
  path: string;
  status: number;
  /** ok: served; refused: an OAuth refusal; warning: served, with a weakness to fix; error: the server failed. */
  outcome: 'ok' | 'refused' | 'warning' | 'error';
  reason?: ReasonCode;
  /** Every reason the request was judged to have, the first being `reason`. */
  reasons?: ReasonCode[];
  message: string;
  /** The manifest line the reason is judged against. */
  line?: number;
}

export type LogFormat = 'text' | 'json';

/** The entry as one line, ending in a newline. */
export function formatLogEntry(entry: LogEntry, format: LogFormat, manifest: string): string {
  if (format === 'json') return `${JSON.stringify(entry)}\n`;
  const where = entry.line !== undefined ? ` (${manifest}:${entry.line})` : '';
  const reason = entry.reason ? `  ${entry.reason}` : '';
  return `${entry.time}  ${entry.method} ${entry.path} ${entry.status}  ${entry.outcome}${reason}  ${entry.message}${where}\n`;
}

/** The endpoint a path belongs to, named as the banner names it. */
export function endpointOf(path: string): string {
  if (path === '/.well-known/oauth-authorization-server' || path === '/.well-known/openid-configuration') return 'discovery';
  if (path === '/auth' || path.startsWith('/auth/')) return 'authorization';
  if (path.startsWith('/interaction/')) return 'interaction';
  if (path === '/token') return 'token';
  if (path === '/jwks') return 'jwks';
  if (path === '/token/introspection') return 'introspection';
  if (path === '/token/revocation') return 'revocation';
  if (path === '/me') return 'userinfo';
  if (path === '/logo') return 'logo';
  return 'other';
}
