import { clip } from '../rules/utils/describe.js';

/**
 * The longest a placeholder's value is shown. Rules clip the values they quote to 80 characters; a value
 * made of several (a reason quoting a URL) may be longer, and is left whole up to this.
 */
export const MAX_VALUE_LENGTH = 200;

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
