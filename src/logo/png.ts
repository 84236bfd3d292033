import { crc32, inflateSync } from 'node:zlib';
import { ascii, be32 } from './sniff.js';

/**
 * What checkPng found: a sound PNG and its size; a header no decoder would read; pixel data that is
 * truncated or corrupt; or a PNG it leaves to the decoder (animated, rotated by EXIF, or big).
 */
export type PngCheck =
  | { kind: 'sound'; width: number; height: number }
  | { kind: 'bad-header'; detail: string }
  | { kind: 'corrupt'; detail: string }
  | { kind: 'for-decoder' };

/** Inflated image data checked here at most; past it, sharp decodes while shrinking, in less memory. */
const MAX_INFLATED_BYTES = 32 * 1024 * 1024;
/** Channels per colour type (PNG §11.2.2). */
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
const BIT_DEPTHS: Record<number, readonly number[]> = { 0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16] };
/** Adam7 passes: [x start, y start, x step, y step]. */
const ADAM7 = [[0, 0, 8, 8], [4, 0, 8, 8], [0, 4, 4, 8], [2, 0, 4, 4], [0, 2, 2, 4], [1, 0, 2, 2], [0, 1, 1, 2]] as const;

/**
 * Checks a PNG as a decoder would, without one: chunk lengths and the CRCs of critical chunks, the
 * header, a palette where one is needed, and the image data — it must inflate to exactly the size
 * the header implies, with a valid filter byte on every row. Loading sharp (libvips) and
 * decoding cost far more than this check of a logo PNG. `bytes` starts with the PNG
 * signature (the sniffer saw it).
 */
export function checkPng(bytes: Uint8Array): PngCheck {
  let header: { width: number; height: number; depth: number; colour: number; interlaced: boolean } | undefined;
  let palette = false;
  const data: Uint8Array[] = [];
  let end = false;
  for (let at = 8; !end; ) {
    if (at + 12 > bytes.length) {
      if (header && data.length > 0) break; // no IEND: decoders read what the data holds
      return { kind: 'corrupt', detail: 'the file ends before its image data' };
    }
    const length = be32(bytes, at);
    const type = ascii(bytes, at + 4, 4);
    if (at + 12 + length > bytes.length) return { kind: 'corrupt', detail: `the ${chunkName(type)} chunk is cut off` };
    const body = bytes.subarray(at + 8, at + 8 + length);
    const critical = (bytes[at + 4]! & 0x20) === 0;
    if (critical && crc32(bytes.subarray(at + 4, at + 8 + length)) !== be32(bytes, at + 8 + length)) {
      return { kind: 'corrupt', detail: `the ${chunkName(type)} chunk fails its CRC check` };
    }
    if (!header && type !== 'IHDR') return { kind: 'bad-header', detail: 'IHDR is not the first chunk' };
    switch (type) {
      case 'IHDR': {
        if (header) return { kind: 'bad-header', detail: 'a second IHDR chunk' };
        const parsed = readHeader(body);
        if (typeof parsed === 'string') return { kind: 'bad-header', detail: parsed };
        header = parsed;
        break;
      }
      case 'PLTE':
        palette = true;
        break;
      case 'IDAT':
        data.push(body);
        break;
      case 'IEND':
        end = true;
        break;
      case 'acTL': // animated (APNG): frames beyond the first, which sharp counts
      case 'eXIf': // an EXIF orientation, which sharp reads
        return { kind: 'for-decoder' };
    }
    at += 12 + length;
  }
  if (!header) return { kind: 'bad-header', detail: 'no IHDR chunk' };
  if (header.colour === 3 && !palette) return { kind: 'corrupt', detail: 'a palette image without a PLTE chunk' };
  if (data.length === 0) return { kind: 'corrupt', detail: 'no image data (IDAT)' };

  const bitsPerPixel = CHANNELS[header.colour]! * header.depth;
  const rows = passes(header).map(([width, height]) => ({ count: height, bytes: 1 + Math.ceil((width * bitsPerPixel) / 8) }));
  const expected = rows.reduce((sum, pass) => sum + pass.count * pass.bytes, 0);
  if (expected > MAX_INFLATED_BYTES) return { kind: 'for-decoder' };
  let pixels: Buffer;
  try {
    // One output chunk of the expected size, rather than zlib's default 16 KiB chunks gathered again.
    pixels = inflateSync(Buffer.concat(data), { maxOutputLength: expected, chunkSize: Math.max(expected, 64) });
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ERR_BUFFER_TOO_LARGE') return { kind: 'for-decoder' }; // decoders ignore data past the last row
    return { kind: 'corrupt', detail: `its image data does not inflate (${code === 'Z_BUF_ERROR' ? 'unexpected end of data' : ((error as Error).message ?? code)})` };
  }
  if (pixels.length !== expected) return { kind: 'corrupt', detail: `its image data holds ${pixels.length} bytes, ${expected} expected` };
  let offset = 0;
  for (const pass of rows) {
    for (let row = 0; row < pass.count; row++, offset += pass.bytes) {
      if (pixels[offset]! > 4) return { kind: 'corrupt', detail: `row data with the unknown filter type ${pixels[offset]}` };
    }
  }
  return { kind: 'sound', width: header.width, height: header.height };
}

function readHeader(body: Uint8Array): { width: number; height: number; depth: number; colour: number; interlaced: boolean } | string {
  if (body.length !== 13) return `IHDR holds ${body.length} bytes, not 13`;
  const width = be32(body, 0);
  const height = be32(body, 4);
  const [depth, colour, compression, filter, interlace] = [body[8]!, body[9]!, body[10]!, body[11]!, body[12]!];
  if (width === 0 || height === 0 || width > 0x7fffffff || height > 0x7fffffff) return `a size of ${width}×${height}`;
  if (!BIT_DEPTHS[colour]?.includes(depth)) return `bit depth ${depth} with colour type ${colour}`;
  if (compression !== 0 || filter !== 0 || interlace > 1) return 'an unknown compression, filter or interlace method';
  return { width, height, depth, colour, interlaced: interlace === 1 };
}

/** Width and height of each pass that holds pixels: one for a plain image, up to seven for Adam7. */
function passes({ width, height, interlaced }: { width: number; height: number; interlaced: boolean }): [number, number][] {
  if (!interlaced) return [[width, height]];
  return ADAM7.map(([x, y, dx, dy]): [number, number] => [Math.ceil((width - x) / dx), Math.ceil((height - y) / dy)]).filter(([w, h]) => w > 0 && h > 0);
}

/** A chunk type for a message: letters as they are, anything else as \xNN. */
function chunkName(type: string): string {
  return type.replace(/[^A-Za-z]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
