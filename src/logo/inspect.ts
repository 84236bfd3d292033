/**
 * Inspects logo bytes: format from magic bytes, declared size from the header, refusal of
 * decompression bombs before any decode, refusal of files whose structure makes decoding costly
 * (decode-cost.ts), then a decode while shrinking, to prove the pixels decode: here when it is
 * cheap, else in a child process that is stopped at a deadline or a memory limit (decode-child.ts).
 *
 * sharp (libvips) is imported lazily, on the first bitmap logo actually inspected, so a run without
 * a local logo never loads the native library. Input is always a
 * buffer, never a file path (CVE-2023-38633: librsvg resolving references relative to a file).
 * SVGs are rendered in a child process with a deadline and a memory limit (render-svg.ts).
 */
import { planDecode, type BitmapFormat } from './decode-cost.js';
import { UNBLOCKED_LOADERS } from './loaders.js';
import { checkPng } from './png.js';
import { formatCount } from './words.js';
import { describeNonImage, sniff } from './sniff.js';
import { scanSvg, sniffSvg, type SvgText } from './svg.js';
import { MAX_LOGO_PIXELS, type DecodableFormat, type DecodeLimit, type ImageFormat, type LogoInspection, type LogoSource } from './types.js';

/** sharp's `export =` function. */
type SharpFactory = typeof import('sharp');

/** The longer side an SVG is rasterised to. */
export const SVG_RENDER_SIZE = 512;
/** A bitmap decode taking longer is stopped (sharp checks it between regions; SVG has its own deadline). */
const DECODE_TIMEOUT_SECONDS = 10;
/**
 * Largest SVG handed to librsvg, and most elements in it. Parsing builds a DOM: a 10 MiB SVG of
 * 180,000 shapes, or 262,000 empty groups in 1 MiB, held 740–820 MiB and took far too long. Logo SVGs
 * take a few KiB and a few hundred elements.
 */
export const MAX_SVG_BYTES = 1024 * 1024;
export const MAX_SVG_ELEMENTS = 10_000;
/** The bounded decode: pixels are decoded (and checked) while shrinking to at most this square. */
const PROBE_SIZE = 64;

const DECODABLE: ReadonlySet<ImageFormat> = new Set<DecodableFormat>(['png', 'jpeg', 'webp', 'gif', 'svg']);

let decoder: Promise<SharpFactory> | undefined;

/**
 * Loads and configures sharp once per process. The settings are process-wide (they would also apply
 * to any other sharp user in the same process):
 * - cache(false): each logo is decoded once; libvips' operation cache would only keep decoded images alive;
 * - concurrency(1): one libvips worker thread per image; several manifests are inspected at once on
 *   libuv's pool, and a logo is small, so more threads per image only multiply buffers;
 * - block every loader, then unblock the four bitmap buffer loaders above.
 */
export function loadDecoder(): Promise<SharpFactory> {
  decoder ??= import('sharp').then((loaded) => {
    // Node hands a CommonJS module to ESM as `default`; TypeScript types it as the function itself.
    const sharp = (loaded as SharpFactory & { default?: SharpFactory }).default ?? loaded;
    sharp.cache(false);
    sharp.concurrency(1);
    sharp.block({ operation: ['VipsForeignLoad'] });
    sharp.unblock({ operation: [...UNBLOCKED_LOADERS] });
    return sharp;
  });
  return decoder;
}

export interface InspectOptions {
  /** Tests only: a decoder that fails to load, to see how that is reported. */
  decoder?: () => Promise<SharpFactory>;
  /** Tests only: a shorter deadline for rendering an SVG. */
  svgTimeoutMs?: number;
  /** Tests only: a shorter deadline, or a smaller memory limit, for a decode in a child process. */
  childTimeoutMs?: number;
  childMaxRssBytes?: number;
}

export async function inspectImage(bytes: Uint8Array, source: LogoSource, contentType?: string, options: InspectOptions = {}): Promise<LogoInspection> {
  const byteLength = bytes.byteLength;
  const sent = contentType === undefined ? {} : { contentType };
  const sniffed = sniff(bytes);
  const svg = sniffed ? undefined : sniffSvg(bytes);
  if (!sniffed && !svg) return { kind: 'not-an-image', source, byteLength, detail: describeNonImage(bytes) };
  if (sniffed && !isDecodable(sniffed.format)) return { kind: 'undecoded-format', source, byteLength, format: sniffed.format, ...sent };
  const format: DecodableFormat = sniffed ? (sniffed.format as DecodableFormat) : 'svg';
  const undecodable = (detail: string): LogoInspection => ({ kind: 'undecodable', source, byteLength, format, detail });
  const tooManyPixels = (width: number, height: number, pages: number): LogoInspection => ({
    kind: 'too-many-pixels', source, byteLength, format, width, height, pages, limit: MAX_LOGO_PIXELS,
  });

  // 1. Our own reading of the header: a bomb never reaches the decoder.
  if (sniffed?.width !== undefined && sniffed.height !== undefined && sniffed.width * sniffed.height > MAX_LOGO_PIXELS) {
    return tooManyPixels(sniffed.width, sniffed.height, 1);
  }
  if (svg) return inspectSvg(bytes, svg, source, sent, options);
  // Most logos are PNGs of a few hundred pixels, which need no decoder to be checked (see checkPng).
  if (format === 'png') {
    const png = checkPng(bytes);
    if (png.kind === 'bad-header') return undecodable(`its header could not be read (${png.detail})`);
    if (png.kind === 'corrupt') return undecodable(`its pixel data is truncated or corrupt (${png.detail})`);
    if (png.kind === 'sound') return { kind: 'image', source, byteLength, format, ...sent, width: png.width, height: png.height, pages: 1 };
  }

  let sharp: SharpFactory;
  try {
    sharp = await (options.decoder ?? loadDecoder)();
  } catch (error) {
    return { kind: 'no-decoder', source, detail: errorText(error) };
  }

  // 2. The decoder's reading of the header (no pixels decoded). No pixel limit here: nothing is
  //    allocated for pixels, and the declared size is needed to word the refusal below.
  let meta: Awaited<ReturnType<ReturnType<SharpFactory>['metadata']>>;
  try {
    meta = await sharp(bytes, { limitInputPixels: false, failOn: 'error' }).metadata();
  } catch (error) {
    return undecodable(`its header could not be read (${errorText(error)})`);
  }
  const width = meta.width ?? 0;
  const height = meta.height ?? 0;
  if (width <= 0 || height <= 0) return undecodable('its header declares no size');

  // 3. Bitmaps: refuse what the decoder's header declares beyond the budget, all frames counted…
  const pages = Math.max(1, meta.pages ?? 1);
  if (width * height * pages > MAX_LOGO_PIXELS) return tooManyPixels(width, height, pages);
  // 4. …and what the structure makes costly to decode (a JPEG's scans, a whole frame held in memory)…
  const plan = planDecode(bytes, format as BitmapFormat, width, height);
  const tooCostly = (limit: DecodeLimit, max: number, found?: number): LogoInspection => ({
    kind: 'too-costly', source, byteLength, format, width, height, limit, max, ...(found === undefined ? {} : { found }),
  });
  if (plan.kind === 'refused') return tooCostly(plan.limit, plan.max, plan.found);
  // 5. …then decode the first frame while shrinking it: truncated or corrupt data fails here.
  if (plan.kind === 'in-process') {
    try {
      await sharp(bytes, { limitInputPixels: MAX_LOGO_PIXELS, failOn: 'error' })
        .resize(PROBE_SIZE, PROBE_SIZE, { fit: 'inside' })
        .timeout({ seconds: DECODE_TIMEOUT_SECONDS })
        .raw()
        .toBuffer();
    } catch (error) {
      return undecodable(decodeFailure('its pixel data is truncated or corrupt', error));
    }
  } else {
    // Imported here: it starts processes (node:child_process), which a cheap decode does not need.
    const { decodeInChild } = await import('./decode-child.js');
    const limits = { ...(options.childTimeoutMs ? { timeoutMs: options.childTimeoutMs } : {}), ...(options.childMaxRssBytes ? { maxRssBytes: options.childMaxRssBytes } : {}) };
    const decoded = await decodeInChild(bytes, { pixelLimit: MAX_LOGO_PIXELS, probeSize: PROBE_SIZE, ...limits });
    if (decoded.kind === 'timeout') return tooCostly('time', decoded.ms);
    if (decoded.kind === 'memory') return tooCostly('process-memory', decoded.limit);
    if (decoded.kind === 'no-decoder') return { kind: 'no-decoder', source, detail: decoded.detail };
    if (decoded.kind === 'failed') return undecodable(`its pixel data is truncated or corrupt (${tidy(decoded.detail)})`);
  }
  const orientation = meta.orientation !== undefined && meta.orientation >= 1 && meta.orientation <= 8 ? meta.orientation : undefined;
  const swap = orientation !== undefined && orientation >= 5;
  return {
    kind: 'image', source, byteLength, format, ...sent,
    width: swap ? height : width,
    height: swap ? width : height,
    pages,
    ...(orientation === undefined ? {} : { orientation }),
  };
}

/** SVG: refused when it could expand or is too big to parse quickly; else rendered at SVG_RENDER_SIZE in a child process. */
async function inspectSvg(bytes: Uint8Array, svg: SvgText, source: LogoSource, sent: { contentType?: string }, options: InspectOptions): Promise<LogoInspection> {
  const byteLength = bytes.byteLength;
  const undecodable = (detail: string): LogoInspection => ({ kind: 'undecodable', source, byteLength, format: 'svg', detail });
  if (svg.entities) {
    return undecodable('it declares XML entities (<!ENTITY …>), which are refused because their expansion has no bound');
  }
  if (svg.internalSubset) {
    return undecodable('it has an internal DTD subset (<!DOCTYPE svg [ … ]>), which is refused: XML entities are declared there, and their expansion has no bound');
  }
  if (byteLength > MAX_SVG_BYTES) return undecodable(`it is ${(byteLength / 1048576).toFixed(1)} MiB of SVG, over the 1 MiB that is rendered (a logo SVG takes a few KiB)`);
  const elements = countElements(svg.text, MAX_SVG_ELEMENTS + 1);
  if (elements > MAX_SVG_ELEMENTS) return undecodable(`it has more than ${formatCount(MAX_SVG_ELEMENTS)} elements (a logo SVG has a few hundred)`);
  // Imported here: it starts processes (node:child_process), which no other logo needs.
  const { renderSvg } = await import('./render-svg.js');
  const rendered = await renderSvg(bytes, { longerSide: SVG_RENDER_SIZE, pixelLimit: MAX_LOGO_PIXELS, ...(options.svgTimeoutMs ? { timeoutMs: options.svgTimeoutMs } : {}) });
  switch (rendered.kind) {
    case 'no-renderer':
      return { kind: 'no-decoder', source, detail: rendered.detail };
    case 'timeout':
      return undecodable(`rendering took longer than ${rendered.ms / 1000} s, so it was stopped`);
    case 'memory':
      return { kind: 'too-costly', source, byteLength, format: 'svg', limit: 'process-memory', max: rendered.limit };
    case 'failed':
      return undecodable(rendered.stage === 'header' ? `its header could not be read (${tidy(rendered.detail)})` : `it could not be rendered (${tidy(rendered.detail)})`);
    case 'rendered':
      return {
        kind: 'image', source, byteLength, format: 'svg', ...sent, width: rendered.width, height: rendered.height, pages: 1,
        svg: { declaredWidth: rendered.declaredWidth, declaredHeight: rendered.declaredHeight, ...scanSvg(svg.text) },
      };
  }
}

/** Start tags, counted up to `stop`. */
function countElements(text: string, stop: number): number {
  let count = 0;
  const tag = /<[A-Za-z_]/g;
  while (count < stop && tag.exec(text)) count++;
  return count;
}

function isDecodable(format: ImageFormat): format is DecodableFormat {
  return DECODABLE.has(format);
}

function decodeFailure(words: string, error: unknown): string {
  const text = errorText(error);
  return /^timeout\b/i.test(text) ? `decoding took longer than ${DECODE_TIMEOUT_SECONDS} s` : `${words} (${text})`;
}

/** The first line of a decoder's error, tidied and clipped: no stack, no paths (input is a buffer). */
export function errorText(error: unknown): string {
  return tidy(error instanceof Error ? error.message : String(error));
}

function tidy(message: string): string {
  const line = (message.split('\n').find((part) => part.trim() !== '') ?? 'unknown error').replace(/\s+/g, ' ').trim();
  return line.length > 160 ? `${line.slice(0, 159)}…` : line;
}
