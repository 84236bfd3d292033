import type { ImageFormat } from './types.js';

/** A format recognised from the first bytes, with the size its header declares when it is cheap to read. */
export interface Sniffed {
  format: ImageFormat;
  /** Declared by the header (PNG IHDR, GIF screen, WebP VP8/VP8L/VP8X, JPEG SOF); the decoder's word comes later. */
  width?: number;
  height?: number;
}

/**
 * Names the format from magic bytes, before any decoder sees the data. The decoder is never asked to
 * guess: only bytes sniffed as PNG, JPEG, WebP, GIF or SVG reach it, and the libvips loaders of every
 * other format stay blocked. SVG is recognised by `sniffSvg` (svg.ts), which needs the text.
 */
export function sniff(bytes: Uint8Array): Sniffed | undefined {
  if (startsWith(bytes, PNG)) {
    return ascii(bytes, 12, 4) === 'IHDR' && bytes.length >= 24 ? { format: 'png', width: be32(bytes, 16), height: be32(bytes, 20) } : { format: 'png' };
  }
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { format: 'jpeg', ...jpegSize(bytes) };
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') return { format: 'webp', ...webpSize(bytes) };
  if (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a') {
    return bytes.length >= 10 ? { format: 'gif', width: le16(bytes, 6), height: le16(bytes, 8) } : { format: 'gif' };
  }
  if (ascii(bytes, 4, 4) === 'ftyp') return isoBrand(bytes);
  if (ascii(bytes, 0, 4) === 'II*\0' || ascii(bytes, 0, 4) === 'MM\0*') return { format: 'tiff' };
  // "BM" alone is too weak (a text file may start with it): also require a known DIB header size.
  if (ascii(bytes, 0, 2) === 'BM' && bytes.length >= 18 && BMP_DIB_SIZES.has(le32(bytes, 14))) return { format: 'bmp' };
  if (startsWith(bytes, [0, 0, 1, 0]) && bytes.length >= 22 && le16(bytes, 4) > 0 && bytes[9] === 0) return { format: 'ico' };
  return undefined;
}

/** Plain words for bytes that are no image, without quoting them (the file may be anything, even a key). */
export function describeNonImage(bytes: Uint8Array): string {
  if (bytes.length === 0) return 'the file is empty';
  if (startsWith(bytes, [0x1f, 0x8b])) return 'it is gzip-compressed data';
  if (ascii(bytes, 0, 4) === '%PDF') return 'it is a PDF document';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return 'it is a ZIP archive';
  const head = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 512)).replace(/^\uFEFF/, '').trimStart().toLowerCase();
  if (head.startsWith('<!doctype html') || head.startsWith('<html')) return 'it is an HTML page';
  if (head.startsWith('<?xml') || head.startsWith('<')) return 'it is markup, but not an SVG document';
  const sample = bytes.subarray(0, 512);
  const binary = sample.some((byte) => byte < 0x09 || (byte > 0x0d && byte < 0x20));
  return binary ? 'its first bytes match no image format' : 'it is text, not image data';
}

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const BMP_DIB_SIZES: ReadonlySet<number> = new Set([12, 16, 40, 52, 56, 64, 108, 124]);
const AVIF_BRANDS: ReadonlySet<string> = new Set(['avif', 'avis']);
const HEIF_BRANDS: ReadonlySet<string> = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'hevm', 'hevs', 'mif1', 'msf1']);

/** ISO base media file (`ftyp`): AVIF or HEIF by major or compatible brand; other brands (MP4 video…) are no image. */
function isoBrand(bytes: Uint8Array): Sniffed | undefined {
  const boxSize = be32(bytes, 0);
  const end = Math.min(bytes.length, boxSize >= 16 ? boxSize : 16, 256);
  const brands = [ascii(bytes, 8, 4)];
  for (let offset = 16; offset + 4 <= end; offset += 4) brands.push(ascii(bytes, offset, 4));
  if (brands.some((brand) => AVIF_BRANDS.has(brand))) return { format: 'avif' };
  if (brands.some((brand) => HEIF_BRANDS.has(brand))) return { format: 'heif' };
  return undefined;
}

/** The first SOF segment's size; stops at the scan data. */
function jpegSize(bytes: Uint8Array): { width?: number; height?: number } {
  let at = 2;
  while (at + 9 < bytes.length) {
    if (bytes[at] !== 0xff) return {};
    const marker = bytes[at + 1]!;
    if (marker === 0xff) {
      at += 1; // fill byte
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) {
      at += 2; // markers without a length
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) return {};
    const length = be16(bytes, at + 2);
    if (length < 2) return {};
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: be16(bytes, at + 5), width: be16(bytes, at + 7) };
    }
    at += 2 + length;
  }
  return {};
}

/** The canvas of an extended WebP, or the frame of a simple lossy / lossless one. */
function webpSize(bytes: Uint8Array): { width?: number; height?: number } {
  const chunk = ascii(bytes, 12, 4);
  if (chunk === 'VP8X' && bytes.length >= 30) return { width: le24(bytes, 24) + 1, height: le24(bytes, 27) + 1 };
  if (chunk === 'VP8L' && bytes.length >= 25 && bytes[20] === 0x2f) {
    const bits = le32(bytes, 21);
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8 ' && bytes.length >= 30 && bytes[23] === 0x9d && bytes[24] === 0x01 && bytes[25] === 0x2a) {
    return { width: le16(bytes, 26) & 0x3fff, height: le16(bytes, 28) & 0x3fff };
  }
  return {};
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((byte, index) => bytes[index] === byte);
}

/** `length` bytes at `offset` as Latin-1 text; '' past the end. */
export function ascii(bytes: Uint8Array, offset: number, length: number): string {
  if (bytes.length < offset + length) return '';
  return String.fromCharCode(...bytes.subarray(offset, offset + length));
}

const be16 = (b: Uint8Array, o: number): number => (b[o]! << 8) | b[o + 1]!;
export const be32 = (b: Uint8Array, o: number): number => ((b[o]! << 24) | (b[o + 1]! << 16) | (b[o + 2]! << 8) | b[o + 3]!) >>> 0;
const le16 = (b: Uint8Array, o: number): number => b[o]! | (b[o + 1]! << 8);
const le24 = (b: Uint8Array, o: number): number => b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16);
const le32 = (b: Uint8Array, o: number): number => (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0;
