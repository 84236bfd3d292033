import { closeSync, fsyncSync, mkdirSync, openSync, readSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import type { Writable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import type { FileResult } from '../diagnostics.js';
import { UsageError } from '../errors.js';
import type { ReportStream } from '../report/types.js';

/** Where a report's text goes, in order; `end` when it is whole, `abandon` when the run failed. */
export interface Sink {
  write(text: string): void;
  /** Resolves when the sink can take more (a pipe whose reader is behind); absent when it always can. */
  drained?(): Promise<void>;
  end(): void;
  abandon(): void;
}

/** One report being written: each result as it comes, then the end. */
export interface ReportOutput {
  file(result: FileResult): void;
  end(): Promise<void>;
  abandon(): void;
}

/**
 * Writes `stream` to `sink` a file at a time. The files' text is held when the report's head waits for
 * them (JUnit, SARIF) and, with `holdAll`, the whole report, when something else is printing on the
 * same stream first (a --fix-dry-run diff, another report).
 */
export function openReport(stream: ReportStream, sink: Sink, options: { holdAll?: boolean; heldInMemory?: number } = {}): ReportOutput {
  const holdAll = options.holdAll === true;
  const held = holdAll || stream.headWaits ? new HeldText(options.heldInMemory ?? HELD_IN_MEMORY) : undefined;
  // Written with the first file, not before: a run that fails before any manifest is linted (a
  // missing file, a bad configuration) prints no report at all, not the start of one.
  let headWritten = false;
  const writeHead = () => {
    if (!headWritten) sink.write(stream.head());
    headWritten = true;
  };
  return {
    file(result) {
      const text = stream.file(result);
      if (held) held.append(text);
      else {
        writeHead();
        sink.write(text);
      }
    },
    async end() {
      writeHead();
      if (held) await held.drainTo(sink);
      sink.write(stream.tail());
      sink.end();
    },
    abandon() {
      held?.dispose();
      sink.abandon();
    },
  };
}

/**
 * Resolves when `stream` has room again: standard output to a pipe buffers whatever the reader has not
 * taken yet, so a run that writes faster than its reader would grow without bound (600 MB for 10,000
 * manifests piped to `cat`). Does not wait on a stream that is closed or failed.
 */
export async function drained(stream: object): Promise<void> {
  const writable = stream as Partial<Writable>;
  if (!writable.writableNeedDrain || writable.destroyed || typeof writable.once !== 'function') return;
  await new Promise<void>((resolve) => {
    const done = () => {
      for (const event of ['drain', 'close', 'error'] as const) writable.off!(event, done);
      resolve();
    };
    for (const event of ['drain', 'close', 'error'] as const) writable.once!(event, done);
  });
}

/** Standard output, or any stream the process was given. */
export function streamSink(stream: { write(text: string): unknown }): Sink {
  return { write: (text) => void (text && stream.write(text)), drained: () => drained(stream), end() {}, abandon() {} };
}

/**
 * A report file, written whole or not at all: into a temporary file beside it, renamed over it at
 * the end (so a failed run leaves the previous report, and a link at the path is replaced, not
 * written through).
 */
export function fileSink(path: string): Sink {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let fd: number;
  try {
    mkdirSync(dirname(path), { recursive: true });
    fd = openSync(temporary, 'wx');
  } catch (error) {
    throw new UsageError(`cannot write '${path}': ${(error as Error).message}`);
  }
  const fail = (error: unknown): never => {
    closeQuietly(fd);
    removeQuietly(temporary);
    throw new UsageError(`cannot write '${path}': ${(error as Error).message}`);
  };
  return {
    write(text) {
      try {
        writeSync(fd, text);
      } catch (error) {
        fail(error);
      }
    },
    end() {
      try {
        fsyncSync(fd);
        closeSync(fd);
        renameSync(temporary, path);
      } catch (error) {
        fail(error);
      }
    },
    abandon() {
      closeQuietly(fd);
      removeQuietly(temporary);
    },
  };
}

/**
 * GitHub Actions: the `github` format annotates at most 10 problems of a kind, so the full report goes to
 * the job summary. GitHub expects steps to append to `$GITHUB_STEP_SUMMARY`, never to overwrite it; the
 * summary is appended whole at the end.
 */
export function appendSink(path: string): Sink {
  let fd: number | undefined;
  const fail = (error: unknown): never => {
    throw new UsageError(`cannot write the step summary '${path}': ${(error as Error).message}`);
  };
  return {
    write(text) {
      try {
        fd ??= openSync(path, 'a');
        writeSync(fd, text);
      } catch (error) {
        fail(error);
      }
    },
    end() {
      if (fd !== undefined) closeSync(fd);
    },
    abandon() {
      if (fd !== undefined) closeSync(fd);
    },
  };
}

/** Held in memory up to this many UTF-16 units (16 MiB), then in a temporary file. */
const HELD_IN_MEMORY = 8 * 1024 * 1024;

/**
 * Text that waits for its report's head. Past HELD_IN_MEMORY it goes to a temporary file that is
 * removed from its folder as soon as it is opened, so nothing is left behind, whatever ends the run.
 */
class HeldText {
  constructor(private readonly inMemoryLimit: number) {}

  private chunks: string[] = [];
  private inMemory = 0;
  private fd: number | undefined;
  private bytes = 0;

  append(text: string): void {
    if (!text) return;
    if (this.fd === undefined && this.inMemory + text.length <= this.inMemoryLimit) {
      this.chunks.push(text);
      this.inMemory += text.length;
      return;
    }
    if (this.fd === undefined) {
      this.fd = openAnonymousFile();
      for (const chunk of this.chunks) this.bytes += writeSync(this.fd, chunk, this.bytes);
      this.chunks = [];
    }
    this.bytes += writeSync(this.fd, text, this.bytes);
  }

  async drainTo(sink: Sink): Promise<void> {
    for (const chunk of this.chunks) {
      sink.write(chunk);
      await sink.drained?.();
    }
    this.chunks = [];
    if (this.fd === undefined) return;
    const decoder = new StringDecoder('utf8');
    const buffer = Buffer.alloc(1024 * 1024);
    for (let position = 0; position < this.bytes; ) {
      const read = readSync(this.fd, buffer, 0, buffer.length, position);
      if (read === 0) break;
      position += read;
      sink.write(decoder.write(buffer.subarray(0, read)));
      await sink.drained?.();
    }
    sink.write(decoder.end());
    this.dispose();
  }

  dispose(): void {
    this.chunks = [];
    if (this.fd !== undefined) closeQuietly(this.fd);
    this.fd = undefined;
  }
}

function openAnonymousFile(): number {
  const path = join(tmpdir(), `pleo-register-${process.pid}-${randomBytes(6).toString('hex')}`);
  const fd = openSync(path, 'wx+', 0o600);
  unlinkSync(path);
  return fd;
}

function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // already closed
  }
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // never made, or already gone
  }
}
