/**
 * What decoding a bitmap will cost, judged from its header before any decoder runs, and where that
 * decode may happen. A pixel count alone does not bound the work: a progressive JPEG of under 1 MB
 * and thousands of scans at 7000×7000 kept a core busy far past any deadline and held 350 MB, because every scan
 * visits every block and all the coefficients stay in memory until the last one. No I/O here.
 */
import { readJpegStructure } from './jpeg.js';
import { ascii } from './sniff.js';
import type { DecodeLimit } from './types.js';

/** Bitmap formats sharp decodes in this project (SVG has its own renderer). */
export type BitmapFormat = 'png' | 'jpeg' | 'webp' | 'gif';

/**
 * Scans a JPEG may hold. Encoders write 1 (baseline) to about 10 (progressive; libjpeg's default
 * script), rarely more than 20.
 */
export const MAX_JPEG_SCANS = 64;
/** Memory a decoder may need beyond a few rows: a 16-megapixel progressive JPEG needs 96 MiB. */
export const MAX_DECODE_MEMORY = 128 * 1024 * 1024;
/** 8×8 blocks a JPEG decoder may visit, summed over the scans: about ten times a 50-megapixel baseline JPEG. */
export const MAX_JPEG_BLOCK_VISITS = 24_000_000;
/**
 * Below both, the decode runs in this process (a logo of a few megapixels is quick);
 * above, in a child process that is killed at a deadline or past a memory limit (decode-child.ts).
 */
const IN_PROCESS_MEMORY = 32 * 1024 * 1024;
const IN_PROCESS_BLOCK_VISITS = 262_144;

export interface DecodeCost {
  /** Bytes a decoder holds at once for the whole frame (0: it streams a few rows at a time). */
  memory: number;
  /** 8×8 blocks visited over all passes (a JPEG's scans; one pass of the frame otherwise). */
  blockVisits: number;
  /** JPEG only: scans, counted up to one past MAX_JPEG_SCANS. */
  scans?: number;
}


export type DecodePlan =
  | { kind: 'in-process'; cost: DecodeCost }
  | { kind: 'child'; cost: DecodeCost }
  /** Over a limit: refused without decoding. `found` and `max` are in the limit's unit. */
  | { kind: 'refused'; limit: Extract<DecodeLimit, 'scans' | 'memory' | 'block-visits'>; found: number; max: number; cost: DecodeCost }
  /** The structure could not be read: the decoder will say why, in a child. */
  | { kind: 'unknown'; detail: string };

/** The cost of decoding the first frame of `bytes` (sniffed as `format`, declaring width × height). */
export function estimateDecodeCost(bytes: Uint8Array, format: BitmapFormat, width: number, height: number): DecodeCost | string {
  const frameBlocks = Math.ceil(width / 8) * Math.ceil(height / 8);
  switch (format) {
    case 'jpeg': {
      const read = readJpegStructure(bytes, MAX_JPEG_SCANS + 1);
      if (read.kind === 'unreadable') return read.detail;
      const { scans, blockVisits, blocks } = read.structure;
      // More than one scan: libjpeg keeps every coefficient (64 × 2 bytes a block) until the last.
      return { memory: scans > 1 ? blocks * 128 : 0, blockVisits, scans };
    }
    case 'png':
      // An interlaced PNG is decoded whole (its passes interleave); a plain one row by row.
      return { memory: pngInterlaced(bytes) ? width * height * pngBytesPerPixel(bytes) : 0, blockVisits: frameBlocks };
    case 'webp':
    case 'gif':
      // libwebp's lossless decoder and libnsgif hold the whole frame as 4-byte pixels.
      return { memory: width * height * 4, blockVisits: frameBlocks };
  }
}

/** Refused, or where to decode. */
export function planDecode(bytes: Uint8Array, format: BitmapFormat, width: number, height: number): DecodePlan {
  const cost = estimateDecodeCost(bytes, format, width, height);
  if (typeof cost === 'string') return { kind: 'unknown', detail: cost };
  if (cost.scans !== undefined && cost.scans > MAX_JPEG_SCANS) return { kind: 'refused', limit: 'scans', found: cost.scans, max: MAX_JPEG_SCANS, cost };
  if (cost.memory > MAX_DECODE_MEMORY) return { kind: 'refused', limit: 'memory', found: cost.memory, max: MAX_DECODE_MEMORY, cost };
  if (cost.blockVisits > MAX_JPEG_BLOCK_VISITS) return { kind: 'refused', limit: 'block-visits', found: cost.blockVisits, max: MAX_JPEG_BLOCK_VISITS, cost };
  return cost.memory <= IN_PROCESS_MEMORY && cost.blockVisits <= IN_PROCESS_BLOCK_VISITS ? { kind: 'in-process', cost } : { kind: 'child', cost };
}

/** IHDR's interlace method (the sniffer saw the signature and IHDR). */
function pngInterlaced(bytes: Uint8Array): boolean {
  return ascii(bytes, 12, 4) === 'IHDR' && bytes[28] === 1;
}

/** Decoded bytes per pixel: 16-bit samples take two bytes; sub-byte depths are expanded to one. */
function pngBytesPerPixel(bytes: Uint8Array): number {
  const channels = ({ 0: 1, 2: 3, 3: 4, 4: 2, 6: 4 } as Record<number, number>)[bytes[25]!] ?? 4;
  return channels * (bytes[24] === 16 ? 2 : 1);
}
