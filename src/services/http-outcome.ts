/**
 * What a link check can observe, as data: the HTTP client never throws for network conditions.
 * Every outcome names the URL it is about (`url`: the final URL, or the hop that failed) and the
 * URLs that redirected to it (`redirects`, first = the URL the caller asked for).
 */

interface OutcomeBase {
  url: string;
  redirects: readonly string[];
}

export interface ResponseOutcome extends OutcomeBase {
  kind: 'response';
  status: number;
  contentType?: string;
  contentLength?: number;
  /** Only with `readBody: true` on a 2xx GET. */
  body?: Uint8Array;
}

/** A special-use address: a literal or resolved address before connecting, or the connected peer. */
export interface BlockedOutcome extends OutcomeBase {
  kind: 'blocked';
  address: string;
  range: string;
  stage: BlockedStage;
}

export interface DowngradeOutcome extends OutcomeBase {
  kind: 'downgrade';
  from: string;
  to: string;
}

export interface TooManyRedirectsOutcome extends OutcomeBase {
  kind: 'too-many-redirects';
  limit: number;
  /** Every URL visited, then the Location that was not followed. */
  chain: readonly string[];
}

export interface RedirectLoopOutcome extends OutcomeBase {
  kind: 'redirect-loop';
  chain: readonly string[];
}

export interface DnsOutcome extends OutcomeBase {
  kind: 'dns';
  code: DnsErrorCode;
  hostname: string;
}

export interface TlsOutcome extends OutcomeBase {
  kind: 'tls';
  /** The OpenSSL / Node code when there is one (e.g. `UNABLE_TO_VERIFY_LEAF_SIGNATURE`), else the message. */
  reason: string;
}

export interface TimeoutOutcome extends OutcomeBase {
  kind: 'timeout';
  phase: TimeoutPhase;
  ms: number;
}

export interface RefusedOutcome extends OutcomeBase {
  kind: 'refused';
}

export interface UnreachableOutcome extends OutcomeBase {
  kind: 'unreachable';
  reason: string;
}

export interface TooLargeOutcome extends OutcomeBase {
  kind: 'too-large';
  limit: number;
  /** Declared size when the response was refused on its Content-Length. */
  contentLength?: number;
  /** Bytes read before giving up (0 when refused on Content-Length). */
  received: number;
}

export interface InvalidUrlOutcome extends OutcomeBase {
  kind: 'invalid-url';
  reason: string;
}

/** Anything else the network can do: reset connections, malformed HTTP, … */
export interface NetworkErrorOutcome extends OutcomeBase {
  kind: 'network-error';
  code?: string;
  reason: string;
}

export type Outcome =
  | ResponseOutcome
  | BlockedOutcome
  | DowngradeOutcome
  | TooManyRedirectsOutcome
  | RedirectLoopOutcome
  | DnsOutcome
  | TlsOutcome
  | TimeoutOutcome
  | RefusedOutcome
  | UnreachableOutcome
  | TooLargeOutcome
  | InvalidUrlOutcome
  | NetworkErrorOutcome;

export type OutcomeKind = Outcome['kind'];
export type BlockedStage = 'before-connect' | 'on-connect';
/** `total` is the per-request deadline (see HttpClientOptions.timeoutMs); `connect` includes TLS. */
export type TimeoutPhase = 'connect' | 'headers' | 'body' | 'total';
export type DnsErrorCode = 'ENOTFOUND' | 'ENODATA' | 'EAI_AGAIN' | 'ETIMEOUT' | 'EOTHER';

/** Raised by the connector and its lookup; recognised by `code` because it crosses undici. */
export class BlockedAddressError extends Error {
  readonly code = 'PLEO_BLOCKED_ADDRESS';

  constructor(
    readonly address: string,
    readonly range: string,
    readonly stage: BlockedStage,
  ) {
    super(`refusing to connect to ${address} (${range})`);
    this.name = 'BlockedAddressError';
  }
}

/** Distributive Omit, so each member of the union keeps its own fields. */
export type OutcomeDetails = Outcome extends infer Member
  ? Member extends Outcome
    ? Omit<Member, 'url' | 'redirects'>
    : never
  : never;

const DNS_CODES: ReadonlySet<string> = new Set(['ENOTFOUND', 'ENODATA', 'EAI_AGAIN', 'ETIMEOUT']);
const DNS_OTHER_CODES: ReadonlySet<string> = new Set(['EAI_FAIL', 'EAI_NONAME', 'ESERVFAIL', 'EREFUSED', 'ENONAME']);
const UNREACHABLE_CODES: ReadonlySet<string> = new Set([
  'ENETUNREACH',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETDOWN',
  'EADDRNOTAVAIL',
]);
const TIMEOUT_CODES: ReadonlyMap<string, TimeoutPhase> = new Map([
  ['UND_ERR_CONNECT_TIMEOUT', 'connect'],
  ['ETIMEDOUT', 'connect'],
  ['UND_ERR_HEADERS_TIMEOUT', 'headers'],
  ['UND_ERR_BODY_TIMEOUT', 'body'],
]);

interface ErrorFields {
  code?: unknown;
  message?: unknown;
  hostname?: unknown;
  cause?: unknown;
}

/** Turns an error from undici / node:net / node:tls / the resolver into an outcome. */
export function outcomeOfError(error: unknown, hostname: string, timeoutMs: number): OutcomeDetails {
  if (error instanceof BlockedAddressError) {
    return { kind: 'blocked', address: error.address, range: error.range, stage: error.stage };
  }
  const fields = errorFields(error);
  const code = typeof fields.code === 'string' ? fields.code : undefined;
  const message = typeof fields.message === 'string' ? fields.message : String(error);
  if (code === undefined) {
    // undici sometimes wraps the socket error; the cause carries the code.
    if (fields.cause !== undefined && fields.cause !== error) return outcomeOfError(fields.cause, hostname, timeoutMs);
    return { kind: 'network-error', reason: message };
  }
  if (DNS_CODES.has(code)) return { kind: 'dns', code: code as DnsErrorCode, hostname };
  if (DNS_OTHER_CODES.has(code)) return { kind: 'dns', code: 'EOTHER', hostname };
  if (code === 'ECONNREFUSED') return { kind: 'refused' };
  if (UNREACHABLE_CODES.has(code)) return { kind: 'unreachable', reason: code };
  const phase = TIMEOUT_CODES.get(code);
  if (phase !== undefined) return { kind: 'timeout', phase, ms: timeoutMs };
  if (isTlsCode(code)) return { kind: 'tls', reason: code };
  return { kind: 'network-error', code, reason: message };
}

function isTlsCode(code: string): boolean {
  return /^ERR_(TLS|SSL)_/.test(code) || /CERT|SELF_SIGNED|SIGNATURE/.test(code) || code === 'EPROTO';
}

function errorFields(error: unknown): ErrorFields {
  return typeof error === 'object' && error !== null ? (error as ErrorFields) : {};
}
