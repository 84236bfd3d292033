/**
 * A regular expression built the first time it is asked for: one with Unicode property classes
 * (\p{L}…) is costly to build and compile, and skipped for ASCII text where an ASCII pattern says the
 * same, so a manifest written in ASCII never builds it.
 */
export function lazyPattern(make: () => RegExp): () => RegExp {
  let pattern: RegExp | undefined;
  return () => (pattern ??= make());
}

/** Text of ASCII characters only (or empty). */
export const ASCII_ONLY = /^[\x00-\x7f]*$/;

/** Text of printable ASCII characters only (space to tilde), or empty: nothing in it needs spelling out. */
export const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
