/** Fills `{{name}}` placeholders; a placeholder without data is a bug in the rule, so it throws. */
export function renderMessage(template: string, data: Readonly<Record<string, string | number>> = {}): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => {
    if (!(name in data)) throw new Error(`message placeholder {{${name}}} has no data`);
    return String(data[name]);
  });
}
