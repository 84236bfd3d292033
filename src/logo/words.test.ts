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
});
