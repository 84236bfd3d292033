/**
 * Renders an SVG in a child process that is killed after a deadline. librsvg renders a document in
 * one native call that sharp's timeout cannot interrupt: 5,000 blurred circles (165 KiB) kept a
 * core busy for 107 s, and nested <use> for 7 s. Only a separate process can be stopped, so the
 * manifest, which arrives in pull requests, cannot hold a CI runner. The child loads sharp with
 * every loader blocked but the SVG buffer loader, reads the bytes from stdin (never a file path:
 * CVE-2023-38633) and answers one line of JSON.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

/** Start-up (~200 ms: node and sharp) included. */
export const SVG_RENDER_TIMEOUT_MS = 5000;

export type SvgRender =
  | { kind: 'rendered'; declaredWidth: number; declaredHeight: number; width: number; height: number }
  | { kind: 'failed'; stage: 'header' | 'render'; detail: string }
  | { kind: 'timeout'; ms: number }
  | { kind: 'no-renderer'; detail: string };

// CommonJS, run with `node -e`: argv = [node, sharpPath, longerSide, pixelLimit].
const CHILD = String.raw`
const sharp = require(process.argv[1]);
const [longer, limit] = [Number(process.argv[2]), Number(process.argv[3])];
sharp.cache(false);
sharp.concurrency(1);
sharp.block({ operation: ['VipsForeignLoad'] });
sharp.unblock({ operation: ['VipsForeignLoadSvgBuffer'] });
const answer = (value) => process.stdout.write(JSON.stringify(value) + '\n');
const text = (error) => String((error && error.message) || error).split('\n')[0];
const chunks = [];
process.stdin.on('data', (chunk) => chunks.push(chunk));
process.stdin.on('end', async () => {
  const bytes = Buffer.concat(chunks);
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

export function renderSvg(bytes: Uint8Array, options: RenderSvgOptions): Promise<SvgRender> {
  let sharpPath: string;
  try {
    sharpPath = createRequire(import.meta.url).resolve('sharp');
  } catch (error) {
    return Promise.resolve({ kind: 'no-renderer', detail: error instanceof Error ? error.message.split('\n')[0]! : String(error) });
  }
  const timeoutMs = options.timeoutMs ?? SVG_RENDER_TIMEOUT_MS;
  return new Promise<SvgRender>((resolve) => {
    const child = spawn(process.execPath, ['-e', CHILD, sharpPath, String(options.longerSide), String(options.pixelLimit)], {
      stdio: ['pipe', 'pipe', 'pipe'],
      windowsHide: true,
    });
    let stdout = '';
    let stderr = '';
    let settled = false;
    const settle = (result: SvgRender) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      settle({ kind: 'timeout', ms: timeoutMs });
    }, timeoutMs);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      if (stdout.length < 4096) stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      if (stderr.length < 4096) stderr += chunk;
    });
    child.on('error', (error) => settle({ kind: 'no-renderer', detail: error.message.split('\n')[0]! }));
    child.on('close', (code, signal) => {
      const line = stdout.split('\n')[0] ?? '';
      try {
        const parsed = JSON.parse(line) as SvgRender;
        if (parsed && typeof parsed === 'object' && typeof parsed.kind === 'string') return settle(parsed);
      } catch {
        // fall through: the child died without answering
      }
      const reason = signal ? `killed by ${signal}` : `exited with code ${code}`;
      const hint = stderr.split('\n').find((l) => /Error|error/.test(l))?.trim();
      settle({ kind: 'failed', stage: 'render', detail: hint ? `the renderer ${reason}: ${hint.slice(0, 120)}` : `the renderer ${reason}` });
    });
    // A child that dies early closes stdin; the write error is reported through 'close'.
    child.stdin.on('error', () => undefined);
    child.stdin.end(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  });
}
