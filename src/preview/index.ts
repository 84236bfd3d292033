/**
 * `pleo-register preview`: a PNG of the consent screen a Pleo user would meet, drawn from the
 * manifest, with lint's problems as numbered callouts. Composed as an SVG (consent-svg.ts) and
 * rasterised by sharp's librsvg in a child process (rasterise.ts); no browser.
 */
import type { Problem, SkippedRule } from '../diagnostics.js';
import type { ScopeCatalogue } from '../scopes.js';
import { composeConsentSvg, type ConsentSvg } from './consent-svg.js';
import { logoBitmaps, type LogoBitmaps } from './logo-bitmaps.js';
import { rasterise } from './rasterise.js';

export interface ConsentScreenInput {
  /** The manifest's data, as parsed (secrets already masked by the caller). */
  data: Readonly<Record<string, unknown>>;
  /** What lint found; each becomes a callout. */
  problems: readonly Problem[];
  /**
   * The logo's bytes and format (`png`, `svg`…) when they could be read; `unavailable` words why not
   * (shown in the placeholder). undefined: no logo.
   */
  logo: { bytes?: Uint8Array; format?: string; unavailable?: string } | undefined;
  catalogue: ScopeCatalogue;
  /** Rules lint skipped; those skipped offline are named in the picture. */
  skipped?: readonly SkippedRule[];
}

/** The composed page takes well under a second; the rest is room for a cold fontconfig cache. */
const PAGE_RENDER_TIMEOUT_MS = 30_000;

/** The consent screen as a PNG. */
export async function renderConsentScreen(input: ConsentScreenInput): Promise<Buffer> {
  const composed = await composeConsentScreen(input);
  const rendered = await rasterise(Buffer.from(composed.svg, 'utf8'), {
    mode: 'page',
    pixelLimit: composed.width * composed.height,
    timeoutMs: PAGE_RENDER_TIMEOUT_MS,
  });
  if (rendered.kind === 'rendered') return rendered.png;
  const detail = rendered.kind === 'timeout' ? `it took longer than ${rendered.ms / 1000} s` : rendered.detail;
  throw new Error(`the preview could not be drawn: ${detail}`);
}

/** The SVG document before rasterising (tests read it as text). */
export async function composeConsentScreen(input: ConsentScreenInput): Promise<ConsentSvg> {
  const logo: LogoBitmaps = input.logo?.bytes
    ? await logoBitmaps(input.logo.bytes, input.logo.format)
    : { kind: 'none', reason: input.logo?.unavailable ?? 'none given' };
  return composeConsentSvg({ data: input.data, problems: input.problems, logo, catalogue: input.catalogue, ...(input.skipped ? { skipped: input.skipped } : {}) });
}

export { composeConsentSvg, numberCallouts, type Callout, type ConsentSvg, type Part } from './consent-svg.js';
export { LOGO_SIZES } from './logo-bitmaps.js';
