import { appendFileSync, closeSync, fstatSync, mkdirSync, openSync, readFileSync, readSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

// The few file-system calls a run makes — the manifest, its configuration, its logo, a report — behind
// promises, so that callers do not change if this does. They are synchronous calls: on small local
// files one takes microseconds, where a round trip through libuv's thread pool took ~0.3 ms in a short
// run (~3 ms for a manifest and its logo). node:fs/promises is not used: it takes ~2 ms to load.

export const statFile = async (path: string) => statSync(path);
/** The file's stats, or undefined when it cannot be stat'ed; a missing file throws no error (~50 µs each). */
export const statIfPresent = async (path: string) => {
  try {
    return statSync(path, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
};
export const readTextFile = async (path: string) => readFileSync(path, 'utf8');
export const openFile = async (path: string, flags: string | number = 'r') => openSync(path, flags);
export const statDescriptor = async (fd: number) => fstatSync(fd);
export const closeDescriptor = async (fd: number) => closeSync(fd);

/** Reads into `buffer` at `offset`, from the descriptor's current position; resolves to the bytes read. */
export const readDescriptor = async (fd: number, buffer: Buffer, offset: number, length: number) => readSync(fd, buffer, offset, length, null);

/** Writes a report file, creating its folder. */
export const writeTextFile = async (path: string, text: string) => {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
};
export const appendTextFile = async (path: string, text: string) => appendFileSync(path, text);
