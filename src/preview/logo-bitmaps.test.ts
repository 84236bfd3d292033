import sharp from 'sharp';
import { describe, expect, it, vi } from 'vitest';
import { childrenStarted } from '../logo/svg-child.js';
import { hostileProgressiveJpeg } from '../test-support/hostile-jpeg.js';
import { logoBitmaps } from './logo-bitmaps.js';

// Counted: how often the in-process decoder is asked for.
const decoder = vi.hoisted(() => ({ loads: 0 }));
vi.mock('../logo/inspect.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../logo/inspect.js')>();
  return { ...actual, loadDecoder: () => (decoder.loads++, actual.loadDecoder()) };
});

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47]);

describe('logoBitmaps: the preview decodes no more than the linter would', () => {
  it.each([
    ['a progressive JPEG of 2,647 scans', () => hostileProgressiveJpeg({ width: 7000, height: 7000 }), 'too costly to decode'],
    ['a progressive JPEG holding 294 MB of coefficients', () => hostileProgressiveJpeg({ width: 7000, height: 7000, refinements: 0, coefficients: 20 }), 'too costly to decode'],
    ['an SVG with an internal DTD subset', () => Buffer.from('<!DOCTYPE svg [ <!-- ]> --> <!ATTLIST svg id ID #IMPLIED> ]><svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"/>'), 'SVG with an internal DTD subset: not rendered'],
  ])('%s: a placeholder, at once', async (_, make, reason) => {
    const [loads, children] = [decoder.loads, childrenStarted()];
    expect(await logoBitmaps(make())).toEqual({ kind: 'none', reason });
    expect({ decoderLoads: decoder.loads - loads, children: childrenStarted() - children }, 'nothing decoded').toEqual({ decoderLoads: 0, children: 0 });
  });

  it('draws a costlier logo from a child process', async () => {
    const jpeg = await sharp({ create: { width: 3000, height: 3000, channels: 3, background: '#2a6df4' } }).jpeg({ progressive: true }).toBuffer();
    const found = await logoBitmaps(jpeg, 'jpeg');
    expect(found.kind).toBe('bitmaps');
    if (found.kind !== 'bitmaps') return;
    for (const size of [96, 40] as const) {
      expect(found.png[size].subarray(0, 4)).toEqual(PNG);
      expect(await sharp(found.png[size]).metadata()).toMatchObject({ width: size, height: size });
    }
  });
});
