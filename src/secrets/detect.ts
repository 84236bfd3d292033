/**
 * Telling credentials from ordinary text: key names that name a credential, and values that look
 * like one (known token formats, private keys, URL passwords, long random strings).
 */

/** Shannon entropy in bits per character. */
export function shannonEntropy(text: string): number {
  const counts = new Map<string, number>();
  for (const c of text) counts.set(c, (counts.get(c) ?? 0) + 1);
  const length = [...text].length;
  let entropy = 0;
  for (const count of counts.values()) {
    const p = count / length;
    entropy -= p * Math.log2(p);
  }
  return entropy;
}


/**
 * The words of a key, lower case: split at `_`, `-`, `.`, spaces and case changes
 * (`clientSecret` → client, secret; `X-API-Key` → x, api, key).
 */
export function keyWords(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/**
 * Words after the credential noun that still name the credential itself: its form (`client_secret_value`),
 * or which one of several it is (`client_secret_prod`, `api_key_live`, `password_old`, `token_v2`, `secret_2`).
 */
const VALUE_SUFFIXES = new Set([
  'value', 'b64', 'base64', 'pem', 'hex', 'raw', 'plain', 'plaintext', 'text', 'string', 'str', 'data',
  'prod', 'production', 'prd', 'live', 'test', 'testing', 'sandbox', 'staging', 'stage', 'stg', 'dev', 'development',
  'local', 'qa', 'uat', 'preview', 'demo', 'old', 'new', 'current', 'previous', 'prev', 'next', 'primary',
  'secondary', 'backup', 'main', 'alt', 'default', 'tmp', 'temp', 'legacy', 'rotated', 'latest',
]);
/** A version or number after the noun, as a word (`token_v2`, `secret_2`) or stuck to it (`client_secret2`). */
const NUMBER_SUFFIX = /^(?:v?\d+)$/;
const CREDENTIAL_NOUN = /^(?:password|passwords|passwd|pwd|passphrase|secret|secrets|token|tokens|credential|credentials|creds|apikey|apikeys|privatekey|privkey)$/;
/** Compound single words: `clientsecret`, `accesstoken`, `dbpassword`. */
const CREDENTIAL_SUFFIX = /(?:secret|password|passwd|passphrase|token|apikey|privatekey)s?$/;
/** `<qualifier> key`: private_key, api_key, access_key, signing_key… (a bare `key` is not enough). */
const KEY_QUALIFIERS = new Set(['private', 'api', 'access', 'signing', 'encryption', 'master', 'auth', 'client', 'secret', 'priv']);
const HEADER_NOUNS = new Set(['authorization', 'auth', 'bearer']);

/**
 * Whether a key names a credential: 'credential' (client_secret, password, pwd, access_token,
 * apiKey, private-key, credentials…: the value is a secret whatever it looks like), 'header'
 * (authorization, auth: a secret only when the value carries an auth scheme, `Bearer …`), or
 * undefined. The credential must be the key's last word but for the words VALUE_SUFFIXES lists and a
 * number (`client_secret_prod`, `client_secret2`, `pleo_api_key_live`), so `token_endpoint`, `secret_name`,
 * `password_policy_uri` and `client_secret_expires_at` are not credentials.
 */
export function credentialKind(key: string): 'credential' | 'header' | undefined {
  const parts = keyWords(key);
  while (parts.length > 1 && (VALUE_SUFFIXES.has(parts[parts.length - 1]!) || NUMBER_SUFFIX.test(parts[parts.length - 1]!))) parts.pop();
  const last = parts[parts.length - 1]?.replace(/(?<=[a-z])\d+$/, '');
  if (last === undefined) return undefined;
  if (CREDENTIAL_NOUN.test(last) || CREDENTIAL_SUFFIX.test(last)) return 'credential';
  if ((last === 'key' || last === 'keys') && KEY_QUALIFIERS.has(parts[parts.length - 2] ?? '')) return 'credential';
  if (HEADER_NOUNS.has(last)) return 'header';
  return undefined;
}

/** `Bearer abc…`, `Basic dXNlcjpw…`: an Authorization header value; group 1 is the credential. */
export const AUTH_SCHEME = /^\s*(?:bearer|basic|token|digest|bot|apikey|negotiate|hmac)\s+(\S{8,})/i;

/** A pointer to where a secret is kept, not the secret: `${CLIENT_SECRET}`, `$TOKEN`, `env:…`, `op://…`. */
export function isReference(value: string): boolean {
  return /^(?:\$\{\{?[^}]*\}\}?|\$[A-Za-z_][A-Za-z0-9_]*|\{\{[^}]*\}\}|%[A-Za-z_][A-Za-z0-9_]*%|(?:env|vault|secret|secrets|ssm|sm|keyvault|file):\S+|op:\/\/\S+|arn:aws:(?:secretsmanager|ssm):\S+|projects\/[^/\s]+\/secrets\/\S+)$/i.test(value.trim());
}

/** A stand-in with no secret in it: empty, `<redacted>`, `changeme`, `***`, `xxxx`, `TODO`. */
export function isPlaceholder(value: string): boolean {
  return /^(?:|<[^<>]*>|\[[^\]]*\]|\*+|x+|X+|\.+|-+|_+|0+|changeme|change[-_ ]me|redacted|removed|placeholder|todo|tbd|none|null|nil|n\/a|secret|password|token|your[-_ ][\w -]*)$/i.test(value.trim());
}

export interface SecretFinding {
  /** `secretKey`: a credential key and its value written in a comment (`# password: hunter2`). */
  kind: 'privateKey' | 'knownToken' | 'highEntropy' | 'urlPassword' | 'queryCredential' | 'secretKey';
  /** What it is: "BEGIN RSA PRIVATE KEY", "GitHub token", "hex string"; for `secretKey` and `queryCredential`, the key. */
  label: string;
  /** The secret itself, for `mask()`. */
  secret: string;
  /** Every piece of text that must be masked (a PEM key is redacted line by line). */
  redact: string[];
  /** Offsets of the finding in the scanned text. */
  start: number;
  end: number;
}

/** Well-known credential formats, each with what it is. Prefixes per the issuers' published formats. */
const TOKEN_PATTERNS: readonly [string, RegExp][] = [
  ['GitHub token', /\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})/g],
  ['GitLab token', /\bglpat-[A-Za-z0-9_-]{20,}/g],
  ['Slack token', /\bxox[abposre]-[A-Za-z0-9-]{10,}/g],
  ['Slack webhook URL', /https:\/\/hooks\.slack\.com\/services\/[A-Za-z0-9_/]{20,}/g],
  ['Stripe key', /\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{10,}/g],
  ['Stripe webhook secret', /\bwhsec_[A-Za-z0-9]{20,}/g],
  ['AWS access key ID', /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/g],
  ['Google API key', /\bAIza[0-9A-Za-z_-]{35}/g],
  ['Google OAuth client secret', /\bGOCSPX-[A-Za-z0-9_-]{20,}/g],
  ['JSON Web Token', /\beyJ[A-Za-z0-9_-]{4,}\.eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g],
  ['npm token', /\bnpm_[A-Za-z0-9]{36}\b/g],
  ['API key (sk-…)', /\bsk-(?:proj-|svcacct-|admin-|ant-)?[A-Za-z0-9_-]{32,}/g],
  ['SendGrid API key', /\bSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}\b/g],
  ['Shopify token', /\bshp(?:at|ss|ca|pa)_[a-fA-F0-9]{32}\b/g],
  ['Authorization header', /\b(?:Bearer|Basic)\s+[A-Za-z0-9._~+/-]{16,}=*/g],
];

/** Every prefix of TOKEN_PATTERNS, to skip them all at once for ordinary text. */
const TOKEN_HINT = /gh[pousr]_|github_pat_|glpat-|xox[abposre]-|hooks\.slack|[sr]k_(?:live|test)_|whsec_|AKIA|ASIA|AIza|GOCSPX-|eyJ|npm_|sk-|SG\.|shp(?:at|ss|ca|pa)_|Bearer|Basic/;

const PEM = /-----BEGIN ((?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?)-----([\s\S]*?)(?:-----END \1-----|$)/g;
/** Public keys and certificates: long base64, and not secret. */
const PUBLIC_PEM = /-----BEGIN ((?:[A-Z0-9]+ )*(?:PUBLIC KEY|CERTIFICATE))-----[\s\S]*?(?:-----END \1-----|$)/g;
const URL_PASSWORD = /:\/\/[^\s:@/?#]*:([^\s@/?#]+)@/g;
/** `?client_secret=…`, `&access_token=…`: a query or fragment parameter; credentialKind says which name a credential. */
const QUERY_PARAMETER = /[?&#;]([A-Za-z_][\w.-]*)=([^\s&#;"'<>]{4,})/g;
const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;
/** Words near a hex string that say it is a hash or an identifier, not a secret. */
export const HASH_WORDS = /\b(?:sha\d*|md5|hash|digest|checksum|commit|rev|revision|etag|fingerprint|integrity|id|uuid|build|version|ref|tree|blob|object)\b/i;

/**
 * Finds credential-looking text: PEM private keys, well-known token formats, passwords in URLs
 * (`https://user:pass@host`), credentials in URL parameters (`?client_secret=…`), and random-looking strings (see `looksRandom`). `hashContext` says
 * the text sits where hashes live (a key such as `commit` or `sha256`), which lets hex strings pass.
 */
export function findSecrets(text: string, hashContext: (start: number) => boolean = () => false): SecretFinding[] {
  if (text.length < 15) return []; // shorter than any format below
  const found: SecretFinding[] = [];
  const taken = new Spans();
  const add = (finding: SecretFinding) => {
    if (taken.overlaps(finding.start, finding.end)) return;
    taken.add(finding.start, finding.end);
    found.push(finding);
  };
  const pem = text.includes('-----BEGIN ');
  if (pem) for (const match of text.matchAll(PUBLIC_PEM)) taken.add(match.index, match.index + match[0].length);
  if (pem) for (const match of text.matchAll(PEM)) {
    const lines = match[2]!.split(/\r?\n/).map((line) => line.replace(/^\s*#?\s*/, '').trim()).filter((line) => line.length >= 4);
    const start = match.index;
    add({ kind: 'privateKey', label: `BEGIN ${match[1]}`, secret: lines.join('') || match[0], redact: lines, start, end: start + match[0].indexOf('-----', 11) + 5 });
    taken.add(start, start + match[0].length);
  }
  if (TOKEN_HINT.test(text)) for (const [label, pattern] of TOKEN_PATTERNS) {
    for (const match of text.matchAll(pattern)) {
      // `sk-…` is also how slugs start: only a key with upper case and digits counts.
      if (match[0].startsWith('sk-') && !(/[A-Z]/.test(match[0]) && /\d/.test(match[0]))) continue;
      add({ kind: 'knownToken', label, secret: match[0], redact: [match[0]], start: match.index, end: match.index + match[0].length });
    }
  }
  if (text.includes('://')) for (const match of text.matchAll(URL_PASSWORD)) {
    const password = match[1]!;
    if (isReference(password) || isPlaceholder(password)) continue;
    const start = match.index + match[0].length - 1 - password.length;
    add({ kind: 'urlPassword', label: 'password in a URL', secret: password, redact: [password], start, end: start + password.length });
  }
  if (text.includes('=')) for (const match of text.matchAll(QUERY_PARAMETER)) {
    const [, name, value] = match as unknown as [string, string, string];
    if (credentialKind(name) !== 'credential' || isPlaceholder(value) || isReference(value)) continue;
    const start = match.index + match[0].length - value.length;
    add({ kind: 'queryCredential', label: name, secret: value, redact: [value], start, end: start + value.length });
  }
  if (/^\s*data:/i.test(text)) return found;
  const scrubbed = text.replace(UUID, (uuid) => ' '.repeat(uuid.length));
  for (const match of scrubbed.matchAll(/[A-Za-z0-9+/=_-]{30,}/g)) {
    const pieces = looksRandom(trimRun(match[0])) ? [[match[0], match.index] as const] : splitRun(match[0], match.index);
    for (const [piece, index] of pieces) {
      const token = trimRun(piece);
      const kind = looksRandom(token);
      const start = index + piece.indexOf(token);
      if (!kind || (kind === 'hex' && hashContext(start)) || /^sha(?:256|384|512)-/.test(token)) continue;
      if (/base64,$/i.test(text.slice(Math.max(0, start - 7), start))) continue;
      add({ kind: 'highEntropy', label: kind === 'hex' ? 'hex string' : 'string', secret: token, redact: [token], start, end: start + token.length });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/**
 * Spans of text already taken, kept sorted and merged, so that telling whether a span overlaps one is a
 * binary search: comments full of tokens hold thousands of findings, and comparing each with every
 * other one was quadratic.
 */
class Spans {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];

  overlaps(start: number, end: number): boolean {
    const i = this.lastStartingBefore(end);
    return i >= 0 && this.ends[i]! > start;
  }

  add(start: number, end: number): void {
    let first = this.lastStartingBefore(start + 1);
    if (first < 0 || this.ends[first]! < start) first++;
    let last = first;
    while (last < this.starts.length && this.starts[last]! <= end) last++;
    const merged = last > first ? [Math.min(start, this.starts[first]!), Math.max(end, this.ends[last - 1]!)] : [start, end];
    this.starts.splice(first, last - first, merged[0]!);
    this.ends.splice(first, last - first, merged[1]!);
  }

  /** The index of the last span starting before `at`, or -1. */
  private lastStartingBefore(at: number): number {
    let low = 0;
    let high = this.starts.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.starts[mid]! < at) low = mid + 1;
      else high = mid;
    }
    return low - 1;
  }
}

function trimRun(run: string): string {
  return run.replace(/^[-_/+=]+/, '').replace(/[-_/+]+$/, '');
}

/** A path-like run split at `/`, each piece with its offset. */
function splitRun(run: string, offset: number): (readonly [string, number])[] {
  const pieces: (readonly [string, number])[] = [];
  let at = 0;
  for (const piece of run.split('/')) {
    if (piece.length >= 30) pieces.push([piece, offset + at]);
    at += piece.length + 1;
  }
  return pieces;
}

/**
 * Whether a token (no spaces, base64/hex alphabet) looks randomly generated:
 * - 'hex': ≥ 30 hex digits of one case, with letters and digits, entropy ≥ 3.0 bits/char
 *   (random hex of 30 scores about 3.6; Pleo's example client secret is 30 lower-case hex);
 * - 'base64': ≥ 32 characters (padding aside) with upper case, lower case and digits, entropy
 *   ≥ 4.0 bits/char (random base62 of 32 scores about 4.5), and not made of words: words have
 *   vowels (≥ 28% of the lower-case letters) and fill ≥ 60% of the token in runs such as `Acme`,
 *   `Settings`. Calibrated on random base62 strings (about 1 in 1,000 of 32 characters is missed)
 *   and on camelCase identifiers and slugs (none reported).
 */
export function looksRandom(token: string): 'hex' | 'base64' | undefined {
  const bare = token.replace(/=+$/, '');
  if (/^(?:[0-9a-f]{30,}|[0-9A-F]{30,})$/.test(bare)) {
    return /\d/.test(bare) && /[a-f]/i.test(bare) && shannonEntropy(bare) >= 3 ? 'hex' : undefined;
  }
  if (bare.length < 32 || !/[A-Z]/.test(bare) || !/[a-z]/.test(bare) || !/\d/.test(bare)) return undefined;
  if (shannonEntropy(bare) < 4) return undefined;
  const lower = bare.match(/[a-z]/g) ?? [];
  const vowels = lower.filter((c) => 'aeiou'.includes(c)).length / lower.length;
  let wordy = 0;
  for (const run of bare.match(/[A-Z]?[a-z]{2,}/g) ?? []) if (/[aeiouy]/.test(run)) wordy += run.length;
  return vowels >= 0.28 && wordy / bare.length >= 0.6 ? undefined : 'base64';
}

/** `password: hunter2` written in a comment: a credential key, then a value without spaces. */
const COMMENT_PAIR = /(?<![\w.-])["']?([A-Za-z_][\w.-]*)["']?[ \t]*[:=][ \t]*["']?([^\s"',;#]+)/g;

/**
 * Secrets in comment text: everything `findSecrets` finds, and credentials written as `key: value`
 * (a commented-out `client_secret: …`). A pair is skipped when its value is a placeholder, a
 * reference or a URL, or reads as prose (under 6 characters, or letters only in one case:
 * "secret: ask the team"). A pair's value is reported as the pair rather than as a random string.
 */
export function findSecretsInComments(text: string): SecretFinding[] {
  const findings = findSecrets(text, (at) => HASH_WORDS.test(text.slice(Math.max(0, at - 24), at)));
  const named = new Spans(); // what findSecrets names (a token, a key); a random string may be a pair's value
  for (const finding of findings) if (finding.kind !== 'highEntropy') named.add(finding.start, finding.end);
  const pairs: SecretFinding[] = [];
  const paired = new Spans();
  if (/[:=]/.test(text)) {
    for (const match of text.matchAll(COMMENT_PAIR)) {
      const [, key, value] = match as unknown as [string, string, string];
      if (credentialKind(key) !== 'credential' || isPlaceholder(value) || isReference(value) || /^[<{$]|:\/\//.test(value)) continue;
      if (value.length < 6 || !/\d|[^A-Za-z]|[a-z].*[A-Z]/.test(value)) continue;
      const start = match.index + match[0].length - value.length;
      const pair: SecretFinding = { kind: 'secretKey', label: key, secret: value, redact: [value], start, end: start + value.length };
      if (named.overlaps(pair.start, pair.end)) continue;
      pairs.push(pair);
      paired.add(pair.start, pair.end);
    }
  }
  return [...pairs, ...findings.filter((f) => !paired.overlaps(f.start, f.end))].sort((a, b) => a.start - b.start);
}
