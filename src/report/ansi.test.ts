import { describe, expect, it } from 'vitest';
import { expectGolden, GOLDEN_OPTIONS, goldenResults } from '../test-support/report-results.js';
import { loadPalette, NO_COLOR } from './ansi.js';
import { loadFormatter } from './index.js';

const stripAnsi = (text: string) => text.replace(/\x1b\[\d+m/g, '');

describe('stylish colours', () => {
  it('matches the golden reports without and with colour', async () => {
    expectGolden('stylish/plain.txt', (await loadFormatter('stylish'))(goldenResults(), GOLDEN_OPTIONS));
    expectGolden('stylish/colour.txt', (await loadFormatter('stylish', 1))(goldenResults(), GOLDEN_OPTIONS));
  });

  it('colour adds escape codes and nothing else', async () => {
    const plain = (await loadFormatter('stylish'))(goldenResults(), GOLDEN_OPTIONS);
    for (const level of [1, 2, 3] as const) {
      const coloured = (await loadFormatter('stylish', level))(goldenResults(), GOLDEN_OPTIONS);
      expect(coloured).not.toBe(plain);
      expect(stripAnsi(coloured)).toBe(plain);
    }
  });

  it('level 0 leaves text alone; a line break closes and reopens the style', async () => {
    expect(await loadPalette(0)).toBe(NO_COLOR);
    expect(NO_COLOR.red('a\nb')).toBe('a\nb');
    expect((await loadPalette(1)).red('a\nb')).toBe('\x1b[31ma\x1b[39m\n\x1b[31mb\x1b[39m');
  });
});
