/** How the logo rules word a logo, its format and its size. No I/O. */
import { clip } from '../text/describe.js';
import { quoteUri } from '../uri/uri.js';
import type { ImageFormat, LogoImage, LogoSource } from './types.js';

export const FORMAT_NAMES: Readonly<Record<ImageFormat, string>> = {
  png: 'PNG',
  jpeg: 'JPEG',
  webp: 'WebP',
  gif: 'GIF',
  svg: 'SVG',
  avif: 'AVIF',
  heif: 'HEIF',
  tiff: 'TIFF',
  bmp: 'BMP',
  ico: 'ICO',
};

/** The manifest's value, clipped; a URL's password (if any) is redacted for the whole run. */
export function logoName(source: LogoSource, context: { redact(secret: string): void }): string {
  return source.kind === 'url' ? quoteUri(source.value, context) : clip(source.value);
}

const KIB = 1024;
const MIB = 1024 * 1024;

/** `312 bytes`, `48.2 KiB`, `1.3 MiB`. */
export function formatBytes(bytes: number): string {
  if (bytes < KIB) return `${bytes} bytes`;
  if (bytes < MIB) return `${(bytes / KIB).toFixed(1)} KiB`;
  return `${(bytes / MIB).toFixed(1)} MiB`;
}

/** `1,600`: thousands grouped, in English whatever the machine's locale. */
export function formatCount(count: number): string {
  return count.toLocaleString('en-US');
}

/** `512×512`; an SVG's size is the rendered one. */
export function dimensions(image: Pick<LogoImage, 'width' | 'height'>): string {
  return `${image.width}×${image.height}`;
}

/** ` (after EXIF orientation 6)`, ` (rendered from the SVG)` or ''. */
export function sizeNote(image: LogoImage): string {
  if (image.format === 'svg') return ' (as rendered from the SVG)';
  if (image.orientation !== undefined && image.orientation >= 5) return ` (as displayed, after EXIF orientation ${image.orientation})`;
  return '';
}
