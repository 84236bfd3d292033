/** Writing a JSON document a piece at a time, byte for byte as `JSON.stringify(document, null, 2)` would. */

/**
 * Splits a document, written with an empty `results` list, between that list's brackets. (A quote
 * inside a JSON string is escaped, so the marker can only be the key itself.)
 */
export function frame(document: unknown): { head: string; tail: string } {
  const text = JSON.stringify(document, null, 2);
  const marker = '"results": []';
  const at = text.lastIndexOf(marker);
  return { head: text.slice(0, at + marker.length - 1), tail: text.slice(at + marker.length - 1) };
}

/**
 * JSON text nested `levels` deeper (two spaces each). JSON.stringify escapes every line feed in a
 * string, so each `\n` is structure; not a `^/m` regex, which would also match after U+2028 inside one.
 */
export function indent(text: string, levels: number): string {
  const pad = '  '.repeat(levels);
  return pad + text.split('\n').join('\n' + pad);
}
