import { clip } from './rules/utils/describe.js';

/**
 * `ab12…(30 chars)`: enough to find the value, never enough to use it. The characters shown are spelled
 * out like any value in a message (`\u{202E}`), so a secret cannot reorder or hide the report's text.
 */
export function mask(secret: string): string {
  const length = [...secret].length;
  const shown = length >= 16 ? 4 : length >= 10 ? 2 : 0;
  return `${clip([...secret].slice(0, shown).join(''))}…(${length} chars)`;
}

/** Replaces every occurrence of each secret in `text` by its mask, longest secrets first. */
export function redact(text: string, secrets: readonly string[]): string {
  return redactClipped(replaceAll(text, secrets, mask), secrets);
}

/** More of a secret's start than this, cut short by "…", is masked too (a mask shows at most 4). */
const MAX_CLIPPED_SHOWN = 4;
/** Messages clip values to at most 80 characters, so a cut secret is never longer than this. */
const MAX_CLIPPED_LENGTH = 200;

/**
 * Messages quote values clipped (`clip`: the first characters, then "…"), so a long secret, or a URL
 * with one in it, may appear cut short, which whole-secret replacement cannot find: a start of a secret
 * that runs into "…" is masked as the whole secret would be.
 */
function redactClipped(text: string, secrets: readonly string[]): string {
  if (!text.includes('…')) return text;
  let result = text;
  for (const secret of candidates(text, secrets)) {
    if (secret.length <= MAX_CLIPPED_SHOWN + 1) continue;
    for (let at = result.indexOf('…'); at >= 0; at = result.indexOf('…', at + 1)) {
      let cut = Math.min(secret.length - 1, MAX_CLIPPED_LENGTH, at);
      while (cut > MAX_CLIPPED_SHOWN && !result.startsWith(secret.slice(0, cut), at - cut)) cut--;
      if (cut <= MAX_CLIPPED_SHOWN) continue;
      const masked = mask(secret);
      result = result.slice(0, at - cut) + masked + result.slice(at + 1);
      at = at - cut + masked.length - 1;
    }
  }
  return result;
}

/**
 * Like `redact`, but the mask keeps the secret's length, so columns in a code frame stay right: each
 * occurrence becomes `*`s (but for the first 4 characters of a secret of 16 or more). The text is the
 * whole manifest, so it is never copied once per secret; each secret's occurrences are found in the
 * text as written, so where two secrets overlap, both are masked.
 */
export function redactInPlace(text: string, secrets: readonly string[]): string {
  const index = secretIndex(secrets);
  if (index.sorted.length === 0) return text;
  const spans = prefixSpans(text, index);
  const hidden = new Uint8Array(text.length);
  let any = false;
  for (const secret of index.sorted) {
    const span = spans.get(secret.slice(0, MIN_SECRET));
    if (!span) continue;
    // An occurrence starts where the secret's first 4 characters do: search only from the first to the last.
    const [first, last] = span;
    const haystack = last + secret.length >= text.length ? text : text.slice(0, last + secret.length);
    const kept = secret.length >= 16 ? 4 : 0;
    for (let at = haystack.indexOf(secret, first); at >= 0; at = haystack.indexOf(secret, at + secret.length)) {
      hidden.fill(1, at + kept, at + secret.length);
      any = true;
    }
  }
  if (!any) return text;
  const parts: string[] = [];
  for (let start = 0; start < text.length; ) {
    let end = start;
    while (end < text.length && hidden[end] === hidden[start]) end++;
    parts.push(hidden[start] ? '*'.repeat(end - start) : text.slice(start, end));
    start = end;
  }
  return parts.join('');
}

/** Where in `text` each indexed 4-character prefix first and last starts. */
function prefixSpans(text: string, index: SecretIndex): Map<string, [number, number]> {
  const spans = new Map<string, [number, number]>();
  for (let at = 0; at + MIN_SECRET <= text.length; at++) {
    const prefix = text.slice(at, at + MIN_SECRET);
    const span = spans.get(prefix);
    if (span) span[1] = at;
    else if (index.byPrefix.has(prefix)) spans.set(prefix, [at, at]);
  }
  return spans;
}

function replaceAll(text: string, secrets: readonly string[], replace: (secret: string) => string): string {
  let result = text;
  for (const secret of candidates(text, secrets)) {
    if (result.includes(secret)) result = result.split(secret).join(replace(secret));
  }
  return result;
}

/** The secrets that occur in `text` (at least 4 characters long), longest first. */
export function secretsIn(text: string, secrets: readonly string[]): string[] {
  return candidates(text, secrets).filter((secret) => text.includes(secret));
}

/**
 * The secrets (4 characters or more, longest first) whose first 4 characters occur somewhere in `text`,
 * found through an index of those prefixes: a run masks every message and JSON Pointer, and trying every
 * secret on each took 6.5 s for 100 secrets and 10,000 problems, over 5 minutes for 10,000 secrets (a
 * credential key holding lists). Secrets holding "…" or "*", which masks write, are always candidates,
 * as a mask could complete one.
 */
function candidates(text: string, secrets: readonly string[]): string[] {
  const index = secretIndex(secrets);
  if (index.sorted.length === 0) return [];
  const found = new Set<string>(index.always);
  for (const prefix of prefixSpans(text, index).keys()) for (const secret of index.byPrefix.get(prefix)!) found.add(secret);
  return [...found].sort((a, b) => index.rank.get(a)! - index.rank.get(b)!);
}

/** Shorter secrets are never masked: too many false matches. */
const MIN_SECRET = 4;

interface SecretIndex {
  /** secrets.length when built: the run's list only grows, by push. */
  count: number;
  sorted: string[];
  /** Position in `sorted`: candidates keep its order. */
  rank: Map<string, number>;
  byPrefix: Map<string, string[]>;
  always: string[];
}

const indexes = new WeakMap<readonly string[], SecretIndex>();

function secretIndex(secrets: readonly string[]): SecretIndex {
  const known = indexes.get(secrets);
  if (known && known.count === secrets.length) return known;
  const sorted = [...new Set(secrets)].filter((secret) => secret.length >= MIN_SECRET).sort((a, b) => b.length - a.length);
  const byPrefix = new Map<string, string[]>();
  for (const secret of sorted) {
    const prefix = secret.slice(0, MIN_SECRET);
    const list = byPrefix.get(prefix);
    if (list) list.push(secret);
    else byPrefix.set(prefix, [secret]);
  }
  const rank = new Map(sorted.map((secret, i) => [secret, i]));
  // \u2026 (…) as an escape: the bundle must stay ASCII (scripts/bundle.js, assertAscii).
  const index = { count: secrets.length, sorted, rank, byPrefix, always: sorted.filter((secret) => /[\u2026*]/.test(secret)) };
  indexes.set(secrets, index);
  return index;
}
