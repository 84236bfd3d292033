import { randomBytes } from 'node:crypto';
import { closeSync, constants, fchmodSync, fsyncSync, lstatSync, openSync, realpathSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, sep } from 'node:path';
import { UsageError } from '../errors.js';

export interface FixedManifest {
  /** The name reports show. */
  file: string;
  /** Where the manifest is. */
  path: string;
  /** The folder the user named (or the named file's folder): nothing outside it is written. */
  root: string;
}

export interface WriteOptions {
  /** --fix-through-symlinks: replace the file a symbolic link points to, wherever it is. */
  throughSymlinks: boolean;
}

/**
 * Writes the fixed text over a manifest atomically: a new file beside it, flushed to disk, renamed over
 * it. A crash or a full disk leaves the old file whole, and the rename replaces the directory entry
 * itself, so a symbolic link put in its place meanwhile is replaced, not followed.
 */
export function writeFixedManifest(manifest: FixedManifest, text: string, options: WriteOptions): void {
  const target = writableTarget(manifest, options);
  const temporary = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  let fd: number | undefined;
  try {
    // O_EXCL: never opens a file (or follows a link) that someone else put there.
    fd = openSync(temporary, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
    fchmodSync(fd, statSync(target).mode & 0o7777);
    const bytes = Buffer.from(text);
    for (let written = 0; written < bytes.length; ) written += writeSync(fd, bytes, written);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(temporary, target);
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    try {
      unlinkSync(temporary);
    } catch {
      // Never created, or already renamed.
    }
    throw new UsageError(`cannot write '${manifest.file}': ${(error as Error).message}`);
  }
  syncDirectory(dirname(target));
}

/** The real path to replace; refuses a symbolic link, and a file outside the root, unless told. */
function writableTarget(manifest: FixedManifest, options: WriteOptions): string {
  let target: string;
  let root: string;
  try {
    const isLink = lstatSync(manifest.path).isSymbolicLink();
    if (isLink && !options.throughSymlinks) {
      throw new UsageError(`--fix does not write through the symbolic link '${manifest.file}'; fix the file it points to, or give --fix-through-symlinks`);
    }
    target = realpathSync(manifest.path);
    root = realpathSync(manifest.root);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`cannot write '${manifest.file}': ${(error as Error).message}`);
  }
  const inside = relative(root, target);
  if (!options.throughSymlinks && (inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside))) {
    throw new UsageError(`--fix does not write outside '${manifest.root}': '${manifest.file}' is in ${dirname(target)}; give --fix-through-symlinks to allow it`);
  }
  return target;
}

/** Makes the rename itself durable; a platform that cannot open a folder keeps the rename anyway. */
function syncDirectory(path: string): void {
  try {
    const fd = openSync(path, constants.O_RDONLY);
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Not supported here (Windows): the file is written, only its durability is the system's.
  }
}
