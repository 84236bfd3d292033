import { clip, MAX_VALUE_LENGTH } from '../text/describe.js';

/**
 * `ab12…(30 chars)`: enough to find the value, never enough to use it. The characters shown are spelled
 * out like any value in a message (`\u{202E}`), so a secret cannot reorder or hide the report's text.
 */
export function mask(secret: string): string {
  const length = [...secret].length;
  const shown = length >= 16 ? 4 : length >= 10 ? 2 : 0;
  return `${clip([...secret].slice(0, shown).join(''))}…(${length} chars)`;
}

/**
 * Replaces every occurrence of each secret in `text` by its mask, longest secrets first. Only the secrets
 * that occur are tried, found in one pass over the text: a run may hold any number of secrets (every one
 * is masked, however many there are), and trying each on each message is secrets × problems work.
 */
export function redact(text: string, secrets: readonly string[]): string {
  const index = secretIndex(secrets);
  if (index.sorted.length === 0) return text;
  const found = new Set(occurring(text, index));
  for (const rank of index.always) found.add(rank);
  let result = text;
  for (const rank of [...found].sort((a, b) => a - b)) {
    const secret = index.sorted[rank]!;
    if (result.includes(secret)) result = result.split(secret).join(mask(secret));
  }
  return redactClipped(result, index);
}

/** More of a secret's start than this, cut short by "…", is masked too (a mask shows at most 4). */
const MAX_CLIPPED_SHOWN = 4;
/** Messages clip values to at most this many characters, so a cut secret is never longer. */
const MAX_CLIPPED_LENGTH = MAX_VALUE_LENGTH;

/**
 * Messages quote values clipped (`clip`: the first characters, then "…"), so a long secret, or a URL
 * with one in it, may appear cut short, which whole-secret replacement cannot find: a start of a secret
 * that runs into "…" is masked as the whole secret would be. Secrets are tried longest first, each at
 * every "…" (a mask writes one too); only those whose start runs into a "…" are tried at all.
 */
function redactClipped(text: string, index: SecretIndex): string {
  if (!text.includes('…')) return text;
  let result = text;
  let queue = clippedCandidates(result, index, -1);
  while (queue.length > 0) {
    const rank = queue.shift()!;
    const secret = index.sorted[rank]!;
    const shown = index.shown.get(rank) ?? MAX_CLIPPED_SHOWN;
    const before = result;
    for (let at = result.indexOf('…'); at >= 0; at = result.indexOf('…', at + 1)) {
      let cut = Math.min(secret.length - 1, MAX_CLIPPED_LENGTH, at);
      while (cut > shown && !result.startsWith(secret.slice(0, cut), at - cut)) cut--;
      if (cut <= shown) continue;
      const masked = mask(secret);
      result = result.slice(0, at - cut) + masked + result.slice(at + 1);
      at = at - cut + masked.length - 1;
    }
    // A mask changes the text before the next "…": a later secret may now run into it.
    if (result !== before) queue = [...new Set([...queue, ...clippedCandidates(result, index, rank)])].sort((a, b) => a - b);
  }
  return result;
}

/** Ranks above `after` of the secrets of which more than 4 characters, but not all, end right before a "…", in rank order. */
function clippedCandidates(text: string, index: SecretIndex, after: number): number[] {
  const found = new Set<number>();
  for (let at = text.indexOf('…'); at >= 0; at = text.indexOf('…', at + 1)) {
    for (let cut = MAX_CLIPPED_SHOWN + 1; cut <= Math.min(MAX_CLIPPED_LENGTH, at); cut++) {
      const start = text.slice(at - cut, at);
      for (let i = lowerBound(index.lexical, start); i < index.lexical.length && index.lexical[i]!.startsWith(start); i++) {
        const secret = index.lexical[i]!;
        const rank = index.rank.get(secret)!;
        if (secret.length > cut && rank > after && cut > (index.shown.get(rank) ?? MAX_CLIPPED_SHOWN)) found.add(rank);
      }
    }
  }
  return [...found].sort((a, b) => a - b);
}

function lowerBound(sorted: readonly string[], key: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (sorted[mid]! < key) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * Like `redact`, but the mask keeps the secret's length, so columns in a code frame stay right: each
 * occurrence becomes `*`s (but for the first 4 characters of a secret of 16 or more). The text is the
 * whole manifest, so it is read once for all secrets together; each secret's occurrences are found in
 * the text as written, so where two secrets overlap, both are masked.
 */
export function redactInPlace(text: string, secrets: readonly string[]): string {
  const index = secretIndex(secrets);
  if (index.sorted.length === 0) return text;
  const hidden = new Uint8Array(text.length);
  // Each secret's occurrences as `split` finds them: left to right, not overlapping one another.
  const nextFree = new Map<number, number>();
  let any = false;
  index.trie.scan(text, (rank, end) => {
    const secret = index.sorted[rank]!;
    const start = end - secret.length;
    if (start < (nextFree.get(rank) ?? 0)) return true;
    nextFree.set(rank, end);
    hidden.fill(1, start + (secret.length >= 16 ? 4 : 0), end);
    any = true;
    return true;
  });
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

/** The secrets that occur in `text` (at least 4 characters long), longest first. */
export function secretsIn(text: string, secrets: readonly string[]): string[] {
  const index = secretIndex(secrets);
  return occurring(text, index).sort((a, b) => a - b).map((rank) => index.sorted[rank]!);
}

/** The ranks of the secrets that occur in `text`, each once. */
function occurring(text: string, index: SecretIndex): number[] {
  if (index.sorted.length === 0 || text.length < MIN_SECRET) return [];
  const found = new Set<number>();
  index.trie.scan(text, (rank) => {
    if (found.has(rank)) return false; // so were the shorter secrets it ends with
    found.add(rank);
    return true;
  });
  return [...found];
}

/** Shorter secrets are never masked: too many false matches. */
const MIN_SECRET = 4;

interface SecretIndex {
  /** secrets.length when built: the run's list only grows, by push. */
  count: number;
  /** Unique secrets of 4 characters or more, longest first; a secret's rank is its position here. */
  sorted: string[];
  rank: Map<string, number>;
  /** The same in code-unit order, to find those that start with a given text. */
  lexical: string[];
  /** Ranks of the secrets holding "…" or "*", which masks write: a mask could complete one. */
  always: number[];
  /** For a secret as messages spell it out, how long its first 4 characters are once spelled out (else 4). */
  shown: Map<number, number>;
  trie: SecretTrie;
}

const indexes = new WeakMap<readonly string[], SecretIndex>();

function secretIndex(secrets: readonly string[]): SecretIndex {
  const known = indexes.get(secrets);
  if (known && known.count === secrets.length) return known;
  // A message spells out a value's control and invisible characters (`\u{200B}`): a secret holding one is
  // masked as written there too.
  const unique = new Set<string>(secrets);
  const spelled = new Map<string, number>();
  for (const secret of secrets) {
    const shown = clip(secret, Number.POSITIVE_INFINITY);
    if (shown === secret || unique.has(shown)) continue;
    unique.add(shown);
    // Its start as a mask shows it (`\u{202E}.…`) is no clipped start of it.
    spelled.set(shown, clip([...secret].slice(0, MAX_CLIPPED_SHOWN).join('')).length);
  }
  const sorted = [...unique].filter((secret) => secret.length >= MIN_SECRET).sort((a, b) => b.length - a.length);
  const always: number[] = [];
  // \u2026 (…) as an escape: the bundle must stay ASCII (scripts/bundle.js, assertAscii).
  sorted.forEach((secret, rank) => /[\u2026*]/.test(secret) && always.push(rank));
  const rank = new Map(sorted.map((secret, i) => [secret, i]));
  const index = {
    count: secrets.length,
    sorted,
    rank,
    lexical: [...sorted].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
    always,
    shown: new Map([...spelled].map(([secret, length]) => [rank.get(secret)!, length])),
    trie: new SecretTrie(sorted),
  };
  indexes.set(secrets, index);
  return index;
}

/**
 * Every secret at once (Aho–Corasick): one pass over a text finds each place a secret ends, in time that
 * grows with the text and the matches, not with the number of secrets. Trying each secret in turn costs the
 * text times the secrets: far too slow for 20,000 tokens sharing a prefix (`ghp_…`) in a 1 MiB manifest.
 */
class SecretTrie {
  private readonly edges: EdgeTable;
  /** Longest proper suffix of a node's text that is also a node (node 0 is the root). */
  private readonly fail: Int32Array;
  /** The nearest node along `fail` that ends a secret, or 0. */
  private readonly next: Int32Array;
  /** The rank of the secret a node ends, or -1. */
  private readonly ends: Int32Array;

  constructor(secrets: readonly string[]) {
    let capacity = 1;
    for (const secret of secrets) capacity += secret.length;
    this.edges = new EdgeTable(capacity);
    const parent = new Int32Array(capacity);
    const unit = new Uint16Array(capacity);
    const depth = new Int32Array(capacity);
    const ends = new Int32Array(capacity).fill(-1);
    let nodes = 1;
    secrets.forEach((secret, rank) => {
      let node = 0;
      for (let i = 0; i < secret.length; i++) {
        const code = secret.charCodeAt(i);
        let child = this.edges.get(node, code);
        if (child < 0) {
          child = nodes++;
          this.edges.set(node, code, child);
          parent[child] = node;
          unit[child] = code;
          depth[child] = i + 1;
        }
        node = child;
      }
      if (ends[node] === -1) ends[node] = rank;
    });
    this.ends = ends.subarray(0, nodes);
    this.fail = new Int32Array(nodes);
    this.next = new Int32Array(nodes);
    // Breadth first (a counting sort by depth): a node's links come from its parent's, which are shallower.
    const maxDepth = secrets.length > 0 ? secrets[0]!.length : 0;
    const starts = new Int32Array(maxDepth + 2);
    for (let node = 1; node < nodes; node++) starts[depth[node]! + 1] = starts[depth[node]! + 1]! + 1;
    for (let d = 1; d <= maxDepth + 1; d++) starts[d] = starts[d]! + starts[d - 1]!;
    const order = new Int32Array(nodes);
    for (let node = 1; node < nodes; node++) {
      const d = depth[node]!;
      order[starts[d]!] = node;
      starts[d] = starts[d]! + 1;
    }
    for (let i = 0; i < nodes - 1; i++) {
      const node = order[i]!;
      if (depth[node]! <= 1) continue;
      let link = this.fail[parent[node]!]!;
      let target = this.edges.get(link, unit[node]!);
      while (target < 0 && link !== 0) {
        link = this.fail[link]!;
        target = this.edges.get(link, unit[node]!);
      }
      const fail = Math.max(target, 0);
      this.fail[node] = fail;
      this.next[node] = this.ends[fail]! >= 0 ? fail : this.next[fail]!;
    }
  }

  /**
   * Calls `found(rank, end)` for each secret ending at `end` (exclusive), longest first at each end;
   * `found` returns false to skip the shorter secrets ending there.
   */
  scan(text: string, found: (rank: number, end: number) => boolean): void {
    let node = 0;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      let child = this.edges.get(node, code);
      while (child < 0 && node !== 0) {
        node = this.fail[node]!;
        child = this.edges.get(node, code);
      }
      node = Math.max(child, 0);
      for (let end = this.ends[node]! >= 0 ? node : this.next[node]!; end !== 0; end = this.next[end]!) {
        if (!found(this.ends[end]!, i + 1)) break;
      }
    }
  }
}

/** The trie's edges, (node, UTF-16 code unit) → child, in one open-addressing table: a Map of them was 4× slower to build. */
class EdgeTable {
  private readonly keys: Float64Array;
  private readonly values: Int32Array;
  private readonly mask: number;
  private readonly shift: number;

  constructor(entries: number) {
    let bits = 4;
    while (1 << bits < entries * 2) bits++;
    this.keys = new Float64Array(1 << bits).fill(-1);
    this.values = new Int32Array(1 << bits);
    this.mask = (1 << bits) - 1;
    this.shift = 32 - bits;
  }

  /** The child, or -1. */
  get(node: number, code: number): number {
    const key = node * 65536 + code;
    for (let slot = this.slot(node, code); ; slot = (slot + 1) & this.mask) {
      const found = this.keys[slot]!;
      if (found === key) return this.values[slot]!;
      if (found === -1) return -1;
    }
  }

  set(node: number, code: number, child: number): void {
    const key = node * 65536 + code;
    let slot = this.slot(node, code);
    while (this.keys[slot] !== -1 && this.keys[slot] !== key) slot = (slot + 1) & this.mask;
    this.keys[slot] = key;
    this.values[slot] = child;
  }

  private slot(node: number, code: number): number {
    // Fibonacci hashing: the high bits of the product mix every bit of the key.
    return Math.imul(Math.imul(node, 0x9e3779b1) ^ code, 0x85ebca77) >>> this.shift;
  }
}
