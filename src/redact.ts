import { clip } from './rules/utils/describe.js';

/**
 * `ab12…(30 chars)`: enough to find the value, never enough to use it. The characters shown are spelled
 * out like any value in a message (`\u{202E}`), so a secret cannot reorder or hide the report's text.
 */
export function mask(secret: string): string {
  const length = [...secret].length;
  const shown = length >= 16 ? 4 : length >= 10 ? 2 : 0;
  return `${clip([...secret].slice(0, shown).join(''))}…(${length} chars)`;
}

/** Replaces every occurrence of each secret in `text` by its mask, longest secrets first. */
export function redact(text: string, secrets: readonly string[]): string {
  return redactClipped(replaceAll(text, secrets, mask), secrets);
}

/** More of a secret's start than this, cut short by "…", is masked too (a mask shows at most 4). */
const MAX_CLIPPED_SHOWN = 4;
/** Messages clip values to at most 80 characters, so a cut secret is never longer than this. */
const MAX_CLIPPED_LENGTH = 200;

/**
 * Messages quote values clipped (`clip`: the first characters, then "…"), so a long secret, or a URL
 * with one in it, may appear cut short, which whole-secret replacement cannot find: a start of a secret
 * that runs into "…" is masked as the whole secret would be.
 */
function redactClipped(text: string, secrets: readonly string[]): string {
  if (!text.includes('…')) return text;
  let result = text;
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    if (secret.length <= MAX_CLIPPED_SHOWN + 1) continue;
    for (let at = result.indexOf('…'); at >= 0; at = result.indexOf('…', at + 1)) {
      let cut = Math.min(secret.length - 1, MAX_CLIPPED_LENGTH, at);
      while (cut > MAX_CLIPPED_SHOWN && !result.startsWith(secret.slice(0, cut), at - cut)) cut--;
      if (cut <= MAX_CLIPPED_SHOWN) continue;
      const masked = mask(secret);
      result = result.slice(0, at - cut) + masked + result.slice(at + 1);
      at = at - cut + masked.length - 1;
    }
  }
  return result;
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
