/**
 * Runs a small script in a child process that has sharp with only its SVG buffer loader unblocked,
 * feeding it bytes on stdin (never a file path: CVE-2023-38633) and killing it at a deadline:
 * librsvg renders in one native call that nothing in-process can stop. Shared by the logo inspector
 * and the consent-screen preview.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

/** Prepended to every child script: argv[1] is sharp's path, the script's own arguments follow. */
const SVG_ONLY_SHARP = String.raw`
const sharp = require(process.argv[1]);
sharp.cache(false);
sharp.concurrency(1);
sharp.block({ operation: ['VipsForeignLoad'] });
sharp.unblock({ operation: ['VipsForeignLoadSvgBuffer'] });
`;

export type ChildRun =
  | { kind: 'exited'; code: number | null; signal: NodeJS.Signals | null; stdout: Buffer; stderr: string }
  | { kind: 'timeout'; ms: number }
  | { kind: 'too-large'; limit: number }
  | { kind: 'no-renderer'; detail: string };

export interface ChildOptions {
  /** CommonJS run with `node -e` after the sharp set-up; its arguments are `process.argv.slice(2)`. */
  script: string;
  args: readonly string[];
  input: Uint8Array;
  timeoutMs: number;
  /** Stdout beyond this kills the child. */
  maxOutputBytes: number;
}

export function runSvgChild(options: ChildOptions): Promise<ChildRun> {
  let sharpPath: string;
  try {
    sharpPath = createRequire(import.meta.url).resolve('sharp');
  } catch (error) {
    return Promise.resolve({ kind: 'no-renderer', detail: firstLine(error) });
  }
  return new Promise<ChildRun>((resolve) => {
    const child = spawn(process.execPath, ['-e', SVG_ONLY_SHARP + options.script, sharpPath, ...options.args], {
      stdio: ['pipe', 'pipe', 'pipe'],
      windowsHide: true,
    });
    const chunks: Buffer[] = [];
    let length = 0;
    let stderr = '';
    let settled = false;
    const settle = (result: ChildRun) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      settle({ kind: 'timeout', ms: options.timeoutMs });
    }, options.timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => {
      length += chunk.length;
      if (length <= options.maxOutputBytes) chunks.push(chunk);
      else {
        child.kill('SIGKILL');
        settle({ kind: 'too-large', limit: options.maxOutputBytes });
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      if (stderr.length < 4096) stderr += chunk;
    });
    child.on('error', (error) => settle({ kind: 'no-renderer', detail: firstLine(error) }));
    child.on('close', (code, signal) => settle({ kind: 'exited', code, signal, stdout: Buffer.concat(chunks), stderr }));
    // A child that dies early closes stdin; the write error is reported through 'close'.
    child.stdin.on('error', () => undefined);
    child.stdin.end(Buffer.from(options.input.buffer, options.input.byteOffset, options.input.byteLength));
  });
}

export function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
}
