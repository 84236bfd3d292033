import { close, fstat, open, read, readFile, stat } from 'node:fs';
import { promisify } from 'node:util';

// Promise forms of the few file-system calls every run makes, on node:fs's callback API, which Node
// has loaded before any of our code runs: node:fs/promises takes ~2 ms to load (file streams and
// readline come with it), a tenth of what a short run costs beyond Node's own start.

export const statFile = promisify(stat);
export const readTextFile = (path: string) => promisify(readFile)(path, 'utf8');
export const openFile = (path: string, flags: string | number = 'r') => promisify(open)(path, flags);
export const statDescriptor = promisify(fstat);
export const closeDescriptor = promisify(close);

/** Reads into `buffer` at `offset`, from the descriptor's current position; resolves to the bytes read. */
export function readDescriptor(fd: number, buffer: Buffer, offset: number, length: number): Promise<number> {
  return new Promise((resolve, reject) => read(fd, buffer, offset, length, null, (error, bytesRead) => (error ? reject(error) : resolve(bytesRead))));
}
