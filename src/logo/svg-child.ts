/**
 * Runs a small script in a child process that has sharp with one kind of loader unblocked, feeding
 * it bytes on stdin (never a file path: CVE-2023-38633) and killing it at a deadline, or when its
 * memory passes a limit: a decoder works in native calls that nothing in-process can stop (librsvg
 * renders a document in one call; libjpeg decodes a progressive file scan by scan). Shared by the
 * logo inspector and the consent-screen preview.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

/** SVG only: the loader the renderers need. */
export const SVG_LOADERS = ['VipsForeignLoadSvgBuffer'] as const;

/** What a child prints on stderr just before it kills itself for using too much memory. */
const MEMORY_LIMIT_LINE = 'pleo-register: memory limit reached';

/**
 * Prepended to every child script: argv[1] is sharp's path, argv[2] the loaders (comma-separated)
 * and argv[3] the memory limit in bytes (0: none), both removed before the script runs, so its own
 * arguments start at argv[2]. Scripts answer with `answer(value)` (one JSON line), word errors with
 * `text(error)`, and get stdin's bytes through `onInput(async (bytes) => …)`. The watchdog runs on
 * the child's event loop, which stays free while
 * sharp decodes on its worker threads.
 */
const SHARP_SET_UP = String.raw`
const sharp = require(process.argv[1]);
sharp.cache(false);
sharp.concurrency(1);
sharp.block({ operation: ['VipsForeignLoad'] });
sharp.unblock({ operation: process.argv[2].split(',') });
const maxRss = Number(process.argv[3]);
if (maxRss > 0) {
  setInterval(() => {
    if (process.memoryUsage.rss() <= maxRss) return;
    process.stderr.write('${MEMORY_LIMIT_LINE}\n');
    process.kill(process.pid, 'SIGKILL');
  }, 10).unref();
}
process.argv.splice(2, 2);
const answer = (value) => process.stdout.write(JSON.stringify(value) + '\n');
const text = (error) => String((error && error.message) || error).split('\n')[0];
const onInput = (handle) => {
  const chunks = [];
  process.stdin.on('data', (chunk) => chunks.push(chunk));
  process.stdin.on('end', () => handle(Buffer.concat(chunks)));
};
`;

export type ChildRun =
  | { kind: 'exited'; code: number | null; signal: NodeJS.Signals | null; stdout: Buffer; stderr: string }
  | { kind: 'timeout'; ms: number }
  | { kind: 'too-large'; limit: number }
  /** Its memory passed `maxRssBytes`: it stopped itself. */
  | { kind: 'memory'; limit: number }
  | { kind: 'no-renderer'; detail: string };

export interface ChildOptions {
  /** CommonJS run with `node -e` after the sharp set-up; its arguments are `process.argv.slice(2)`. */
  script: string;
  args: readonly string[];
  input: Uint8Array;
  timeoutMs: number;
  /** Stdout beyond this kills the child. */
  maxOutputBytes: number;
  /** The child's resident memory beyond this kills it; default: no limit. */
  maxRssBytes?: number;
}

let started = 0;

/** Child processes started so far by this process: a refusal before any decode starts none. */
export function childrenStarted(): number {
  return started;
}

/** The SVG renderers' child: sharp's SVG buffer loader only. */
export function runSvgChild(options: ChildOptions): Promise<ChildRun> {
  return runSharpChild({ ...options, loaders: SVG_LOADERS });
}

export function runSharpChild(options: ChildOptions & { loaders: readonly string[] }): Promise<ChildRun> {
  let sharpPath: string;
  try {
    sharpPath = createRequire(import.meta.url).resolve('sharp');
  } catch (error) {
    return Promise.resolve({ kind: 'no-renderer', detail: firstLine(error) });
  }
  return new Promise<ChildRun>((resolve) => {
    const setUp = [sharpPath, options.loaders.join(','), String(options.maxRssBytes ?? 0)];
    started++;
    const child = spawn(process.execPath, ['-e', SHARP_SET_UP + options.script, ...setUp, ...options.args], {
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
    child.on('close', (code, signal) => {
      if (signal === 'SIGKILL' && stderr.includes(MEMORY_LIMIT_LINE)) settle({ kind: 'memory', limit: options.maxRssBytes ?? 0 });
      else settle({ kind: 'exited', code, signal, stdout: Buffer.concat(chunks), stderr });
    });
    // A child that dies early closes stdin; the write error is reported through 'close'.
    child.stdin.on('error', () => undefined);
    child.stdin.end(Buffer.from(options.input.buffer, options.input.byteOffset, options.input.byteLength));
  });
}

export function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
}
