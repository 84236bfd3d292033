import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatCount } from './words.js';

describe('formatCount', () => {
  it.each([
    [0, '0'],
    [999, '999'],
    [1000, '1,000'],
    [1600, '1,600'],
    [4290, '4,290'],
    [1234567, '1,234,567'],
  ])('%d → %s', (count, text) => {
    expect(formatCount(count)).toBe(text);
  });

  it('writes every whole number below 2^53 as en-US does', () => {
    fc.assert(
      fc.property(fc.nat({ max: Number.MAX_SAFE_INTEGER }), (count) => {
        expect(formatCount(count)).toBe(count.toLocaleString('en-US'));
      }),
      { numRuns: 2000 },
    );
  });
});
