/**
 * Text helpers for names and other human-readable values: folding look-alike spellings to a
 * comparable form, splitting text into words, naming scripts and invisible characters, measuring
 * strings. Everything here is pure; tables are small constants, and the few compiled lazily are
 * compiled once.
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
