/** `ab12…(30 chars)`: enough to find the value, never enough to use it. */
export function mask(secret: string): string {
  const length = [...secret].length;
  const shown = length >= 16 ? 4 : length >= 10 ? 2 : 0;
  return `${[...secret].slice(0, shown).join('')}…(${length} chars)`;
}

/** Replaces every occurrence of each secret in `text` by its mask, longest secrets first. */
export function redact(text: string, secrets: readonly string[]): string {
  return replaceAll(text, secrets, mask);
}

/** Like `redact`, but the mask keeps the secret's length, so columns in a code frame stay right. */
export function redactInPlace(text: string, secrets: readonly string[]): string {
  return replaceAll(text, secrets, (secret) => secret.slice(0, secret.length >= 16 ? 4 : 0) + '*'.repeat(secret.length - (secret.length >= 16 ? 4 : 0)));
}

function replaceAll(text: string, secrets: readonly string[], replace: (secret: string) => string): string {
  let result = text;
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    if (secret.length >= 4) result = result.split(secret).join(replace(secret));
  }
  return result;
}
