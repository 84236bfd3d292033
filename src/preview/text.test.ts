import { describe, expect, it } from 'vitest';
import { charactersMeasured, clipToWidth, escapeXml, measure, printable, wrap, xmlText } from './text.js';

describe('preview text', () => {
  it('escapes the five XML special characters', () => {
    expect(escapeXml(`<script>&"'</script>`)).toBe('&lt;script&gt;&amp;&quot;&apos;&lt;/script&gt;');
    expect(escapeXml('&amp;')).toBe('&amp;amp;');
  });

  it('replaces control, bidi, invisible and separator characters, so none reaches the picture', () => {
    const hostile = 'a\u0000b\u0007c\u001bd\u007fe\u0085f\u202eg\u2066h\u200bi\u200fj\u2028k\ufeffl\u00adm\ud800n\ufffeo';
    const shown = printable(hostile);
    expect(shown).toBe('a�b�c�d�e�f�g�h�i�j�k�l�m�n�o');
    expect(shown).not.toMatch(/[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/u);
  });

  it('turns tabs and newlines into single spaces and trims', () => {
    expect(printable('  Acme\tBooks\r\n  Sync  ')).toBe('Acme Books Sync');
  });

  it('keeps ordinary non-ASCII text, emoji and right-to-left scripts', () => {
    expect(printable('Bøger – 会计 📚 ספרים')).toBe('Bøger – 会计 📚 ספרים');
  });

  it('xmlText makes printable, then escapes', () => {
    expect(xmlText('\u202e<b>&')).toBe('�&lt;b&gt;&amp;');
  });

  it('measures with DejaVu Sans widths (bold wider, mono fixed, CJK one em)', () => {
    expect(measure('Acme Books', 20)).toBeCloseTo(20 * (684 + 550 + 974 + 615 + 318 + 686 + 612 + 612 + 579 + 521) / 1000, 5);
    expect(measure('Acme Books', 20, 'bold')).toBeGreaterThan(measure('Acme Books', 20));
    expect(measure('iiii', 10, 'mono')).toBeCloseTo(measure('WWWW', 10, 'mono'));
    expect(measure('会计', 10)).toBe(20);
  });

  it('clips to a width with an ellipsis, never splitting a surrogate pair', () => {
    const long = 'Acme Books Synchronisation Service for Accountants';
    const clipped = clipToWidth(long, 150, 15);
    expect(clipped.endsWith('…')).toBe(true);
    expect(measure(clipped, 15)).toBeLessThanOrEqual(150);
    expect(clipToWidth('short', 150, 15)).toBe('short');
    const emoji = clipToWidth('📚'.repeat(20), 50, 10);
    expect(emoji).toBe('📚📚📚📚…');
  });

  it('wraps at spaces, breaks a word longer than a line, and ends a cut text with an ellipsis', () => {
    expect(wrap('one two three four', 70, 10)).toEqual(['one two three', 'four']);
    expect(wrap('one two three four', 69, 10)).toEqual(['one two', 'three four']);
    const url = wrap('see https://acme-books.io/a/very/long/path/that/does/not/fit/on/one/line', 120, 10, 'mono');
    expect(url.length).toBeGreaterThan(2);
    for (const line of url) expect(measure(line, 10, 'mono')).toBeLessThanOrEqual(120);
    const cut = wrap('a b c d e f g h i j k l m n o p', 20, 10, 'regular', 2);
    expect(cut).toHaveLength(2);
    expect(cut[1]!.endsWith('…')).toBe(true);
  });

  it('costs little for a huge value (a 1 MiB name with no spaces)', () => {
    /** What `fit` returns, and the characters measured meanwhile. */
    const counted = <T>(fit: () => T): [T, number] => {
      const before = charactersMeasured();
      const result = fit();
      return [result, charactersMeasured() - before];
    };
    const [lines, huge] = counted(() => wrap('x'.repeat(1024 * 1024), 416, 24, 'bold', 2));
    expect(lines).toHaveLength(2);
    expect(lines[1]!.endsWith('…')).toBe(true);
    // No more measured for 1 MiB than for 1 KiB: only what two lines can show is looked at.
    const [, small] = counted(() => wrap('x'.repeat(1024), 416, 24, 'bold', 2));
    expect(huge).toBe(small);
    const [clipped, clipping] = counted(() => clipToWidth('y'.repeat(1024 * 1024), 200, 14));
    expect(clipped.length).toBeLessThan(40);
    // One pass over the value, then the few characters kept.
    expect(clipping).toBeLessThanOrEqual(1024 * 1024 + 2 * clipped.length);
  });
});
