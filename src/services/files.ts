// Reading the repository's files: bounded, never blocking on a FIFO, never following what is not a regular file.

import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { MAX_MANIFEST_BYTES } from '../manifest/parse.js';

/**
 * A regular file's bytes, at most MAX_MANIFEST_BYTES + 1. Opened without waiting (O_NONBLOCK), so a FIFO
 * put in the file's place is refused instead of hanging the run. With `followLinks: false` it is opened
 * with O_NOFOLLOW: a symbolic link in its place fails with ELOOP, even one swapped in after a check.
 * Throws an errno error or NotRegularFile.
 */
export function readRegularFile(path: string, options: { followLinks?: boolean } = {}): Uint8Array {
  const noFollow = options.followLinks === false ? (constants.O_NOFOLLOW ?? 0) : 0;
  const fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | noFollow);
  try {
    const kind = describeKind(fstatSync(fd));
    if (kind) throw new NotRegularFile(kind);
    const { bytes, error } = readBounded(fd);
    if (error !== undefined) throw error;
    return bytes;
  } finally {
    closeSync(fd);
  }
}

export class NotRegularFile extends Error {
  override name = 'NotRegularFile';
  constructor(kind: string) {
    super(`it is ${kind}, not a regular file`);
  }
}

/** The descriptor's bytes to its end or to one past the limit; a failing read ends it, with what came before. */
function readBounded(fd: number): { bytes: Uint8Array; error?: unknown } {
  let buffer = Buffer.alloc(0);
  let length = 0;
  try {
    // A regular file's size bounds the buffer; one that reports 0 (in /proc) gets a small one that grows.
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


export function describeKind(info: Stats): string | undefined {
  if (info.isFile()) return undefined;
  if (info.isSymbolicLink()) return 'a symbolic link';
  if (info.isDirectory()) return 'a folder';
  if (info.isFIFO()) return 'a named pipe (FIFO)';
  if (info.isSocket()) return 'a socket';
  return 'a device';
}

/**
 * The path's stats, or undefined when it is missing or cannot be stat'ed. With `followLinks: false`,
 * those of the entry itself: a symbolic link is reported as one, not as what it points to.
 */
export function statIfPresent(path: string, options: { followLinks?: boolean } = {}): Stats | undefined {
  try {
    return (options.followLinks === false ? lstatSync : statSync)(path, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

/** Whether the path is a regular file (a link followed); false when it is missing or cannot be stat'ed. */
export const isFile = (path: string) => statIfPresent(path)?.isFile() === true;
