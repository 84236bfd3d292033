/**
 * Decodes a bitmap logo in a child process that is killed at a deadline or past a memory limit, for
 * the decodes too costly to run in this one (decode-cost.ts): sharp's deadline is only checked
 * between regions, and a decoder's memory is native, so neither can be bounded in-process. The
 * child has only the PNG, JPEG, WebP and GIF buffer loaders; it reads the bytes from stdin and
 * answers one line of JSON: that the pixels decoded, or, for the preview, the logo as PNG thumbnails.
 */
import { UNBLOCKED_LOADERS } from './loaders.js';
import { runSharpChild } from './svg-child.js';

/** The child's start-up (node and sharp) included; a logo is checked within 5 s whatever it holds. */
export const DECODE_CHILD_TIMEOUT_MS = 4000;
/** The child's resident memory, start-up (~70 MiB) included. */
export const DECODE_CHILD_MAX_RSS = 256 * 1024 * 1024;

export type ChildDecode =
  | { kind: 'decoded'; thumbnails: Record<number, Buffer> }
  | { kind: 'failed'; detail: string }
  | { kind: 'timeout'; ms: number }
  | { kind: 'memory'; limit: number }
  | { kind: 'no-decoder'; detail: string };

// Run after svg-child's sharp set-up: argv = [node, sharpPath, pixelLimit, probeSize, ...thumbnail sizes].
const CHILD = String.raw`
const [limit, probe, ...sizes] = process.argv.slice(2).map(Number);
onInput(async (bytes) => {
  const open = () => sharp(bytes, { limitInputPixels: limit, failOn: 'error' });
  try {
    const thumbnails = {};
    if (sizes.length === 0) await open().resize(probe, probe, { fit: 'inside' }).raw().toBuffer();
    else {
      // Decoded once, at the largest size; the smaller ones are scaled from those pixels.
      const largest = Math.max(...sizes);
      const { data, info } = await open().rotate().resize(largest, largest, { fit: 'cover', position: 'centre' }).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
      const raw = { raw: { width: info.width, height: info.height, channels: info.channels } };
      for (const size of sizes) thumbnails[size] = (await sharp(data, raw).resize(size, size).png().toBuffer()).toString('base64');
    }
    answer({ kind: 'decoded', thumbnails });
  } catch (error) {
    answer({ kind: 'failed', detail: text(error) });
  }
});
`;

export interface ChildDecodeOptions {
  pixelLimit: number;
  /** Decode while shrinking to fit this square: proves the pixels decode. */
  probeSize: number;
  /** Instead of the probe: the logo filling squares of these sizes, as PNGs. */
  thumbnails?: readonly number[];
  /** Tests only. */
  timeoutMs?: number;
  maxRssBytes?: number;
}

export async function decodeInChild(bytes: Uint8Array, options: ChildDecodeOptions): Promise<ChildDecode> {
  const thumbnails = options.thumbnails ?? [];
  const run = await runSharpChild({
    script: CHILD,
    loaders: UNBLOCKED_LOADERS,
    args: [String(options.pixelLimit), String(options.probeSize), ...thumbnails.map(String)],
    input: bytes,
    timeoutMs: options.timeoutMs ?? DECODE_CHILD_TIMEOUT_MS,
    maxRssBytes: options.maxRssBytes ?? DECODE_CHILD_MAX_RSS,
    maxOutputBytes: 4 * 1024 * 1024,
  });
  switch (run.kind) {
    case 'timeout':
    case 'memory':
      return run;
    case 'no-renderer':
      return { kind: 'no-decoder', detail: run.detail };
    case 'too-large':
      return { kind: 'failed', detail: 'the decoder answered too much' };
    case 'exited':
      break;
  }
  try {
    const parsed = JSON.parse(run.stdout.toString('utf8').split('\n')[0] ?? '') as { kind?: string; detail?: unknown; thumbnails?: Record<string, string> };
    if (parsed.kind === 'failed') return { kind: 'failed', detail: String(parsed.detail) };
    if (parsed.kind === 'decoded') {
      const decoded = Object.entries(parsed.thumbnails ?? {}).map(([size, base64]) => [Number(size), Buffer.from(base64, 'base64')] as const);
      return { kind: 'decoded', thumbnails: Object.fromEntries(decoded) };
    }
  } catch {
    // fall through: the child died without answering
  }
  const reason = run.signal ? `killed by ${run.signal}` : `exited with code ${run.code}`;
  return { kind: 'failed', detail: `the decoder ${reason}` };
}
