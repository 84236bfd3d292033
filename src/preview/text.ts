/**
 * Manifest text on its way into the preview's SVG: made printable, measured, clipped, wrapped and
 * escaped. librsvg has no text wrapping or measuring API for us, so widths are estimated from
 * DejaVu Sans's advance widths (metrics.ts) — the font fontconfig picks for `sans-serif` on Debian;
 * narrower sans-serif fonts (Arial, Helvetica, Liberation) then only leave a little room to spare.
 */
import { BOLD_WIDTHS, MONO_WIDTH, REGULAR_WIDTHS } from './metrics.js';

export type FontStyle = 'regular' | 'bold' | 'mono';

const REPLACEMENT = '\uFFFD';

/**
 * Control, format (bidi overrides and isolates, zero-width characters, soft hyphen, BOM), line and
 * paragraph separators, surrogates and noncharacters: none may reach the picture as they are. A
 * right-to-left override would reorder the rest of a line, a zero-width space hide a look-alike,
 * and several of them are not even allowed in XML 1.0. Tabs and newlines become spaces.
 */
const UNPRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}\uFFFE\uFFFF]/gu;

/** Printable text: unprintable characters replaced by U+FFFD (so a hidden character shows), runs of white space collapsed. */
export function printable(text: string): string {
  return text
    .replace(/[\t\n\r\f\v]+/g, ' ')
    .replace(UNPRINTABLE, REPLACEMENT)
    .replace(/\s{2,}/g, ' ')
    .trim();
}

/** XML character data and attribute values: the five special characters as references. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Printable, then escaped: what every manifest value goes through. */
export function xmlText(text: string): string {
  return escapeXml(printable(text));
}

/** Estimated width in px of `text` at `size` px. Characters outside Latin-1 count as wide; East Asian wide characters as 1 em. */
export function measure(text: string, size: number, style: FontStyle = 'regular'): number {
  let width = 0;
  for (const char of text) width += advance(char, style);
  return (width * size) / 1000;
}

let measured = 0;

/** Characters measured so far by this process: what fitting text costs. */
export function charactersMeasured(): number {
  return measured;
}

function advance(char: string, style: FontStyle): number {
  measured++;
  if (style === 'mono') return isWide(char) ? 1000 : MONO_WIDTH;
  const code = char.codePointAt(0)!;
  const table = style === 'bold' ? BOLD_WIDTHS : REGULAR_WIDTHS;
  if (code >= 32 && code < 256) return table[code - 32] || 700;
  if (isWide(char)) return 1000;
  return style === 'bold' ? 780 : 720;
}

/** CJK, Hangul, kana, full-width forms and emoji take a whole em. */
function isWide(char: string): boolean {
  const code = char.codePointAt(0)!;
  return (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    code >= 0x1f000
  );
}

/** `text` clipped with an ellipsis so it fits `maxWidth` px; never splits a surrogate pair. */
export function clipToWidth(text: string, maxWidth: number, size: number, style: FontStyle = 'regular'): string {
  if (measure(text, size, style) <= maxWidth) return text;
  const budget = maxWidth - measure('…', size, style);
  let width = 0;
  let out = '';
  for (const char of text) {
    const next = (advance(char, style) * size) / 1000;
    if (width + next > budget) break;
    width += next;
    out += char;
  }
  return `${out.trimEnd()}…`;
}

/**
 * Lines of at most `maxWidth` px, broken at spaces (a word longer than a line — a URL — is broken
 * anywhere), at most `maxLines`; the last line shown ends with an ellipsis when text is left over.
 */
export function wrap(text: string, maxWidth: number, size: number, style: FontStyle = 'regular', maxLines = Infinity): string[] {
  // Every character is estimated at a quarter em or more, so no more than this can be shown: a
  // 1 MiB name costs no more than a short one.
  const budget = Math.ceil(((maxLines + 1) * maxWidth) / (size * 0.25));
  if (text.length > budget) text = text.slice(0, budget).replace(/[\uD800-\uDBFF]$/, '');
  const lines: string[] = [];
  let line = '';
  const push = () => {
    lines.push(line);
    line = '';
  };
  for (const word of text.split(' ').filter((w) => w !== '')) {
    if (lines.length > maxLines) break;
    const candidate = line === '' ? word : `${line} ${word}`;
    if (measure(candidate, size, style) <= maxWidth) {
      line = candidate;
      continue;
    }
    if (line !== '') push();
    let rest = word;
    while (measure(rest, size, style) > maxWidth && lines.length <= maxLines) {
      const head = clipToWidth(rest, maxWidth, size, style).slice(0, -1).trimEnd() || [...rest][0]!;
      lines.push(head);
      rest = rest.slice(head.length);
    }
    line = rest;
  }
  if (line !== '') push();
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = clipToWidth(`${kept[maxLines - 1]!} ${lines[maxLines]!}`, maxWidth, size, style);
  if (!kept[maxLines - 1]!.endsWith('…')) kept[maxLines - 1] = clipToWidth(`${kept[maxLines - 1]!}…`, maxWidth, size, style);
  return kept;
}
