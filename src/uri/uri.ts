import type { JsonPath } from '../diagnostics.js';
import { classifyAddress, hostLiteral, LOOPBACK } from '../services/address-guard.js';
import { mask } from '../secrets/redact.js';
import { clip } from '../text/describe.js';

// Shared by the URI and redirect-URI rules: which values are URIs, how a URI is written (raw text,
// as opposed to what Node's WHATWG parser makes of it), and what kind of host it names.

/** A URI value of the manifest, with the words a message uses for it. */
export interface UriValue {
  /** `tos_uri`, or `Redirect URI` for an item of `redirect_uris`. */
  label: string;
  path: JsonPath;
  raw: string;
}

/** The pages shown to users; `logo` counts only when it is written as a URL. */
export const WEB_URI_KEYS = ['client_uri', 'tos_uri', 'policy_uri', 'initiation_uri', 'settings_uri', 'logo'] as const;

/** Schemes that run code or read local data instead of loading a page. */
export const FORBIDDEN_SCHEMES: ReadonlySet<string> = new Set(['javascript', 'vbscript', 'data', 'blob', 'file', 'about']);

/** The only loopback hosts allowed (in staging redirect URIs): the documented list, exactly as the parser writes them. */
export const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['localhost', '127.0.0.1', '[::1]']);

export function webUris(data: Readonly<Record<string, unknown>>): UriValue[] {
  const found: UriValue[] = [];
  for (const key of WEB_URI_KEYS) {
    const raw = data[key];
    if (typeof raw === 'string' && cleanUri(raw) !== '' && (key !== 'logo' || looksLikeUrl(raw))) found.push({ label: key, path: [key], raw });
  }
  return found;
}

export function redirectUris(data: Readonly<Record<string, unknown>>): UriValue[] {
  const list = data.redirect_uris;
  const found: UriValue[] = [];
  if (!Array.isArray(list)) return found;
  for (let index = 0; index < list.length; index++) {
    const raw: unknown = list[index];
    if (typeof raw === 'string' && cleanUri(raw) !== '') found.push({ label: 'Redirect URI', path: ['redirect_uris', index], raw });
  }
  return found;
}

/** What URL parsers read: surrounding C0 controls and spaces dropped, tabs and line breaks removed. */
export function cleanUri(raw: string): string {
  // Index loops rather than /[\x00-\x20]+$/, which is quadratic on long runs of spaces.
  let start = 0;
  let end = raw.length;
  while (start < end && raw.charCodeAt(start) <= 0x20) start++;
  while (end > start && raw.charCodeAt(end - 1) <= 0x20) end--;
  return raw.slice(start, end).replace(/[\t\n\r]/g, '');
}

/**
 * A logo is a URL when it has a scheme (`https:`, `data:`) or starts with `//`; a relative path such as
 * `./brand/logo.png` or a Windows path such as `C:\brand\logo.png` is a file, left to the logo rules.
 */
export function looksLikeUrl(raw: string): boolean {
  const text = cleanUri(raw);
  if (/^[a-zA-Z]:[\\/]/.test(text)) return false;
  return /^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(text) || /^[\\/]{2}/.test(text);
}

/**
 * The scheme in lower case, without the colon, or undefined when the text has none. A host and port
 * without a scheme (`localhost:3000/cb`, `acme-books.io:8443`) has none, though parsers read a scheme.
 */
export function schemeOf(raw: string): string | undefined {
  const text = cleanUri(raw);
  if (HOST_AND_PORT.test(text)) return undefined;
  return /^[a-zA-Z][a-zA-Z0-9+.-]*(?=:)/.exec(text)?.[0].toLowerCase();
}

const HOST_AND_PORT = /^[a-zA-Z0-9.-]+:\d+(?:[/?#]|$)/;
const HOST_LIKE = /^(?:[a-zA-Z0-9-]+(?:\.[a-zA-Z0-9-]+)+(?::\d+)?|[a-zA-Z0-9-]+:\d+)(?=[/?#]|$)/;

/** For text without a scheme: the https: URL it was probably meant to be, or a pattern to follow. */
export function suggestAbsolute(raw: string): string {
  const text = cleanUri(raw).replace(/^[\\/]{2}/, '');
  return HOST_LIKE.test(text) ? `https://${text}` : `https://<your domain>/${text.replace(/^[./\\]+/, '')}`;
}

/** Node's WHATWG parser, without throwing (`URL.parse` needs Node 22). */
export function parseUrl(raw: string): URL | undefined {
  try {
    return new URL(raw);
  } catch {
    return undefined;
  }
}

export function isWebUrl(url: URL | undefined): url is URL {
  return url !== undefined && (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
}

const SPECIAL_SCHEMES = new Set(['http', 'https', 'ws', 'wss', 'ftp', 'file']);

/** A URI split as written, the way the WHATWG parser splits it. */
export interface RawUri {
  /** The cleaned text (see `cleanUri`); every other field is a slice of it. */
  text: string;
  scheme: string;
  /** The slashes (and backslashes) between `scheme:` and the authority. */
  slashes: string;
  authorityStart: number;
  /** Up to the first `/`, `?`, `#` (and `\` for http-like schemes). */
  authority: string;
  /** The text before the last `@` of the authority. */
  userinfo: string | undefined;
  hostport: string;
  host: string;
  port: string | undefined;
  /** Path, query and fragment. */
  rest: string;
}

/** Splits a URI that has an authority; undefined for `mailto:x`, `com.example.app:/cb`, relative text. */
export function splitRaw(raw: string): RawUri | undefined {
  const text = cleanUri(raw);
  const scheme = /^[a-zA-Z][a-zA-Z0-9+.-]*(?=:)/.exec(text)?.[0];
  if (scheme === undefined) return undefined;
  const special = SPECIAL_SCHEMES.has(scheme.toLowerCase());
  const slashes = (special ? /^[/\\]*/ : /^\/*/).exec(text.slice(scheme.length + 1))![0];
  if (!special && slashes.length < 2) return undefined;
  const authorityStart = scheme.length + 1 + slashes.length;
  const tail = text.slice(authorityStart);
  const end = tail.search(special ? /[/\\?#]/ : /[/?#]/);
  const authority = end < 0 ? tail : tail.slice(0, end);
  const at = authority.lastIndexOf('@');
  const hostport = authority.slice(at + 1);
  let host = hostport;
  let port: string | undefined;
  const close = hostport.startsWith('[') ? hostport.indexOf(']') : -1;
  const colon = close >= 0 ? (hostport[close + 1] === ':' ? close + 1 : -1) : hostport.indexOf(':');
  if (colon >= 0) {
    host = hostport.slice(0, colon);
    port = hostport.slice(colon + 1);
  }
  const userinfo = at < 0 ? undefined : authority.slice(0, at);
  return { text, scheme, slashes, authorityStart, authority, userinfo, hostport, host, port, rest: end < 0 ? '' : tail.slice(end) };
}

/** The user information split at its first colon; `password` is undefined when there is no colon. */
export function splitUserinfo(userinfo: string): { user: string; password: string | undefined } {
  const colon = userinfo.indexOf(':');
  return colon < 0 ? { user: userinfo, password: undefined } : { user: userinfo.slice(0, colon), password: userinfo.slice(colon + 1) };
}

/**
 * The URI for a message: clipped, with any password masked here and registered with `redact`,
 * so no rule prints a password even when `uri-no-userinfo` is turned off.
 */
export function quoteUri(raw: string, context: { redact(secret: string): void }): string {
  const parts = splitRaw(raw);
  const password = parts?.userinfo === undefined ? undefined : splitUserinfo(parts.userinfo).password;
  if (!password) return clip(raw);
  context.redact(password);
  const at = raw.indexOf(`:${password}@`);
  return clip(at < 0 ? raw.split(password).join(mask(password)) : raw.slice(0, at + 1) + mask(password) + raw.slice(at + 1 + password.length));
}

// ---------------------------------------------------------------------------------------------
// Canonical form: where the raw text differs from what parsers read.

export type CanonicalMessageId =
  | 'whitespace'
  | 'backslash'
  | 'slashes'
  | 'schemeCase'
  | 'hostCase'
  | 'unicodeHost'
  | 'ipv4Notation'
  | 'ipv6Notation'
  | 'defaultPort'
  | 'portFormat'
  | 'dotSegments'
  | 'invalidPercent'
  | 'lowercasePercent'
  | 'encodedUnreserved'
  | 'unencoded'
  | 'notCanonical';

/** Message templates for the canonical findings; `subject` names the URI, e.g. `Redirect URI "{{uri}}"`. */
export function canonicalMessages(subject: string): Record<CanonicalMessageId, string> {
  const s = subject;
  return {
    whitespace: `${s} has spaces, tabs or line breaks around or inside it, which URL parsers drop silently; write "{{canonical}}".`,
    backslash: `${s} contains "\\", which browsers read as "/" before the query; write "{{canonical}}".`,
    slashes: `${s} has {{part}} after the scheme instead of "//"; write "{{canonical}}".`,
    schemeCase: `${s} has an upper-case scheme "{{part}}"; write it in lower case: "{{canonical}}".`,
    hostCase: `${s} has upper-case letters in its host "{{part}}"; parsers lower-case hosts, so write "{{canonical}}".`,
    unicodeHost: `${s} has the non-ASCII host "{{part}}", which parsers convert to its ASCII (xn--) form; write "{{canonical}}".`,
    ipv4Notation: `${s} writes an IPv4 address as "{{part}}", which parsers read as {{parsed}}; write "{{canonical}}".`,
    ipv6Notation: `${s} writes an IPv6 address as "{{part}}", which parsers write as {{parsed}}; write "{{canonical}}".`,
    defaultPort: `${s} names the default port "{{part}}", which parsers drop; write "{{canonical}}".`,
    portFormat: `${s} writes its port as "{{part}}", which parsers read as {{parsed}}; write "{{canonical}}".`,
    dotSegments: `${s} has the dot segment "{{part}}" in its path, which parsers resolve away; write "{{canonical}}".`,
    invalidPercent: `${s} has "{{part}}", a "%" not followed by two hex digits; write a literal "%" as "%25": "{{canonical}}".`,
    lowercasePercent: `${s} has lower-case hex digits in the escape "{{part}}"; write escapes in upper case: "{{canonical}}".`,
    encodedUnreserved: `${s} percent-encodes "{{char}}" as "{{part}}", which needs no escape; write "{{canonical}}".`,
    unencoded: `${s} contains {{part}}, which parsers percent-encode; write "{{canonical}}".`,
    notCanonical: `${s} is read by URL parsers as "{{canonical}}"; write it that way.`,
  };
}

export interface CanonicalFinding {
  messageId: CanonicalMessageId;
  /** Message data besides `uri` and `canonical`; values already clipped. */
  data: Record<string, string>;
}

export interface CanonicalAnalysis {
  url: URL;
  parts: RawUri;
  /** What to write: the parsed form with escapes normalised and without user information. */
  canonical: string;
  findings: CanonicalFinding[];
}

const DEFAULT_PORTS: Readonly<Record<string, string>> = { 'http:': '80', 'https:': '443' };
const UNRESERVED = /^[A-Za-z0-9\-._~]$/;
/** Escapes of unreserved characters or with lower-case hex: the only ones to rewrite (`%25` is not). */
const ESCAPE_TO_FIX = /%((?:[46][1-9A-Fa-f]|[57][0-9Aa]|3[0-9]|2[DEde]|5[Ff]|7[Ee])|[0-9A-Fa-f][a-f]|[a-f][0-9A-Fa-f])/g;
const DOT_SEGMENT = /^(?:\.|%2e){1,2}$/i;
const IPV4 = /^\d+\.\d+\.\d+\.\d+$/;
// What the WHATWG parser percent-encodes in each part of an http(s) URL.
const UNENCODED_PATH = /[\x00-\x20"<>`{}\x7f-\u{10FFFF}]/u;
const UNENCODED_QUERY = /[\x00-\x20"'<>\x7f-\u{10FFFF}]/u;
const UNENCODED_FRAGMENT = /[\x00-\x20"<>`\x7f-\u{10FFFF}]/u;

/** The only differences from the canonical form a fix may remove: they never change what the URL names. */
const CASE_AND_PORT: ReadonlySet<CanonicalMessageId> = new Set(['schemeCase', 'hostCase', 'defaultPort']);

/**
 * The URI with its scheme and host in lower case and a default port dropped, when those are all that
 * set it apart from its canonical form and the WHATWG parser reads both as the same URL; `what` says
 * which of the three it was, in words. `analysis` is the raw URI's, when the caller has it already.
 */
export function caseAndPort(raw: string, analysis = analyseCanonical(raw)): { uri: string; what: string } | undefined {
  if (!analysis || analysis.findings.length === 0 || analysis.parts.text !== raw) return undefined;
  if (!analysis.findings.every((finding) => CASE_AND_PORT.has(finding.messageId))) return undefined;
  const { scheme, slashes, userinfo, host, port, rest } = analysis.parts;
  const defaultPort = scheme.toLowerCase() === 'https' ? '443' : '80';
  const uri = `${scheme.toLowerCase()}:${slashes}${userinfo === undefined ? '' : `${userinfo}@`}${host.toLowerCase()}${port === undefined || port === defaultPort ? '' : `:${port}`}${rest}`;
  const after = analyseCanonical(uri);
  if (!after || after.findings.length > 0 || parseUrl(uri)?.href !== analysis.url.href) return undefined;
  const ids = new Set(analysis.findings.map((finding) => finding.messageId));
  const what = [ids.has('schemeCase') && 'lower-case scheme', ids.has('hostCase') && 'lower-case host', ids.has('defaultPort') && 'no default port'].filter(Boolean).join(', ');
  return { uri, what };
}

/**
 * Compares an http(s) URI as written with its parsed form and says, one finding per kind, what
 * differs. Undefined when the text is not an http(s) URL that parses (other rules report that).
 */
export function analyseCanonical(raw: string): CanonicalAnalysis | undefined {
  const url = parseUrl(raw);
  const parts = splitRaw(raw);
  if (!isWebUrl(url) || !parts) return undefined;
  const canonical = canonicalOf(parts);
  if (canonical === undefined) return undefined;
  const findings: CanonicalFinding[] = [];
  const add = (messageId: CanonicalMessageId, data: Record<string, string> = {}) => findings.push({ messageId, data });
  const { text, scheme, slashes, host, port, rest } = parts;

  if (text !== raw) add('whitespace');
  const queryOrFragment = rest.search(/[?#]/);
  const path = queryOrFragment < 0 ? rest : rest.slice(0, queryOrFragment);
  if (text.slice(0, text.length - rest.length).includes('\\') || path.includes('\\')) add('backslash');
  if (slashes.length !== 2) add('slashes', { part: slashes ? `"${clip(slashes)}"` : 'no slashes' });
  if (scheme !== scheme.toLowerCase()) add('schemeCase', { part: clip(`${scheme}:`) });

  const lowerHost = host.toLowerCase();
  if (host.startsWith('[')) {
    if (lowerHost !== url.hostname) add('ipv6Notation', { part: clip(host), parsed: url.hostname });
  } else if (IPV4.test(url.hostname)) {
    if (lowerHost !== url.hostname) add('ipv4Notation', { part: clip(host), parsed: url.hostname });
  } else if (/[^\x00-\x7f]/.test(host)) {
    add('unicodeHost', { part: clip(host) });
  } else if (lowerHost !== host) {
    add('hostCase', { part: clip(host) });
  }

  if (port !== undefined) {
    const defaultPort = DEFAULT_PORTS[url.protocol]!;
    if (port === defaultPort) add('defaultPort', { part: `:${port}` });
    else if (port === '' || port !== url.port) add('portFormat', { part: clip(`:${port}`), parsed: url.port || `the default port ${defaultPort}` });
  }

  const dotSegment = path.split(/[/\\]/).find((segment) => DOT_SEGMENT.test(segment));
  if (dotSegment !== undefined) add('dotSegments', { part: dotSegment });

  const escaped = parts.hostport + rest;
  const invalid = /%(?![0-9a-fA-F]{2})/.exec(escaped);
  if (invalid) add('invalidPercent', { part: clip(escaped.slice(invalid.index, invalid.index + 3)) });
  let unreserved: CanonicalFinding['data'] | undefined;
  let lowercase: string | undefined;
  for (const match of escaped.matchAll(ESCAPE_TO_FIX)) {
    const hex = match[1]!;
    const char = String.fromCharCode(parseInt(hex, 16));
    if (UNRESERVED.test(char)) {
      if (!(dotSegment !== undefined && char === '.')) unreserved ??= { part: match[0], char };
    } else if (/[a-f]/.test(hex)) {
      lowercase ??= match[0];
    }
    if (unreserved && lowercase) break;
  }
  if (unreserved) add('encodedUnreserved', unreserved);
  if (lowercase) add('lowercasePercent', { part: lowercase });

  const unencoded = firstUnencoded(rest);
  if (unencoded !== undefined) add('unencoded', { part: unencoded === ' ' ? 'a space' : `"${clip(unencoded)}"` });

  if (findings.length === 0) {
    const asWritten = text.slice(0, parts.authorityStart) + parts.hostport + (rest.startsWith('/') ? rest : `/${rest}`);
    if (sameAcrossParsers(asWritten) !== sameAcrossParsers(canonical)) add('notCanonical');
  }
  return { url, parts, canonical, findings };
}

function firstUnencoded(rest: string): string | undefined {
  const hash = rest.indexOf('#');
  const beforeHash = hash < 0 ? rest : rest.slice(0, hash);
  const question = beforeHash.indexOf('?');
  const pieces: [string, RegExp][] = [
    [question < 0 ? beforeHash : beforeHash.slice(0, question), UNENCODED_PATH],
    [question < 0 ? '' : beforeHash.slice(question + 1), UNENCODED_QUERY],
    [hash < 0 ? '' : rest.slice(hash + 1), UNENCODED_FRAGMENT],
  ];
  for (const [piece, pattern] of pieces) {
    const match = pattern.exec(piece);
    if (match) return match[0];
  }
  return undefined;
}

/** The parsed form after normalising escapes (`%zz` → `%25zz`, `%7e` → `~`, `%2f` → `%2F`), without user information. */
function canonicalOf(parts: RawUri): string | undefined {
  let text = `${parts.scheme}://${parts.hostport}${parts.rest}`;
  if (text.includes('%')) {
    text = text.replace(/%(?![0-9a-fA-F]{2})/g, '%25').replace(ESCAPE_TO_FIX, (escape, hex: string) => {
      const char = String.fromCharCode(parseInt(hex, 16));
      return UNRESERVED.test(char) ? char : escape.toUpperCase();
    });
  }
  const url = parseUrl(text);
  return isWebUrl(url) ? url.href : undefined;
}

// ---------------------------------------------------------------------------------------------
// Hosts: one classification for `uri-public-host` and `redirect-uri-public-host`.

export type HostKind = 'public' | 'localhost' | 'ip' | 'singleLabel' | 'localName' | 'reserved';

export interface HostClass {
  kind: HostKind;
  /** The machine itself: `localhost`, 127.0.0.0/8, `::1`, IPv4-mapped loopback. */
  loopback: boolean;
  /** For `ip`: which range, worded for a message ("a private-network address"). */
  range?: string;
  /** For `localName` and `reserved`: the special-use name matched (".local", "example.com"). */
  suffix?: string;
}

const LOCAL_SUFFIXES = ['localhost', 'local', 'internal', 'home.arpa'];
const RESERVED_SUFFIXES = ['example.com', 'example.net', 'example.org', 'test', 'example', 'invalid'];

/**
 * Classifies a host as the WHATWG parser writes it (`url.hostname`: lower case, IPv4 in dotted
 * decimal, IPv6 in brackets, compressed). Works on the text only; resolved addresses are checked by
 * the network layer.
 */
export function classifyHost(hostname: string): HostClass {
  if (hostname.startsWith('[') || IPV4.test(hostname)) return classifyIp(hostname);
  const name = hostname.endsWith('.') ? hostname.slice(0, -1) : hostname;
  if (name === 'localhost') return { kind: 'localhost', loopback: true };
  if (!name.includes('.')) return { kind: 'singleLabel', loopback: false };
  for (const suffix of LOCAL_SUFFIXES) if (name.endsWith(`.${suffix}`)) return { kind: 'localName', loopback: suffix === 'localhost', suffix: `.${suffix}` };
  for (const suffix of RESERVED_SUFFIXES) {
    if (name === suffix || name.endsWith(`.${suffix}`)) return { kind: 'reserved', loopback: false, suffix: suffix.includes('.') ? suffix : `.${suffix}` };
  }
  return { kind: 'public', loopback: false };
}

/** One address classification for the whole tool: the network layer refuses what this names. */
function classifyIp(hostname: string): HostClass {
  const verdict = classifyAddress(hostLiteral(hostname) ?? hostname);
  if (verdict.allowed) return { kind: 'ip', loopback: false, range: 'a public address' };
  return { kind: 'ip', loopback: verdict.range === LOOPBACK, range: `a ${verdict.range} address` };
}

/** Whether the URI's host is under a reserved example name (a placeholder nobody can register). */
export function onPlaceholderHost(raw: string): boolean {
  return classifyHost(parseUrl(raw)?.hostname ?? '').kind === 'reserved';
}

/** The domain a placeholder host is under: `your-company.example` for `app.your-company.example`, `example.com` for `www.example.com`. */
export function placeholderDomain(hostname: string, suffix: string): string {
  return suffix.startsWith('.') ? hostname.split('.').slice(-2).join('.') : suffix;
}

/** `localhost`, `127.0.0.1` or `[::1]` exactly (as parsed): the loopback hosts staging redirect URIs may use. */
export function isAllowedLoopback(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname);
}

/**
 * The URL standard added "^" to the characters a path percent-encodes (Node 24 and later write
 * "%5E"; Node 20 and 22 keep "^"), so parsers disagree on it: neither spelling is reported.
 */
function sameAcrossParsers(uri: string): string {
  return uri.replace(/%5E/g, '^');
}
