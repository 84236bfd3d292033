/**
 * Text helpers for the rules on secrets and human-readable information: folding look-alike
 * spellings to a comparable form, splitting text into words, naming scripts and invisible
 * characters, measuring strings, and telling credentials from ordinary text. Everything here is
 * pure; tables are small constants, and the few compiled lazily are compiled once.
 */

import { ASCII_ONLY, lazyPattern } from './patterns.js';

/** Characters that render as nothing or only steer layout: zero-width, soft hyphen, bidi controls, BOM. */
const INVISIBLE = lazyPattern(() => /[\p{Default_Ignorable_Code_Point}\p{Bidi_Control}]/u);
const INVISIBLE_ALL = lazyPattern(() => /[\p{Default_Ignorable_Code_Point}\p{Bidi_Control}]/gu);

/**
 * Characters confusable with the letters of the names we look for (p, l, e, o), and a few others
 * that fold into them. Source: Unicode confusables.txt (UTS #39, "MA" table), e.g.
 * `0440 ; 0070 # ( р → p ) CYRILLIC SMALL LETTER ER`, `0049 ; 006C # ( I → l )`,
 * `0031 ; 006C # ( 1 → l )`, `0030 ; 004F # ( 0 → O )`, `03C3 ; 006F # ( σ → o )`.
 * Marked "house": Latin small capitals and stroked letters that confusables.txt leaves out.
 * Full-width forms, mathematical alphanumerics, circled letters, ℓ, ℯ, ℴ, Ⅰ… need no entry:
 * NFKC turns them into ASCII first.
 */
const CONFUSABLES: Readonly<Record<string, string>> = {
  // → p
  '\u0440': 'p', '\u0420': 'P', '\u03C1': 'p', '\u03A1': 'P', '\u03F1': 'p', '\u2374': 'p',
  '\u13E2': 'P', '\u146D': 'P', '\uA4D1': 'P', '\u1D18': 'p' /* house: ᴘ */,
  // → l
  I: 'l', '\u0399': 'l', '\u0406': 'l', '\u04C0': 'l', '\u01C0': 'l', '\u05C0': 'l', '\u05D5': 'l',
  '\u05DF': 'l', '\u0627': 'l', '\u0661': 'l', '\u06F1': 'l', '\u16C1': 'l', '\u2223': 'l', '\u0196': 'l',
  '\u029F': 'l' /* house: ʟ */, '\u0142': 'l' /* house: ł */, '\u0141': 'L' /* house: Ł */,
  // → e
  '\u0435': 'e', '\u0415': 'E', '\u0395': 'E', '\u04BD': 'e', '\u212E': 'e', '\u13AC': 'E', '\uA4F0': 'E',
  '\uAB32': 'e', '\u1D07': 'e' /* house: ᴇ */,
  // → o
  '\u043E': 'o', '\u041E': 'O', '\u03BF': 'o', '\u039F': 'O', '\u03C3': 'o', '\u0585': 'o', '\u0555': 'O',
  '\u05E1': 'o', '\u0647': 'o', '\u0665': 'o', '\u06F5': 'o', '\u07C0': 'O', '\u0966': 'o', '\u09E6': 'O',
  '\u0D20': 'o', '\u0E50': 'o', '\u1D0F': 'o', '\u1D11': 'o', '\u2C9F': 'o', '\u2C9E': 'O', '\u3007': 'O',
  '\u00F8': 'o' /* house: ø */, '\u00D8': 'O' /* house: Ø */,
  // others that would otherwise stay apart
  '\u0131': 'i', '\u0456': 'i', '\u04CF': 'i',
};

/**
 * Digits and symbols read as letters: from confusables.txt `1 → l`, `| → l`, `0 → O`; leetspeak
 * `3 → e`, `€ → e`, `! → l`. Kept apart from CONFUSABLES so that words still end at them (`Pleo1`).
 */
const LEET: Readonly<Record<string, string>> = { '0': 'o', '1': 'l', '|': 'l', '3': 'e', '€': 'e', '!': 'l' };
/** Symbols that count as letters only inside a word (`P|eo`, `pl€o`), never at its edges (`Pleo!`). */
const INNER_SYMBOLS = new Set(['|', '!', '€']);

interface FoldedChar {
  /** The character after NFKC, mark removal and confusable mapping; case kept. */
  char: string;
  /** Case of the character before mapping (`I` → `l` is still upper case): 'U', 'L' or ''. */
  case: string;
  /** Offsets of the source character in the original text. */
  start: number;
  end: number;
}

/**
 * Folds text character by character, keeping where each folded character came from: NFKC, drop
 * invisible characters, drop combining marks (é → e), map confusables (case kept, so words can
 * still be split at case changes).
 */
function foldChars(text: string): FoldedChar[] {
  const out: FoldedChar[] = [];
  let offset = 0;
  for (const source of text) {
    const start = offset;
    offset += source.length;
    if (source < '\x80') {
      // ASCII: NFKC leaves it alone and it holds no marks or invisible characters.
      out.push({ char: CONFUSABLES[source] ?? source, case: source >= 'A' && source <= 'Z' ? 'U' : source >= 'a' && source <= 'z' ? 'L' : '', start, end: offset });
      continue;
    }
    if (INVISIBLE().test(source)) continue;
    const normal = source.normalize('NFKC').normalize('NFD');
    for (const c of normal) {
      if (/\p{M}/u.test(c) || INVISIBLE().test(c)) continue;
      out.push({ char: CONFUSABLES[c] ?? c, case: /\p{Lu}/u.test(c) ? 'U' : /\p{Ll}/u.test(c) ? 'L' : '', start, end: offset });
    }
  }
  return out;
}

/** Lower case and leetspeak: the form two spellings are compared in. */
function comparable(folded: string): string {
  let result = '';
  for (const c of folded.toLowerCase()) result += LEET[c] ?? c;
  return result;
}

export interface Word {
  /** Comparable form (folded, lower case, leetspeak undone). */
  folded: string;
  /** The same without digits or symbols at its ends (`Pleo365` → `pleo`). */
  core: string;
  /** The word as written: offsets into the original text. */
  start: number;
  end: number;
  /** Folded separator text before the next word ('' for the last word). */
  after: string;
}

// ASCII first (see lazyPattern).
const isLetter = (c: string) => (c < '\x80' ? /[A-Za-z0-9]/.test(c) : /[\p{L}\p{N}]/u.test(c));

/**
 * Splits text into words: runs of letters and digits (and `|`, `!`, `€` between them), split
 * again where the case changes (`AcmePleo` → `Acme`, `Pleo`; `ACMEPleo` → `ACME`, `Pleo`).
 * Invisible characters are dropped first, so `Ple\u200Bo` is one word.
 */
export function words(text: string): Word[] {
  const chars = foldChars(text);
  const result: Word[] = [];
  let i = 0;
  let pending: Word | undefined;
  let separator = '';
  const push = (from: number, to: number) => {
    const piece = chars.slice(from, to);
    if (pending) pending.after = separator;
    separator = '';
    const raw = piece.map((c) => c.char).join('');
    const core = comparable(raw.replace(ASCII_ONLY.test(raw) ? /^[^A-Za-z]+|[^A-Za-z]+$/g : /^[^\p{L}]+|[^\p{L}]+$/gu, ''));
    pending = { folded: comparable(raw), core, start: piece[0]!.start, end: piece[piece.length - 1]!.end, after: '' };
    result.push(pending);
  };
  while (i < chars.length) {
    if (!isLetter(chars[i]!.char)) {
      separator += chars[i]!.char;
      i++;
      continue;
    }
    let j = i + 1;
    while (j < chars.length) {
      const c = chars[j]!.char;
      if (isLetter(c)) j++;
      else if (INNER_SYMBOLS.has(c) && j + 1 < chars.length && isLetter(chars[j + 1]!.char)) j += 2;
      else break;
    }
    // Split at case changes: aB → a|B, 2B → 2|B, ABc → A|Bc.
    let from = i;
    for (let k = i + 1; k < j; k++) {
      const prev = chars[k - 1]!.case;
      const here = chars[k]!.case;
      const next = chars[k + 1]?.case;
      const lowerUpper = prev !== 'U' && here === 'U';
      const acronymEnd = prev === 'U' && here === 'U' && k + 1 < j && next === 'L';
      if (lowerUpper || acronymEnd) {
        push(from, k);
        from = k;
      }
    }
    push(from, j);
    i = j;
  }
  return result;
}

export interface NameMatch {
  /** Index of the first word of the match in `words`. */
  first: number;
  last: number;
  /** Offsets of the match in the original text. */
  start: number;
  end: number;
}

/**
 * Finds `name` (lower-case ASCII) as a whole word, after folding: confusables, leetspeak,
 * invisible characters, a case change inside a longer word (`AcmePleo`), digits or symbols stuck
 * to its ends (`Pleo365`, `Pleo!`), and letters spelled out with separators (`P.l.e.o`, `P-L-E-O`,
 * `P l e o`, `Ple-o`). It stops there: `Simpleo` and `Pleomorphic` are other words, and a space
 * inside the word counts only when every letter stands alone (`P l e o`, not `Ple o`).
 */
export function findName(text: string, name: string, list: readonly Word[] = words(text)): NameMatch | undefined {
  for (let i = 0; i < list.length; i++) {
    const word = list[i]!;
    if (word.folded === name || word.core === name) return { first: i, last: i, start: word.start, end: word.end };
    // Spelled out, or split at a case change that is not a word boundary (`PLeo`): a chain of joined words.
    let joined = word.folded;
    for (let j = i + 1; j < list.length && joined.length < name.length; j++) {
      if (!joinable(list[j - 1]!, list[j]!)) break;
      joined += list[j]!.folded;
      const spelledBefore = i > 0 && list[i - 1]!.after !== '' && joinable(list[i - 1]!, word);
      const spelledAfter = j + 1 < list.length && list[j]!.after !== '' && joinable(list[j]!, list[j + 1]!);
      if (joined === name && !spelledBefore && !spelledAfter) return { first: i, last: j, start: word.start, end: list[j]!.end };
    }
  }
  return undefined;
}

/**
 * Two words are parts of one when a case change split them (no separator), when 1–3 punctuation
 * characters join them, or when spaces join single letters (`P l e o`).
 */
function joinable(left: Word, right: Word): boolean {
  const separator = left.after;
  if (separator.length === 0) return true;
  if (separator.length > 3) return false;
  if (/^[\p{P}\p{S}]+$/u.test(separator)) return true;
  return /^[\s\p{P}\p{S}]+$/u.test(separator) && [...left.folded].length === 1 && [...right.folded].length === 1;
}

/** Scripts a mixed-script check tells apart; Common and Inherited characters (digits, punctuation, marks) belong to none. */
const SCRIPT_NAMES = [
  'Latin', 'Greek', 'Cyrillic', 'Armenian', 'Hebrew', 'Arabic', 'Syriac', 'Thaana', 'Devanagari', 'Bengali',
  'Gurmukhi', 'Gujarati', 'Oriya', 'Tamil', 'Telugu', 'Kannada', 'Malayalam', 'Sinhala', 'Thai', 'Lao',
  'Tibetan', 'Myanmar', 'Georgian', 'Hangul', 'Ethiopic', 'Cherokee', 'Canadian_Aboriginal', 'Khmer',
  'Mongolian', 'Hiragana', 'Katakana', 'Bopomofo', 'Han', 'Coptic', 'Lisu', 'Nko', 'Tifinagh', 'Runic',
] as const;
let scriptPatterns: [string, RegExp][] | undefined;

/** The Unicode script of one character, `undefined` for Common/Inherited, 'Other' for scripts not listed. */
export function scriptOf(char: string): string | undefined {
  if (/[\p{Script=Common}\p{Script=Inherited}]/u.test(char)) return undefined;
  scriptPatterns ??= SCRIPT_NAMES.map((name) => [name.replace(/_/g, ' '), new RegExp(`\\p{Script=${name}}`, 'u')]);
  for (const [name, pattern] of scriptPatterns) if (pattern.test(char)) return name;
  return 'Other';
}

/** Script combinations one word may use (UTS #39 §5.2 "Highly Restrictive"): Japanese, Chinese with Bopomofo, Korean — each with Latin. */
const ALLOWED_MIXES: readonly (readonly string[])[] = [
  ['Latin', 'Han', 'Hiragana', 'Katakana'],
  ['Latin', 'Han', 'Bopomofo'],
  ['Latin', 'Han', 'Hangul'],
];

/**
 * The first word (a run of letters, marks and digits) that mixes scripts no single writing
 * system mixes, with the scripts it uses; `Аcme` with a Cyrillic А is one.
 */
export function mixedScriptWord(text: string): { word: string; scripts: string[] } | undefined {
  if (ASCII_ONLY.test(text)) return undefined; // ASCII letters are all Latin
  for (const match of text.matchAll(/[\p{L}\p{M}\p{N}]+/gu)) {
    const scripts = new Set<string>();
    for (const char of match[0]) {
      const script = scriptOf(char);
      if (script) scripts.add(script);
    }
    if (scripts.size < 2) continue;
    const list = [...scripts];
    if (ALLOWED_MIXES.some((mix) => list.every((s) => mix.includes(s)))) continue;
    return { word: match[0], scripts: list };
  }
  return undefined;
}

let segmenter: Intl.Segmenter | undefined;

/** User-perceived characters (extended grapheme clusters): `é` written as e + ◌́ is one, 👩‍💻 is one. */
export function graphemeLength(text: string): number {
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  let count = 0;
  for (const _ of segmenter.segment(text)) count++;
  return count;
}

const CHARACTER_NAMES: Readonly<Record<number, string>> = {
  0x00ad: 'soft hyphen', 0x061c: 'Arabic letter mark', 0x180e: 'Mongolian vowel separator',
  0x200b: 'zero-width space', 0x200c: 'zero-width non-joiner', 0x200d: 'zero-width joiner',
  0x200e: 'left-to-right mark', 0x200f: 'right-to-left mark', 0x2028: 'line separator', 0x2029: 'paragraph separator',
  0x202a: 'left-to-right embedding', 0x202b: 'right-to-left embedding', 0x202c: 'pop directional formatting',
  0x202d: 'left-to-right override', 0x202e: 'right-to-left override', 0x2060: 'word joiner',
  0x2066: 'left-to-right isolate', 0x2067: 'right-to-left isolate', 0x2068: 'first strong isolate',
  0x2069: 'pop directional isolate', 0xfeff: 'zero-width no-break space (BOM)',
  0x09: 'tab', 0x0a: 'line feed', 0x0d: 'carriage return', 0x7f: 'delete',
};

/** `U+202E (right-to-left override)`: a character named so a reader can find it. */
export function describeCharacter(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  const hex = 'U+' + code.toString(16).toUpperCase().padStart(4, '0');
  const name = CHARACTER_NAMES[code];
  return name ? `${hex} (${name})` : hex;
}

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

/** Names are checked this far: the schema already rejects a name past 100 characters, and folding is per character. */
export const TEXT_LIMIT = 1000;

/** The first TEXT_LIMIT code points of `text`. */
export function head(text: string): string {
  if (text.length <= TEXT_LIMIT) return text;
  return [...text.slice(0, TEXT_LIMIT * 2)].slice(0, TEXT_LIMIT).join('');
}

/** Removes invisible characters (zero-width, soft hyphen, bidi controls). */
export function stripInvisible(text: string): string {
  return ASCII_ONLY.test(text) ? text : text.replace(INVISIBLE_ALL(), '');
}

/**
 * The comparable form of a whole string (NFKC, invisible characters and marks dropped,
 * confusables and leetspeak folded, lower case): for comparing host names and file names.
 */
export function fold(text: string): string {
  return comparable(foldChars(text).map((c) => c.char).join(''));
}

// ---------------------------------------------------------------------------------------------
// Secrets: key names that name a credential, and values that look like one.

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
 * other one took seconds.
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
