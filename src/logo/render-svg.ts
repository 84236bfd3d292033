/**
 * Renders an SVG in a child process that is killed after a deadline. librsvg renders a document in
 * one native call that sharp's timeout cannot interrupt: a few thousand blurred circles (165 KiB), or
 * nested <use>, keep a core busy far past any deadline. Only a separate process can be stopped, so the
 * manifest, which arrives in pull requests, cannot hold a CI runner. The child loads sharp with
 * every loader blocked but the SVG buffer loader, reads the bytes from stdin (never a file path:
 * CVE-2023-38633) and answers one line of JSON.
 */
import { DECODE_CHILD_MAX_RSS } from './decode-child.js';
import { runSvgChild } from './svg-child.js';

/** The child's start-up (node and sharp) included. */
export const SVG_RENDER_TIMEOUT_MS = 5000;

export type SvgRender =
  | { kind: 'rendered'; declaredWidth: number; declaredHeight: number; width: number; height: number }
  | { kind: 'failed'; stage: 'header' | 'render'; detail: string }
  | { kind: 'timeout'; ms: number }
  /** The renderer's memory passed its limit, so it was stopped. */
  | { kind: 'memory'; limit: number }
  | { kind: 'no-renderer'; detail: string };

// Run after svg-child's sharp set-up: argv = [node, sharpPath, longerSide, pixelLimit].
const CHILD = String.raw`
const [longer, limit] = [Number(process.argv[2]), Number(process.argv[3])];
onInput(async (bytes) => {
  let meta;
  try {
    meta = await sharp(bytes, { limitInputPixels: false, failOn: 'error' }).metadata();
  } catch (error) {
    return answer({ kind: 'failed', stage: 'header', detail: text(error) });
  }
  if (!(meta.width > 0 && meta.height > 0)) return answer({ kind: 'failed', stage: 'header', detail: 'it declares no size' });
  const density = Math.min(100000, Math.max(1, (72 * longer) / Math.max(meta.width, meta.height)));
  try {
    const { info } = await sharp(bytes, { density, limitInputPixels: limit, failOn: 'error' }).raw().toBuffer({ resolveWithObject: true });
    answer({ kind: 'rendered', declaredWidth: meta.width, declaredHeight: meta.height, width: info.width, height: info.height });
  } catch (error) {
    answer({ kind: 'failed', stage: 'render', detail: text(error) });
  }
});
`;

export interface RenderSvgOptions {
  longerSide: number;
  pixelLimit: number;
  timeoutMs?: number;
}

export async function renderSvg(bytes: Uint8Array, options: RenderSvgOptions): Promise<SvgRender> {
  const timeoutMs = options.timeoutMs ?? SVG_RENDER_TIMEOUT_MS;
  const run = await runSvgChild({
    script: CHILD,
    args: [String(options.longerSide), String(options.pixelLimit)],
    input: bytes,
    timeoutMs,
    maxOutputBytes: 4096,
    maxRssBytes: DECODE_CHILD_MAX_RSS,
  });
  if (run.kind === 'timeout' || run.kind === 'memory') return run;
  if (run.kind === 'no-renderer') return run;
  if (run.kind === 'too-large') return { kind: 'failed', stage: 'render', detail: 'the renderer answered too much' };
  try {
    const parsed = JSON.parse(run.stdout.toString('utf8').split('\n')[0] ?? '') as SvgRender;
    if (parsed && typeof parsed === 'object' && typeof parsed.kind === 'string') return parsed;
  } catch {
    // fall through: the child died without answering
  }
  const reason = run.signal ? `killed by ${run.signal}` : `exited with code ${run.code}`;
  const hint = run.stderr.split('\n').find((l) => /Error|error/.test(l))?.trim();
  return { kind: 'failed', stage: 'render', detail: hint ? `the renderer ${reason}: ${hint.slice(0, 120)}` : `the renderer ${reason}` };
}
