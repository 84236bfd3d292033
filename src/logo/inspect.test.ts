import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { animated, exifRotatedJpeg, jpegBomb, pngBomb, SVG, solid, truncatedPng, webpBomb } from '../test-support/logo-images.js';
import { inspectImage, loadDecoder, type InspectOptions } from './inspect.js';
import { sniff } from './sniff.js';
import { childrenStarted } from './svg-child.js';
import { scanSvg, sniffSvg } from './svg.js';
import type { LogoImage, LogoInspection, LogoSource } from './types.js';

const source: LogoSource = { kind: 'file', value: './logo.png', fileName: 'logo.png' };
const inspect = (bytes: Uint8Array | string, contentType?: string) => inspectImage(typeof bytes === 'string' ? Buffer.from(bytes) : bytes, source, contentType);

function image(found: LogoInspection): LogoImage {
  expect(found.kind, JSON.stringify(found)).toBe('image');
  return found as LogoImage;
}

/**
 * An inspection with its cost counted: images the in-process decoder opened (its header read, or its
 * pixels decoded) and child processes started (a costly decode, or any SVG render).
 */
async function inspectCounted(bytes: Uint8Array | string, options: InspectOptions = {}): Promise<{ found: LogoInspection; opened: number; children: number }> {
  let opened = 0;
  const decoder = async () => new Proxy(await loadDecoder(), {
    apply(target, self, args) {
      opened++;
      return Reflect.apply(target, self, args);
    },
  });
  const before = childrenStarted();
  const found = await inspectImage(typeof bytes === 'string' ? Buffer.from(bytes) : bytes, source, undefined, { ...options, decoder });
  return { found, opened, children: childrenStarted() - before };
}

/** A GIF of `frames` frames of width × height, each with almost no data: its pages multiply the budget. */
function gifFrames(width: number, height: number, frames: number): Buffer {
  const header = Buffer.from('GIF89a');
  const size = [width & 0xff, width >> 8, height & 0xff, height >> 8];
  const screen = Buffer.from([...size, 0x80, 0, 0, 0, 0, 0, 0xff, 0xff, 0xff]);
  const frame = Buffer.from([
    0x21, 0xf9, 0x04, 0x00, 0x0a, 0x00, 0x00, 0x00, // graphic control: 100 ms
    0x2c, 0, 0, 0, 0, ...size, 0x00, // image descriptor: the whole screen at 0,0
    0x02, 0x02, 0x44, 0x01, 0x00, // LZW: clear, 0, end (one pixel of data)
  ]);
  const loop = Buffer.from([0x21, 0xff, 0x0b, ...Buffer.from('NETSCAPE2.0'), 0x03, 0x01, 0x00, 0x00, 0x00]);
  return Buffer.concat([header, screen, loop, ...Array.from({ length: frames }, () => frame), Buffer.from([0x3b])]);
}

describe('inspectImage: bitmaps', () => {
  it.each([
    ['png', 512], ['png', 1024], ['jpeg', 512], ['jpeg', 1024], ['webp', 512], ['webp', 1024],
  ] as const)('reads a %s square of %i px', async (format, side) => {
    const found = image(await inspect(await solid(side, side, format), `image/${format}`));
    expect(found).toMatchObject({ format, width: side, height: side, pages: 1, contentType: `image/${format}` });
    expect(found.orientation).toBeUndefined();
  });

  it('reads a 300×200 PNG as it is', async () => {
    expect(image(await inspect(await solid(300, 200, 'png')))).toMatchObject({ width: 300, height: 200 });
  });

  it('reads a still GIF, and animated GIF and WebP with their frames', async () => {
    expect(image(await inspect(await solid(64, 64, 'gif')))).toMatchObject({ format: 'gif', pages: 1 });
    expect(image(await inspect(await animated('gif')))).toMatchObject({ format: 'gif', width: 64, height: 64, pages: 3 });
    expect(image(await inspect(await animated('webp')))).toMatchObject({ format: 'webp', width: 64, height: 64, pages: 3 });
  });

  it('applies EXIF orientation 6: stored 400×300, displayed 300×400', async () => {
    expect(image(await inspect(await exifRotatedJpeg()))).toMatchObject({ width: 300, height: 400, orientation: 6 });
  });

  it('keeps the size for EXIF orientations 1–4 and swaps it for 5–8', async () => {
    for (const orientation of [1, 2, 3, 4, 5, 6, 7, 8]) {
      const jpeg = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#888' } }).jpeg().withMetadata({ orientation }).toBuffer();
      const found = image(await inspect(jpeg));
      expect([found.width, found.height], `orientation ${orientation}`).toEqual(orientation >= 5 ? [30, 40] : [40, 30]);
    }
  });

  it('decodes a 1×100000 strip without trouble: in this process, at most its header and one decode', async () => {
    const { found, opened, children } = await inspectCounted(await solid(1, 100_000, 'png'));
    expect(image(found)).toMatchObject({ width: 1, height: 100_000 });
    expect(opened).toBeLessThanOrEqual(2);
    expect(children).toBe(0);
  });

  it('finds a truncated PNG and JPEG when decoding, after a good header', async () => {
    const png = await inspect(await truncatedPng());
    expect(png).toMatchObject({ kind: 'undecodable', format: 'png' });
    expect(png.kind === 'undecodable' && png.detail).toMatch(/^its pixel data is truncated or corrupt \(/);
    const pixels = Buffer.alloc(96 * 96 * 3, 0).map((_, i) => (i * 7919) % 251);
    const jpeg = await sharp(pixels, { raw: { width: 96, height: 96, channels: 3 } }).jpeg().toBuffer();
    expect(await inspect(jpeg.subarray(0, jpeg.length - 200))).toMatchObject({ kind: 'undecodable', format: 'jpeg' });
  });

  it('reports a header the decoder refuses as undecodable, not as an image', async () => {
    const png = Buffer.from(await solid(8, 8, 'png'));
    png[16] = 0; png[17] = 0; png[18] = 0; png[19] = 0; // width 0 in IHDR
    expect(await inspect(png)).toMatchObject({ kind: 'undecodable', format: 'png' });
  });
});

describe('inspectImage: decompression bombs are refused from the header', () => {
  it.each([
    ['a 40000×40000 PNG (69 bytes)', () => pngBomb(40_000, 40_000), 'png', 40_000, 40_000],
    ['a 65500×65500 JPEG (SOF)', () => jpegBomb(65_500, 65_500), 'jpeg', 65_500, 65_500],
    ['a 16383×16383 WebP (VP8X canvas)', () => webpBomb(16_383, 16_383), 'webp', 16_383, 16_383],
    ['a PNG just over 50 megapixels (7072×7072)', () => pngBomb(7072, 7072), 'png', 7072, 7072],
    ['a 4294967295×1 PNG', () => pngBomb(0xffffffff, 1), 'png', 0xffffffff, 1],
  ] as const)('%s', async (_, make, format, width, height) => {
    const bytes = await make();
    const { found, opened, children } = await inspectCounted(bytes);
    expect({ opened, children }, 'nothing decoded').toEqual({ opened: 0, children: 0 });
    expect(found).toEqual({ kind: 'too-many-pixels', source, byteLength: bytes.length, format, width, height, pages: 1, limit: 50_000_000 });
  });

  it('counts frames: a 2000×2000 GIF of 13 frames declares 52 megapixels', async () => {
    const found = await inspect(gifFrames(2000, 2000, 13));
    expect(found).toMatchObject({ kind: 'too-many-pixels', format: 'gif', width: 2000, height: 2000, pages: 13 });
    // 48 megapixels is within the budget; GIF decoders fill missing data, and only the first frame is decoded.
    expect(await inspect(gifFrames(2000, 2000, 12))).toMatchObject({ kind: 'image', format: 'gif', pages: 12 });
  });

  it('lets a header under the budget through to the decode, which fails fast on the missing data', async () => {
    const { found, opened, children } = await inspectCounted(pngBomb(7071, 7071));
    // One decode, which failed on the bytes there are: had it run to its deadline, the logo would be
    // too costly (time), not undecodable.
    expect(found).toMatchObject({ kind: 'undecodable', format: 'png' });
    expect(opened + children, 'the header read, then one decode').toBeLessThanOrEqual(2);
    expect(children).toBeLessThanOrEqual(1);
  });
});

describe('inspectImage: SVG', () => {
  it('renders a square SVG at 512×512 and keeps its declared size', async () => {
    const found = image(await inspect(SVG.square, 'image/svg+xml'));
    expect(found).toMatchObject({ format: 'svg', width: 512, height: 512, pages: 1, contentType: 'image/svg+xml' });
    expect(found.svg).toEqual({ declaredWidth: 64, declaredHeight: 64, activeContent: [], externalReferences: [] });
  });

  it('renders a 3:1 SVG at 512 px on its longer side', async () => {
    expect(image(await inspect(SVG.wide))).toMatchObject({ width: 512, height: 171 });
  });

  it('renders huge and tiny declared sizes at 512 px', async () => {
    const huge = '<svg xmlns="http://www.w3.org/2000/svg" width="100000" height="100000"><rect width="10" height="10"/></svg>';
    const tiny = '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"><rect width="1" height="1"/></svg>';
    expect(image(await inspect(tiny))).toMatchObject({ width: 512, height: 512 });
    const found = await inspect(huge);
    // density cannot go below 1 dpi, so 100000 px declared renders at 1389 px: still bounded.
    expect(image(found).width).toBeLessThanOrEqual(1400);
  });

  it('refuses entity declarations (billion laughs) before the decoder sees them', async () => {
    const { found, opened, children } = await inspectCounted(SVG.billionLaughs);
    expect({ opened, children }, 'nothing rendered').toEqual({ opened: 0, children: 0 });
    expect(found).toMatchObject({ kind: 'undecodable', format: 'svg' });
    expect(found.kind === 'undecodable' && found.detail).toContain('<!ENTITY');
  });

  it('stops a render that takes too long (filters, nested <use>) by killing its process', async () => {
    const blurred = `<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"><filter id="f"><feGaussianBlur stdDeviation="5"/></filter>${'<circle r="50" filter="url(#f)"/>'.repeat(5000)}</svg>`;
    let defs = '<g id="a0"><rect width="1" height="1"/></g>';
    for (let level = 1; level <= 7; level++) defs += `<g id="a${level}">${`<use href="#a${level - 1}"/>`.repeat(10)}</g>`;
    const nested = `<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"><defs>${defs}</defs><use href="#a7"/></svg>`;
    for (const svg of [blurred, nested]) {
      const started = performance.now();
      const { found, children } = await inspectCounted(svg, { svgTimeoutMs: 1500 });
      expect(found).toEqual({ kind: 'undecodable', source, byteLength: svg.length, format: 'svg', detail: 'rendering took longer than 1.5 s, so it was stopped' });
      expect(children).toBe(1);
      // Only time: the deadline fired and the child was killed. 3 × the deadline leaves room for a
      // loaded machine, and still fails a render that ran on past it.
      expect(performance.now() - started).toBeLessThan(3 * 1500);
    }
  });

  it('refuses an SVG over 1 MiB or over 10,000 elements before parsing it', async () => {
    const padded = SVG.square.replace('<rect', `<!-- ${'x'.repeat(1024 * 1024)} --><rect`);
    expect(await inspect(padded)).toMatchObject({ kind: 'undecodable', detail: expect.stringContaining('1.0 MiB of SVG, over the 1 MiB') });
    const groups = `<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8">${'<g/>'.repeat(10_000)}</svg>`;
    const refused = await inspectCounted(groups);
    expect(refused.found).toMatchObject({ kind: 'undecodable', detail: 'it has more than 10,000 elements (a logo SVG has a few hundred)' });
    expect(refused.children, 'nothing rendered').toBe(0);
    expect(image(await inspect(groups.replace('<g/>'.repeat(10_000), '<g/>'.repeat(9_999))))).toMatchObject({ width: 512 });
  });

  it('records scripts, event handlers and javascript: links', async () => {
    expect(image(await inspect(SVG.script)).svg?.activeContent).toEqual(['<script>', 'onload=']);
    const link = '<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><a href="javascript:alert(1)"><rect width="8" height="8"/></a></svg>';
    expect(image(await inspect(link)).svg?.activeContent).toEqual(['a javascript: link']);
  });

  it('records external references (cloud metadata address) and renders without them', async () => {
    const found = image(await inspect(SVG.externalHref));
    expect(found.svg?.externalReferences).toEqual(['http://169.254.169.254/latest/meta-data/iam/security-credentials/']);
    expect(found).toMatchObject({ width: 512, height: 512 });
  });

  describe('never fetches what an SVG refers to', () => {
    let server: Server;
    let hits: string[] = [];
    let base = '';
    beforeAll(async () => {
      server = createServer((request, response) => {
        hits.push(request.url ?? '');
        response.end('<svg xmlns="http://www.w3.org/2000/svg"/>');
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('image, use, CSS url() and @import, file: — a loopback canary receives nothing', async () => {
      hits = [];
      const svg =
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="64" height="64">' +
        `<style>@import url(${base}/import.css); rect { fill: url(${base}/paint.svg#p) }</style>` +
        `<image xlink:href="${base}/xlink.png" width="64" height="64"/><image href="${base}/href.png" width="64" height="64"/>` +
        `<use href="${base}/use.svg#x"/><image href="file:///etc/passwd" width="8" height="8"/><rect width="8" height="8"/></svg>`;
      const found = image(await inspect(svg));
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(hits).toEqual([]);
      expect(found.svg?.externalReferences).toEqual([`${base}/xlink.png`, `${base}/href.png`, `${base}/use.svg#x`, 'file:///etc/passwd', `${base}/import.css`]);
    });
  });

  it('recognises SVG after a BOM, whitespace, comments, an XML declaration and a DOCTYPE; in UTF-16 too', async () => {
    const prolog = '\uFEFF<?xml version="1.0"?>\n<!-- made by hand -->\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n';
    const body = '<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16"><rect width="16" height="16"/></svg>';
    expect(image(await inspect(prolog + body))).toMatchObject({ format: 'svg', width: 512 });
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(body.replace('<svg', '<svg'), 'utf16le')]);
    expect(sniffSvg(utf16)).toBeDefined();
    expect(sniffSvg(Buffer.from('<?xml version="1.0"?><html/>'))).toBeUndefined();
    expect(sniffSvg(Buffer.from('<svgfoo/>'))).toBeUndefined();
    expect(sniffSvg(Buffer.from('<!-- never closed <svg>'))).toBeUndefined();
  });

  it('ignores in-document references and data: URLs', () => {
    expect(scanSvg('<svg><use href="#a"/><image href="data:image/png;base64,AAAA"/><rect style="fill:url(#g)"/></svg>')).toEqual({ activeContent: [], externalReferences: [] });
  });
});

describe('inspectImage: other formats and non-images', () => {
  it('recognises TIFF and AVIF but never decodes them', async () => {
    expect(await inspect(await solid(16, 16, 'tiff'), 'image/tiff')).toEqual({ kind: 'undecoded-format', source, byteLength: expect.any(Number), format: 'tiff', contentType: 'image/tiff' });
    const avif = await sharp({ create: { width: 16, height: 16, channels: 3, background: '#888' } }).avif().toBuffer();
    expect(await inspect(avif)).toMatchObject({ kind: 'undecoded-format', format: 'avif' });
  });

  it('sniffs BMP and ICO headers', () => {
    const bmp = Buffer.alloc(64);
    bmp.write('BM', 0, 'latin1');
    bmp.writeUInt32LE(40, 14);
    expect(sniff(bmp)?.format).toBe('bmp');
    expect(sniff(Buffer.from('BMW logo, final version\n'))).toBeUndefined();
    const ico = Buffer.alloc(40);
    ico.set([0, 0, 1, 0, 1, 0, 16, 16, 0, 0]);
    expect(sniff(ico)?.format).toBe('ico');
  });

  it.each([
    ['an HTML page', '<!DOCTYPE html><html><body>Not found</body></html>', 'it is an HTML page'],
    ['an empty file', '', 'the file is empty'],
    ['text', 'just some words\n', 'it is text, not image data'],
    ['other XML', '<?xml version="1.0"?><feed/>', 'it is markup, but not an SVG document'],
    ['binary', Buffer.from([0, 1, 2, 3, 4, 5, 6, 7]), 'its first bytes match no image format'],
    ['gzip (svgz)', Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0]), 'it is gzip-compressed data'],
  ] as const)('names %s without quoting it', async (_, bytes, detail) => {
    expect(await inspect(bytes)).toEqual({ kind: 'not-an-image', source, byteLength: Buffer.from(bytes).length, detail });
  });

  it('reports a decoder that cannot be loaded instead of throwing', async () => {
    const found = await inspectImage(await solid(8, 8, 'jpeg'), source, undefined, { decoder: () => Promise.reject(new Error('Could not load the "sharp" module\nat line 2')) });
    expect(found).toEqual({ kind: 'no-decoder', source, detail: 'Could not load the "sharp" module' });
  });

  it('checks a PNG without the decoder (src/logo/png.ts)', async () => {
    const broken = { decoder: () => Promise.reject(new Error('no decoder')) };
    expect(await inspectImage(await solid(8, 8, 'png'), source, undefined, broken)).toMatchObject({ kind: 'image', format: 'png', width: 8, height: 8 });
  });
});

describe('the decoder configuration', () => {
  it('leaves only the PNG, JPEG, WebP and GIF buffer loaders usable in this process (SVG renders in its own)', async () => {
    const configured = await loadDecoder();
    await expect(configured(await solid(8, 8, 'tiff')).metadata()).rejects.toThrow(/unsupported image format/);
    await expect(configured(Buffer.from(SVG.square)).metadata()).rejects.toThrow(/unsupported image format/);
    for (const format of ['png', 'jpeg', 'webp', 'gif'] as const) {
      await expect(configured(await solid(8, 8, format)).metadata()).resolves.toMatchObject({ format });
    }
  });
});
