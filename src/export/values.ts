// Reading manifest values for an export: the manifest may break the schema (`export --force`), so
// every value is checked for its type, and text is made safe to print on a terminal.

export type ManifestData = Readonly<Record<string, unknown>>;

/** The string at `key`, or undefined when it is missing or not a string. */
export function text(data: ManifestData, key: string): string | undefined {
  const value = data[key];
  return typeof value === 'string' ? value : undefined;
}

/** The strings of the list at `key`; a single string counts as a list of one. Other items are left out. */
export function texts(data: ManifestData, key: string): string[] {
  const value = data[key];
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/**
 * Control, bidirectional-override and line-separator characters spelled out (`\u{202E}`), so a value
 * cannot drive the terminal, reorder what is shown, or break the layout; everything else as written.
 */
export function printable(value: string): string {
  return value.replace(/[\p{Cc}\p{Bidi_Control}\p{Zl}\p{Zp}]/gu, (c) => `\\u{${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}}`);
}

/** `https://…` exactly (any case of the scheme), the only kind of logo URL a registration can carry. */
export function isHttpsUrl(value: string): boolean {
  return /^https:\/\/[^/?#\s]/i.test(value.trim());
}
