import { closeSync, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { join, resolve } from 'node:path';
import { UsageError } from '../errors.js';
import type { Io } from './lint-command.js';
import { MAX_MANIFEST_BYTES } from '../manifest/parse.js';

export interface ManifestInput {
  /** The name reports show: the path as given, or as the glob found it. */
  file: string;
  /** Where to read it; absent for stdin. */
  path?: string;
}

export const DEFAULT_MANIFESTS = ['pleo-client.yaml', 'pleo-client.yml'];
const MANIFEST_GLOB = '**/pleo-client{,.*}.{yaml,yml}';
const GLOB_CHARACTERS = /[*?[\]{}]/;

/** Turns the command line's files, globs, directories and `-` into the manifests to lint. */
export async function resolveInputs(args: readonly string[], cwd: string, stdinName: string): Promise<ManifestInput[]> {
  if (args.length === 0) {
    for (const name of DEFAULT_MANIFESTS) {
      if (isFile(resolve(cwd, name))) return [{ file: name, path: resolve(cwd, name) }];
    }
    throw new UsageError(`no ${DEFAULT_MANIFESTS[0]} in ${cwd}; name the manifest: pleo-register lint <file>`);
  }
  const inputs: ManifestInput[] = [];
  const seen = new Set<string>();
  const add = (file: string, path?: string) => {
    const key = path ?? '-';
    if (!seen.has(key)) inputs.push(path ? { file, path } : { file });
    seen.add(key);
  };
  for (const arg of args) {
    if (arg === '-') add(stdinName);
    else if (GLOB_CHARACTERS.test(arg) && !exists(resolve(cwd, arg))) {
      const found = await glob([arg], cwd);
      if (found.length === 0) throw new UsageError(`no files match '${arg}'`);
      for (const file of found) add(file, resolve(cwd, file));
    } else if (isDirectory(resolve(cwd, arg))) {
      const found = await glob([join(arg, MANIFEST_GLOB).replace(/\\/g, '/')], cwd);
      if (found.length === 0) throw new UsageError(`no pleo-client.yaml under '${arg}'`);
      for (const file of found) add(file, resolve(cwd, file));
    } else add(arg, resolve(cwd, arg));
  }
  return inputs;
}

/**
 * Reads at most one byte past the size limit, so a huge or endless file (a FIFO, /dev/zero) costs
 * no more than that; the loader reports it as too large.
 */
export async function readManifest(input: ManifestInput, io: Pick<Io, 'stdin'>): Promise<Uint8Array> {
  if (!input.path) return readStream(io.stdin);
  let fd;
  try {
    fd = openSync(input.path, 'r');
  } catch (error) {
    throw new UsageError(`cannot read '${input.file}': ${reason(error)}`);
  }
  try {
    const { bytes, error } = readBounded(fd);
    if (error !== undefined) throw new UsageError(`cannot read '${input.file}': ${reason(error)}`);
    return bytes;
  } finally {
    closeSync(fd);
  }
}

/** The descriptor's bytes to its end or to one past the limit; a failing read ends it, with what came before. */
function readBounded(fd: number): { bytes: Uint8Array; error?: unknown } {
  let buffer = Buffer.alloc(0);
  let length = 0;
  try {
    // A regular file's size bounds the buffer; a FIFO or device reports 0 and gets a small one that grows.
    const { size } = fstatSync(fd);
    buffer = Buffer.alloc(Math.min(size || 64 * 1024, MAX_MANIFEST_BYTES) + 1);
    for (;;) {
      if (length === buffer.length) {
        if (length > MAX_MANIFEST_BYTES) break;
        buffer = Buffer.concat([buffer, Buffer.alloc(Math.min(buffer.length, MAX_MANIFEST_BYTES + 1 - buffer.length))]);
      }
      const bytesRead = readSync(fd, buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    return { bytes: buffer.subarray(0, length) };
  } catch (error) {
    return { bytes: buffer.subarray(0, length), error };
  }
}

/** Standard input to its end or to one past the limit, like a file. */
async function readStream(stream: NodeJS.ReadableStream): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of stream) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    chunks.push(buffer);
    length += buffer.length;
    if (length > MAX_MANIFEST_BYTES) break;
  }
  return Buffer.concat(chunks).subarray(0, MAX_MANIFEST_BYTES + 1);
}

async function glob(patterns: string[], cwd: string): Promise<string[]> {
  // Loaded only when a glob is given: most runs name one file.
  const { glob: find } = await import('tinyglobby');
  const found = await find(patterns, { cwd, onlyFiles: true, ignore: ['**/node_modules/**', '**/.git/**'], expandDirectories: false });
  return found.sort();
}

/** The path's stats, or undefined when it is missing or cannot be stat'ed. */
function statIfPresent(path: string): Stats | undefined {
  try {
    return statSync(path, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

const exists = (path: string) => statIfPresent(path) !== undefined;
const isFile = (path: string) => statIfPresent(path)?.isFile() === true;
const isDirectory = (path: string) => statIfPresent(path)?.isDirectory() === true;

function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  return (error as Error).message;
}

/** Maps with at most `limit` calls in flight, keeping order: bounded file handles and memory. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
