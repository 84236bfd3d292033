/**
 * SVG to PNG in a child process, for the two SVGs the preview renders: the manifest's logo when it
 * is an SVG (untrusted: the same reasons as src/logo/render-svg.ts — librsvg renders in one native
 * call nothing in-process can stop) and the composed consent screen (ours, but drawn by the same
 * librsvg). In this process sharp's SVG loader stays blocked (src/logo/inspect.ts, loadDecoder), so
 * a file that fools the sniffer can never reach librsvg here; the child unblocks that one loader and
 * nothing else, reads the SVG from stdin (never a path: CVE-2023-38633, and with no base URL librsvg
 * resolves no reference at all) and writes the PNG to stdout. It is killed at the deadline.
 */
import { runSvgChild } from '../logo/svg-child.js';

export type Rasterised =
  | { kind: 'rendered'; png: Buffer }
  | { kind: 'failed'; detail: string }
  | { kind: 'timeout'; ms: number }
  | { kind: 'no-renderer'; detail: string };

export interface RasteriseOptions {
  /**
   * `logo`: scaled to fill a `size`-px square, centred (a wide or tall logo loses its sides), as a
   *   consent screen shows it;
   * `page`: at its own size (1 px per user unit).
   */
  mode: 'logo' | 'page';
  size?: number;
  pixelLimit: number;
  timeoutMs: number;
  /** The renderer's resident memory beyond this stops it (the manifest's logo); default: no limit. */
  maxRssBytes?: number;
}

/** Largest PNG read back from the child. */
const MAX_OUTPUT_BYTES = 64 * 1024 * 1024;

// Run after svg-child's sharp set-up: argv = [node, sharpPath, mode, size, pixelLimit].
const CHILD = String.raw`
const [mode, size, limit] = [process.argv[2], Number(process.argv[3]), Number(process.argv[4])];
const fail = (error) => {
  process.stderr.write(String((error && error.message) || error).split('\n')[0] + '\n');
  process.exitCode = 1;
};
const chunks = [];
process.stdin.on('data', (chunk) => chunks.push(chunk));
process.stdin.on('end', async () => {
  try {
    const bytes = Buffer.concat(chunks);
    const meta = await sharp(bytes, { limitInputPixels: false, failOn: 'error' }).metadata();
    if (!(meta.width > 0 && meta.height > 0)) throw new Error('it declares no size');
    let image;
    if (mode === 'logo') {
      const density = Math.min(100000, Math.max(1, (72 * size) / Math.min(meta.width, meta.height)));
      image = sharp(bytes, { density, limitInputPixels: limit, failOn: 'error' }).resize(size, size, { fit: 'cover', position: 'centre' });
    } else {
      image = sharp(bytes, { limitInputPixels: limit, failOn: 'error' });
    }
    // The page: flat colours and text, so a palette (libimagequant) keeps it a third of the size.
    process.stdout.write(await (mode === 'page' ? image.png({ palette: true, compressionLevel: 9 }) : image.png()).toBuffer());
  } catch (error) {
    fail(error);
  }
});
`;

export async function rasterise(svg: Uint8Array, options: RasteriseOptions): Promise<Rasterised> {
  const run = await runSvgChild({
    script: CHILD,
    args: [options.mode, String(options.size ?? 0), String(options.pixelLimit)],
    input: svg,
    timeoutMs: options.timeoutMs,
    maxOutputBytes: MAX_OUTPUT_BYTES,
    ...(options.maxRssBytes === undefined ? {} : { maxRssBytes: options.maxRssBytes }),
  });
  if (run.kind === 'timeout' || run.kind === 'no-renderer') return run;
  if (run.kind === 'memory') return { kind: 'failed', detail: `the renderer used more than ${Math.round(run.limit / 1048576)} MiB of memory` };
  if (run.kind === 'too-large') return { kind: 'failed', detail: 'the rendered image is too large' };
  if (run.code === 0 && run.stdout.subarray(0, 8).equals(PNG_SIGNATURE)) return { kind: 'rendered', png: run.stdout };
  const said = run.stderr.split('\n').find((line) => line.trim() !== '')?.trim();
  const reason = run.signal ? `killed by ${run.signal}` : `exited with code ${run.code}`;
  return { kind: 'failed', detail: said ? said.slice(0, 160) : `the renderer ${reason}` };
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

