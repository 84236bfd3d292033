import { readdir, type Dirent } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { describeKind, isFile, readRegularFile, statIfPresent } from '../services/files.js';
import type { ProcessIo } from './process-io.js';
import { MAX_MANIFEST_BYTES } from '../manifest/parse.js';

export interface ManifestInput {
  /** The name reports show: the path as given, or as the glob found it. */
  file: string;
  /** Where to read it; absent for stdin. */
  path?: string;
  /** The folder the user named, a glob's fixed part, or a named file's folder: --fix writes nowhere else. */
  root?: string;
}

export interface ResolveLimits {
  /** More manifests than this end the run (exit 2) before any is read. */
  maxFiles?: number;
  /** Told of each entry a walk found but passed over (a symbolic link, a FIFO…), one line each. */
  note?: (text: string) => void;
}

export const DEFAULT_MANIFESTS = ['pleo-client.yaml', 'pleo-client.yml'];
/** Room for a large monorepo; a glob that finds more is most likely a mistake (or hostile). */
export const DEFAULT_MAX_FILES = 10_000;
const MANIFEST_GLOB = '**/pleo-client{,.*}.{yaml,yml}';
const GLOB_CHARACTERS = /[*?[\]{}]/;

/** `--max-files 500`. */
export function parseMaxFiles(value: string): number {
  if (!/^\d+$/.test(value.trim()) || Number(value) < 1) throw new UsageError(`--max-files '${value}': give a whole number of at least 1`);
  return Number(value);
}

/**
 * Turns the command line's files, globs, directories and `-` into the manifests to lint. Walks
 * (directories and globs) take regular files only: they never enter a symbolic link, and pass over
 * links, FIFOs, sockets and devices with a note.
 */
export async function resolveInputs(args: readonly string[], cwd: string, stdinName: string, limits: ResolveLimits = {}): Promise<ManifestInput[]> {
  const maxFiles = limits.maxFiles ?? DEFAULT_MAX_FILES;
  if (args.length === 0) {
    for (const name of DEFAULT_MANIFESTS) {
      if (isFile(resolve(cwd, name))) return [{ file: name, path: resolve(cwd, name), root: cwd }];
    }
    throw new UsageError(`no ${DEFAULT_MANIFESTS[0]} in ${cwd}; name the manifest: pleo-register lint <file>`);
  }
  const inputs: ManifestInput[] = [];
  const seen = new Set<string>();
  const add = (file: string, path?: string, root?: string) => {
    const key = path ?? '-';
    if (seen.has(key)) return;
    seen.add(key);
    if (inputs.length === maxFiles) throw tooMany(maxFiles);
    inputs.push(path ? { file, path, root: root ?? dirname(path) } : { file });
  };
  const addFound = (found: string[], root: string, none: string, noneRegular: string) => {
    let added = 0;
    for (const file of found) {
      const path = resolve(cwd, file);
      const kind = nonRegularKind(path);
      if (kind) limits.note?.(`skipped '${file}': ${kind}, not a regular file`);
      else {
        add(file, path, root);
        added++;
      }
    }
    if (added === 0) throw new UsageError(found.length === 0 ? none : noneRegular);
  };
  for (const arg of args) {
    if (arg === '-') add(stdinName);
    else if (GLOB_CHARACTERS.test(arg) && !exists(resolve(cwd, arg))) {
      addFound(await walk(arg, cwd, maxFiles), globRoot(arg, cwd), `no files match '${arg}'`, `no regular file matches '${arg}'`);
    } else if (isDirectory(resolve(cwd, arg))) {
      addFound(await walk(join(arg, MANIFEST_GLOB).replace(/\\/g, '/'), cwd, maxFiles, MANIFEST_NAME), resolve(cwd, arg), `no pleo-client.yaml under '${arg}'`, `no pleo-client.yaml under '${arg}' is a regular file`);
    } else {
      // Before any manifest is read, so a mistyped name ends the run before any report is begun.
      if (!exists(resolve(cwd, arg))) throw new UsageError(`cannot read '${arg}': no such file`);
      add(arg, resolve(cwd, arg));
    }
  }
  return inputs;
}

/**
 * Reads at most one byte past the size limit, so a huge file costs no more than that; the loader
 * reports it as too large. Only a regular file is read (see readRegularFile).
 */
export async function readManifest(input: ManifestInput, io: Pick<ProcessIo, 'stdin'>): Promise<Uint8Array> {
  if (!input.path) return readStream(io.stdin);
  try {
    return readRegularFile(input.path);
  } catch (error) {
    throw new UsageError(`cannot read '${input.file}': ${reason(error)}`);
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

/**
 * The paths one pattern matches, sorted. Symbolic links and special files are handed to the matcher as
 * files, so it never enters or resolves them and a match is seen (and passed over) by the caller.
 *
 * The walk stops once it has seen more than `maxFiles` entries bearing the name every match must have
 * (`name`, or the pattern's last segment when that is a plain name), so a tree of 100,000 manifests
 * costs no more than the limit. Folders no match can be in (hidden ones, node_modules, .git) are never
 * read, so they count for nothing; a file of that name at a depth a glob skips (`apps/pleo-client.yaml`
 * for `apps/<glob>/pleo-client.yaml`) does count, so such a glob may be refused a few files early.
 */
async function walk(pattern: string, cwd: string, maxFiles: number, name = literalName(pattern)): Promise<string[]> {
  // Loaded only when a glob is given: most runs name one file.
  const { glob } = await import('tinyglobby');
  const stop = new AbortController();
  let named = 0;
  const countNamed = (entries: readonly Dirent[]) => {
    if (!name) return;
    for (const entry of entries) if (!entry.isDirectory() && name(entry.name) && ++named > maxFiles) stop.abort();
  };
  const found = await glob([pattern], {
    cwd,
    onlyFiles: true,
    followSymbolicLinks: false,
    ignore: ['**/node_modules/**', '**/.git/**'],
    expandDirectories: false,
    signal: stop.signal,
    fs: { readdir: readdirWithSpecialsAsFiles(countNamed) as never },
  });
  if (stop.signal.aborted) throw tooMany(maxFiles);
  return found.sort();
}

/** The name of a manifest found in a folder: `pleo-client{,.*}.{yaml,yml}`. */
const MANIFEST_NAME = (name: string) => /^pleo-client(\..*)?\.ya?ml$/.test(name);

/** The pattern's last segment as a test of names, when it is a plain name (`apps/<glob>/pleo-client.yaml`). */
function literalName(pattern: string): ((name: string) => boolean) | undefined {
  const last = pattern.replace(/\\/g, '/').split('/').at(-1)!;
  return GLOB_CHARACTERS.test(last) ? undefined : (name) => name === last;
}

function tooMany(maxFiles: number): UsageError {
  return new UsageError(`more than ${maxFiles} manifests to lint; name fewer, or raise the limit with --max-files <n>`);
}

function readdirWithSpecialsAsFiles(seen: (entries: readonly Dirent[]) => void) {
  return (path: string, options: { withFileTypes: true }, callback: (error: NodeJS.ErrnoException | null, entries: Dirent[]) => void): void => {
    readdir(path, options, (error, entries) => {
      if (entries) seen(entries);
      callback(error, entries?.map(asFileUnlessDirectory));
    });
  };
}

function asFileUnlessDirectory(entry: Dirent): Dirent {
  if (entry.isFile() || entry.isDirectory()) return entry;
  return Object.assign(Object.create(entry) as Dirent, { isFile: () => true, isSymbolicLink: () => false });
}

/** A glob's folder: its segments before the first one with a wildcard. */
function globRoot(pattern: string, cwd: string): string {
  const segments = pattern.replace(/\\/g, '/').split('/').slice(0, -1);
  const fixed = segments.findIndex((segment) => GLOB_CHARACTERS.test(segment));
  return resolve(cwd, segments.slice(0, fixed === -1 ? undefined : fixed).join('/') || '.');
}

/** What the entry is when it is not a regular file (a link is not followed); undefined for a regular file or a vanished one. */
function nonRegularKind(path: string): string | undefined {
  const entry = statIfPresent(path, { followLinks: false });
  return entry && describeKind(entry);
}



const exists = (path: string) => statIfPresent(path) !== undefined;
const isDirectory = (path: string) => statIfPresent(path)?.isDirectory() === true;

function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  if (code === 'ELOOP') return 'too many symbolic links';
  return (error as Error).message;
}
