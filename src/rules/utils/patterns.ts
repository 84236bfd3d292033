/**
 * A regular expression built the first time it is asked for. One with Unicode property classes
 * (\p{L}…) takes about 1 ms to build, at start-up even if no input needs it, and as long again to
 * compile on its first match; built lazily, and skipped for ASCII text where an ASCII pattern says
 * the same, a manifest written in ASCII never pays for it.
 */
export function lazyPattern(make: () => RegExp): () => RegExp {
  let pattern: RegExp | undefined;
  return () => (pattern ??= make());
}

/** Text of ASCII characters only (or empty). */
export const ASCII_ONLY = /^[\x00-\x7f]*$/;

/** Text of printable ASCII characters only (space to tilde), or empty: nothing in it needs spelling out. */
export const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
