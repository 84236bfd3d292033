import { clip, MAX_VALUE_LENGTH } from '../text/describe.js';

/**
 * Fills `{{name}}` placeholders; a placeholder without data is a bug in the rule, so it throws. Each value
 * is made safe here, whatever the rule did with it: clipped to MAX_VALUE_LENGTH characters, with control
 * (C0 and C1), format (bidi, zero-width) and line-separator characters spelled out (`\u{202E}`), so no
 * value from a manifest or a server can drive a terminal, reorder a report's text or flood it.
 */
export function renderMessage(template: string, data: Readonly<Record<string, string | number>> = {}): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => {
    if (!(name in data)) throw new Error(`message placeholder {{${name}}} has no data`);
    return clip(String(data[name]), MAX_VALUE_LENGTH);
  });
}

/** A message's data as programs receive it (the JSON report): each string made safe as the message makes it. */
export function safeData(data: Readonly<Record<string, string | number>> = {}): Record<string, string | number> {
  const safe: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(data)) safe[name] = typeof value === 'number' ? value : clip(String(value), MAX_VALUE_LENGTH);
  return safe;
}
