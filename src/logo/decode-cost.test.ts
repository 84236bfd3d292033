import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { hostileProgressiveJpeg } from '../test-support/hostile-jpeg.js';
import { pngBomb } from '../test-support/logo-images.js';
import { MAX_DECODE_MEMORY, MAX_JPEG_BLOCK_VISITS, MAX_JPEG_SCANS, planDecode } from './decode-cost.js';
import { inspectImage, loadDecoder } from './inspect.js';
import { readJpegStructure } from './jpeg.js';
import { childrenStarted } from './svg-child.js';
import type { LogoSource } from './types.js';

const source: LogoSource = { kind: 'file', value: './logo.jpg', fileName: 'logo.jpg' };

/** A noisy image, so its scans hold real data (fixed pseudo-random pixels). */
function noise(width: number, height: number): Buffer {
  const pixels = Buffer.alloc(width * height * 3);
  let state = 7;
  for (let i = 0; i < pixels.length; i++) pixels[i] = (state = (state * 1103515245 + 12345) >>> 0) >>> 24;
  return pixels;
}

describe('readJpegStructure: the scans of a JPEG, from its markers', () => {
  it.each([
    ['baseline, 4:2:0', { progressive: false }, false, 1],
    ['progressive, 4:2:0 (libjpeg script)', { progressive: true }, true, 10],
    ['progressive, 4:4:4', { progressive: true, chromaSubsampling: '4:4:4' }, true, 10],
  ] as const)('%s', async (_, options, progressive, scans) => {
    const jpeg = await sharp(noise(96, 64), { raw: { width: 96, height: 64, channels: 3 } }).jpeg(options).toBuffer();
    const read = readJpegStructure(jpeg);
    expect(read).toMatchObject({ kind: 'read', structure: { width: 96, height: 64, progressive, scans, stopped: false } });
  });

  it('counts every scan of a many-scan progressive JPEG, and stops where it is asked to', () => {
    const jpeg = hostileProgressiveJpeg({ width: 64, height: 64, components: 1, refinements: 2, coefficients: 5 });
    expect(readJpegStructure(jpeg)).toMatchObject({ kind: 'read', structure: { scans: 1 + 5 * 3, blocks: 64, blockVisits: 64 * 16, stopped: false } });
    expect(readJpegStructure(jpeg, 4)).toMatchObject({ kind: 'read', structure: { scans: 4, stopped: true } });
  });

  it.each([
    ['no frame header', Buffer.from([0xff, 0xd8, 0xff, 0xd9])],
    ['a segment cut off', Buffer.from([0xff, 0xd8, 0xff, 0xc0, 0x00, 0x40, 0x08])],
    ['garbage after SOI', Buffer.from([0xff, 0xd8, 0x12, 0x34, 0x56, 0x78])],
  ])('%s is unreadable', (_, bytes) => {
    expect(readJpegStructure(bytes).kind).toBe('unreadable');
  });
});

describe('planDecode: refused, or decoded here, or in a child process', () => {
  const jpeg = (side: number, options: { progressive?: boolean } = {}) => sharp({ create: { width: side, height: side, channels: 3, background: '#888' } }).jpeg(options).toBuffer();
  const webp = () => sharp({ create: { width: 64, height: 64, channels: 3, background: '#888' } }).webp().toBuffer();
  it.each([
    ['a 512² baseline JPEG', 'in-process', () => jpeg(512), 'jpeg', 512],
    ['a 512² progressive JPEG', 'in-process', () => jpeg(512, { progressive: true }), 'jpeg', 512],
    ['a 1024² WebP', 'in-process', webp, 'webp', 1024],
    ['a 3000² progressive JPEG', 'child', () => jpeg(3000, { progressive: true }), 'jpeg', 3000],
    ['a 4096² WebP (a whole frame held)', 'child', webp, 'webp', 4096],
  ] as const)('%s: %s', async (_, expected, make, format, side) => {
    expect(planDecode(await make(), format, side, side).kind).toBe(expected);
  });

  it.each([
    ['scans: 2,647 of them', hostileProgressiveJpeg({ width: 7000, height: 7000 }), 'scans', MAX_JPEG_SCANS + 1, MAX_JPEG_SCANS],
    // 61 scans, each cheap, but every coefficient of 7000² × 3 components kept: 294 MB.
    ['memory: 4:4:4 coefficients held', hostileProgressiveJpeg({ width: 7000, height: 7000, refinements: 0, coefficients: 20 }), 'memory', 875 * 875 * 3 * 128, MAX_DECODE_MEMORY],
    // 64 scans of one component: 98 MB held, 49 million blocks visited.
    ['block visits: 64 full passes', hostileProgressiveJpeg({ width: 7000, height: 7000, components: 1, refinements: 0 }), 'block-visits', 875 * 875 * 64, MAX_JPEG_BLOCK_VISITS],
  ] as const)('refuses a hostile JPEG by %s', (_, jpeg, limit, found, max) => {
    expect(jpeg.length).toBeLessThan(1024 * 1024);
    expect(planDecode(jpeg, 'jpeg', 7000, 7000)).toMatchObject({ kind: 'refused', limit, found, max });
  });

  it('refuses an interlaced PNG whose whole frame would be held (7071² × 8 bytes)', () => {
    const png = pngBomb(7071, 7071);
    png[24] = 16; // bit depth
    png[25] = 6; // RGBA
    png[28] = 1; // Adam7
    expect(planDecode(png, 'png', 7071, 7071)).toMatchObject({ kind: 'refused', limit: 'memory', found: 7071 * 7071 * 8 });
  });
});

describe('inspectImage: decoding bounded by work', () => {
  it('refuses a 7000² progressive JPEG of 2,647 scans (under 1 MB) from its structure, without decoding', async () => {
    const jpeg = hostileProgressiveJpeg({ width: 7000, height: 7000 });
    // Counted: images the in-process decoder opened, and child processes started.
    let opened = 0;
    const decoder = async () => new Proxy(await loadDecoder(), {
      apply(target, self, args) {
        opened++;
        return Reflect.apply(target, self, args);
      },
    });
    const children = childrenStarted();
    const found = await inspectImage(jpeg, source, undefined, { decoder });
    expect(opened, 'the header read, no pixels decoded').toBe(1);
    expect(childrenStarted() - children).toBe(0);
    expect(found).toEqual({ kind: 'too-costly', source, byteLength: jpeg.length, format: 'jpeg', width: 7000, height: 7000, limit: 'scans', found: MAX_JPEG_SCANS + 1, max: MAX_JPEG_SCANS });
  });

  it('decodes a costlier logo in a child process, which is stopped at its deadline or memory limit', async () => {
    const jpeg = await sharp({ create: { width: 3000, height: 3000, channels: 3, background: '#2a6df4' } }).jpeg({ progressive: true }).toBuffer();
    expect(await inspectImage(jpeg, source)).toMatchObject({ kind: 'image', format: 'jpeg', width: 3000, height: 3000 });
    expect(await inspectImage(jpeg, source, undefined, { childTimeoutMs: 30 })).toMatchObject({ kind: 'too-costly', limit: 'time', max: 30 });
    expect(await inspectImage(jpeg, source, undefined, { childMaxRssBytes: 16 * 1024 * 1024 })).toMatchObject({ kind: 'too-costly', limit: 'process-memory', max: 16 * 1024 * 1024 });
  });

  it('finds corrupt scan data in the child too', async () => {
    const jpeg = await sharp(noise(3000, 3000), { raw: { width: 3000, height: 3000, channels: 3 } }).jpeg({ progressive: true }).toBuffer();
    const found = await inspectImage(jpeg.subarray(0, Math.floor(jpeg.length / 2)), source);
    expect(found).toMatchObject({ kind: 'undecodable', format: 'jpeg' });
  });
});
