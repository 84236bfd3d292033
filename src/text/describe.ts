import { PRINTABLE_ASCII } from './patterns.js';

/** A short, safe rendering of a manifest value for a message: type and a clipped value. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'nothing (null)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `"${clip(value)}"`;
  return `${typeof value} ${clip(String(value))}`;
}

/**
 * Clips a value for display, so a 1 MiB string never fills a report, and spells out control, format
 * and invisible characters (`\u{202E}`), so a value cannot drive the terminal or hide itself. A lone
 * surrogate (`"\ud800"` in a double-quoted YAML string) is spelled out too: it cannot be written as
 * UTF-8 or in XML.
 */
export function clip(text: string, max = 80): string {
  // Printable ASCII (most values) has nothing to spell out, and needs no Unicode classes compiled.
  if (PRINTABLE_ASCII.test(text)) return text.length > max ? text.slice(0, max - 1) + '…' : text;
  const chars = [...text];
  const shown = chars.length > max ? chars.slice(0, max - 1).join('') + '…' : text;
  return shown.replace(/[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/gu, (c) => `\\u{${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}}`);
}

/**
 * The longest a placeholder's value is shown. Rules clip the values they quote to 80 characters; a value
 * made of several (a reason quoting a URL) may be longer, and is left whole up to this.
 */
export const MAX_VALUE_LENGTH = 200;
