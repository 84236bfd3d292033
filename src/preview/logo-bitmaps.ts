/**
 * The logo at the sizes a consent screen shows it, as PNGs to embed. Bitmaps are judged as the
 * linter's inspection judges them (pixel limit from the header, decode cost from the structure:
 * src/logo/decode-cost.ts), then decoded by the process's sharp, configured once by
 * src/logo/inspect.ts (PNG, JPEG, WebP and GIF buffer loaders only), when that is cheap, else in a
 * child process with a deadline and a memory limit; SVGs through the child-process renderer
 * (rasterise.ts), with the same refusals. Anything that fails becomes a reason, and the picture
 * shows a placeholder instead.
 */
import { planDecode, type BitmapFormat } from '../logo/decode-cost.js';
import { DECODE_CHILD_MAX_RSS, decodeInChild } from '../logo/decode-child.js';
import { loadDecoder, MAX_SVG_BYTES, MAX_SVG_ELEMENTS } from '../logo/inspect.js';
import { SVG_RENDER_TIMEOUT_MS } from '../logo/render-svg.js';
import { sniff } from '../logo/sniff.js';
import { sniffSvg } from '../logo/svg.js';
import { MAX_LOGO_PIXELS } from '../logo/types.js';
import { rasterise } from './rasterise.js';

/** The sizes consent screens show an app's logo at, in px: the header, and a list row. */
export const LOGO_SIZES = [96, 40] as const;
export type LogoSize = (typeof LOGO_SIZES)[number];

export type LogoBitmaps = { kind: 'bitmaps'; png: Record<LogoSize, Buffer> } | { kind: 'none'; reason: string };

const DECODE_TIMEOUT_SECONDS = 10;

export async function logoBitmaps(bytes: Uint8Array, format?: string): Promise<LogoBitmaps> {
  const svg = format === 'svg' || (format === undefined && !sniff(bytes)) ? sniffSvg(bytes) : undefined;
  let source: Uint8Array;
  if (svg) {
    if (svg.entities) return { kind: 'none', reason: 'SVG with XML entities: not rendered' };
    if (svg.internalSubset) return { kind: 'none', reason: 'SVG with an internal DTD subset: not rendered' };
    if (bytes.byteLength > MAX_SVG_BYTES) return { kind: 'none', reason: 'SVG over 1 MiB: not rendered' };
    if ((svg.text.match(/<[A-Za-z_]/g)?.length ?? 0) > MAX_SVG_ELEMENTS) return { kind: 'none', reason: 'SVG with too many elements: not rendered' };
    // Twice the largest size, then scaled down with the bitmaps: the same resampling for both.
    const rendered = await rasterise(bytes, { mode: 'logo', size: 2 * LOGO_SIZES[0], pixelLimit: MAX_LOGO_PIXELS, timeoutMs: SVG_RENDER_TIMEOUT_MS, maxRssBytes: DECODE_CHILD_MAX_RSS });
    if (rendered.kind !== 'rendered') return { kind: 'none', reason: rendered.kind === 'timeout' ? 'SVG took too long to render' : 'SVG could not be rendered' };
    source = rendered.png;
  } else {
    const sniffed = sniff(bytes);
    if (!sniffed) return { kind: 'none', reason: 'not an image' };
    if (!['png', 'jpeg', 'webp', 'gif'].includes(sniffed.format)) return { kind: 'none', reason: `${sniffed.format.toUpperCase()}: not shown` };
    if (sniffed.width !== undefined && sniffed.height !== undefined && sniffed.width * sniffed.height > MAX_LOGO_PIXELS) {
      return { kind: 'none', reason: 'too many pixels to decode' };
    }
    // A size the sniffer could not read is left to the child, which the decoder's own header check guards.
    const plan = sniffed.width !== undefined && sniffed.height !== undefined
      ? planDecode(bytes, sniffed.format as BitmapFormat, sniffed.width, sniffed.height)
      : { kind: 'unknown' as const };
    if (plan.kind === 'refused') return { kind: 'none', reason: 'too costly to decode' };
    if (plan.kind !== 'in-process') return thumbnailsInChild(bytes);
    source = bytes;
  }
  try {
    const sharp = await loadDecoder();
    const entries = await Promise.all(
      LOGO_SIZES.map(async (size) => {
        const png = await sharp(source, { limitInputPixels: MAX_LOGO_PIXELS, failOn: 'error' })
          .rotate() // as displayed: EXIF orientation applied
          // A square slot filled, as consent screens show a logo: a wide or tall logo loses its sides.
          .resize(size, size, { fit: 'cover', position: 'centre' })
          .ensureAlpha()
          .png()
          .timeout({ seconds: DECODE_TIMEOUT_SECONDS })
          .toBuffer();
        return [size, png] as const;
      }),
    );
    return { kind: 'bitmaps', png: Object.fromEntries(entries) as Record<LogoSize, Buffer> };
  } catch {
    return { kind: 'none', reason: 'could not be decoded' };
  }
}

/** The bitmaps from a child process that is stopped at a deadline or a memory limit (src/logo/decode-child.ts). */
async function thumbnailsInChild(bytes: Uint8Array): Promise<LogoBitmaps> {
  const decoded = await decodeInChild(bytes, { pixelLimit: MAX_LOGO_PIXELS, probeSize: LOGO_SIZES[0], thumbnails: LOGO_SIZES });
  if (decoded.kind === 'timeout' || decoded.kind === 'memory') return { kind: 'none', reason: 'too costly to decode' };
  if (decoded.kind !== 'decoded' || LOGO_SIZES.some((size) => !decoded.thumbnails[size])) return { kind: 'none', reason: 'could not be decoded' };
  return { kind: 'bitmaps', png: Object.fromEntries(LOGO_SIZES.map((size) => [size, decoded.thumbnails[size]!])) as Record<LogoSize, Buffer> };
}
