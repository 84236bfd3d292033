import fc from 'fast-check';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { deflateSync } from 'node:zlib';
import { PNG_SIGNATURE, pngChunk, truncatedPng } from '../test-support/logo-images.js';
import { checkPng } from './png.js';

// checkPng stands in for the decoder on PNG logos, so it is held to the decoder: whatever it calls
// sound, sharp decodes at the same size; what it calls broken, sharp refuses.

function noisy(width: number, height: number, channels: 1 | 2 | 3 | 4): Buffer {
  const pixels = Buffer.alloc(width * height * channels);
  let state = width * 31 + height;
  for (let i = 0; i < pixels.length; i++) pixels[i] = (state = (state * 1103515245 + 12345) >>> 0) >>> 24;
  return pixels;
}

/** How sharp sees a PNG: its size, or that it refuses it, decoding as src/logo/inspect.ts does. */
async function decoderView(png: Uint8Array): Promise<string> {
  try {
    const meta = await sharp(png, { failOn: 'error' }).metadata();
    await sharp(png, { failOn: 'error' }).resize(64, 64, { fit: 'inside' }).raw().toBuffer();
    return `${meta.width}×${meta.height}`;
  } catch {
    return 'refused';
  }
}

function view(check: ReturnType<typeof checkPng>): string {
  return check.kind === 'sound' ? `${check.width}×${check.height}` : check.kind === 'for-decoder' ? 'for-decoder' : 'refused';
}

/** A PNG written by hand: `rows` raw scanlines (filter byte first) under a given header. */
function handmade(width: number, height: number, depth: number, colour: number, rows: Buffer, extra: Buffer[] = []): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = depth;
  ihdr[9] = colour;
  return Buffer.concat([PNG_SIGNATURE, pngChunk('IHDR', ihdr), ...extra, pngChunk('IDAT', deflateSync(rows)), pngChunk('IEND', Buffer.alloc(0))]);
}

describe('checkPng agrees with the decoder', () => {
  const encoded: [string, () => Promise<Buffer>][] = [
    ['RGB 8-bit', () => sharp(noisy(37, 23, 3), { raw: { width: 37, height: 23, channels: 3 } }).png().toBuffer()],
    ['RGBA 8-bit', () => sharp(noisy(64, 64, 4), { raw: { width: 64, height: 64, channels: 4 } }).png().toBuffer()],
    ['grey', () => sharp(noisy(33, 17, 1), { raw: { width: 33, height: 17, channels: 1 } }).png().toBuffer()],
    ['grey + alpha', () => sharp(noisy(9, 40, 2), { raw: { width: 9, height: 40, channels: 2 } }).png().toBuffer()],
    ['palette', () => sharp(noisy(50, 30, 3), { raw: { width: 50, height: 30, channels: 3 } }).png({ palette: true, colours: 16 }).toBuffer()],
    ['palette, 2 colours (1-bit)', () => sharp(noisy(13, 7, 3), { raw: { width: 13, height: 7, channels: 3 } }).png({ palette: true, colours: 2 }).toBuffer()],
    ['16-bit', () => sharp(noisy(21, 11, 3), { raw: { width: 21, height: 11, channels: 3 } }).toColourspace('rgb16').png().toBuffer()],
    ['interlaced (Adam7)', () => sharp(noisy(29, 19, 3), { raw: { width: 29, height: 19, channels: 3 } }).png({ progressive: true }).toBuffer()],
    ['interlaced 1×1', () => sharp(noisy(1, 1, 3), { raw: { width: 1, height: 1, channels: 3 } }).png({ progressive: true }).toBuffer()],
    ['a 1×1000 strip', () => sharp(noisy(1, 1000, 3), { raw: { width: 1, height: 1000, channels: 3 } }).png().toBuffer()],
    ['truncated', () => truncatedPng()],
  ];
  it.each(encoded)('%s', async (_, make) => {
    const png = await make();
    expect(view(checkPng(png))).toBe(await decoderView(png));
  });

  it.each([
    ['a palette image without PLTE', handmade(4, 4, 8, 3, Buffer.alloc(4 * 5))],
    ['an unknown filter type', handmade(4, 4, 8, 0, Buffer.from([0, 1, 2, 3, 4, 9, 1, 2, 3, 4, 0, 1, 2, 3, 4, 0, 1, 2, 3, 4]))],
    ['too little image data', handmade(4, 4, 8, 0, Buffer.alloc(4 * 5 - 1))],
    ['bit depth 16 with a palette', handmade(4, 4, 16, 3, Buffer.alloc(4 * 9))],
    ['width 0', handmade(0, 4, 8, 0, Buffer.alloc(4))],
  ])('%s: refused, as the decoder refuses it', async (_, png) => {
    expect(await decoderView(png)).toBe('refused');
    expect(view(checkPng(png))).toBe('refused');
  });

  it('a damaged critical chunk fails its CRC', () => {
    const png = handmade(4, 4, 8, 0, Buffer.alloc(4 * 5));
    png[PNG_SIGNATURE.length + 8 + 2]! ^= 1; // inside IHDR's width
    expect(checkPng(png)).toEqual({ kind: 'corrupt', detail: 'the IHDR chunk fails its CRC check' });
  });

  it('hands animated (acTL) and EXIF-rotated (eXIf) PNGs to the decoder, and large ones, and extra image data', () => {
    const rows = Buffer.alloc(4 * 5);
    expect(checkPng(handmade(4, 4, 8, 0, Buffer.alloc(4 * 5 + 7)))).toEqual({ kind: 'for-decoder' });
    expect(checkPng(handmade(4, 4, 8, 0, rows, [pngChunk('acTL', Buffer.alloc(8))]))).toEqual({ kind: 'for-decoder' });
    expect(checkPng(handmade(4, 4, 8, 0, rows, [pngChunk('eXIf', Buffer.alloc(8))]))).toEqual({ kind: 'for-decoder' });
    expect(checkPng(handmade(4000, 3000, 8, 6, Buffer.alloc(1)))).toEqual({ kind: 'for-decoder' });
  });

  it('never calls a PNG sound that the decoder refuses or sizes differently: 300 random damages', async () => {
    const base = await sharp(noisy(24, 16, 4), { raw: { width: 24, height: 16, channels: 4 } }).png().toBuffer();
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.nat(base.length - 1), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 4 }), fc.nat(base.length), async (flips, cut) => {
        const png = Buffer.from(base.subarray(0, Math.max(9, cut)));
        for (const [at, xor] of flips) if (at >= 8 && at < png.length) png[at]! ^= xor;
        const ours = checkPng(png);
        if (ours.kind === 'sound') expect(await decoderView(png)).toBe(`${ours.width}×${ours.height}`);
      }),
      { numRuns: 300, seed: 20_261_128 },
    );
  });
});
