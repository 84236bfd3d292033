import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clip } from './describe.js';

/** clip without its printable-ASCII shortcut: every character counted and checked. */
function clipEveryCharacter(text: string, max = 80): string {
  const chars = [...text];
  const shown = chars.length > max ? chars.slice(0, max - 1).join('') + '…' : text;
  return shown.replace(/[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/gu, (c) => `\\u{${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}}`);
}

describe('clip', () => {
  it.each([
    ['acme-books.io', 80, 'acme-books.io'],
    ['x'.repeat(81), 80, `${'x'.repeat(79)}…`],
    ['x'.repeat(80), 80, 'x'.repeat(80)],
    ['tab\there', 80, 'tab\\u{0009}here'],
    ['evil\u202Etxt', 80, 'evil\\u{202E}txt'],
    ['é'.repeat(5), 3, 'éé…'],
  ])('%j (max %d) → %j', (text, max, shown) => {
    expect(clip(text, max)).toBe(shown);
  });

  it('says the same as checking every character, for ASCII and any other text', () => {
    const text = fc.oneof(fc.string({ maxLength: 120 }), fc.string({ unit: 'binary', maxLength: 120 }), fc.string({ unit: fc.constantFrom(' ', 'a', '~', '\x7f', '\t', '\u2028'), maxLength: 90 }));
    fc.assert(
      fc.property(text, fc.integer({ min: 1, max: 100 }), (value, max) => {
        expect(clip(value, max)).toBe(clipEveryCharacter(value, max));
      }),
      { numRuns: 5000 },
    );
  });
});
