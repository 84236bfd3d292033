/**
 * Reads (or fetches) the manifest's logo and inspects it. The one place logo bytes come from: file
 * access stays in this edge module, network access goes through the guarded HTTP client it is given.
 */
import { closeSync, constants, fstatSync, openSync, readSync, statSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { resolve } from 'node:path';
import { confineToRepository } from './confine.js';
import { looksLikeUrl } from '../uri/uri.js';
import type { Outcome, SendRequest } from '../services/http.js';
import { MAX_LOGO_BYTES, type LogoInspection, type LogoSource, type LogoUnreadable } from './types.js';

export interface LogoLoaderOptions {
  /** The manifest's folder: relative logo paths are resolved against it. */
  manifestDir: string;
  /** false with --offline: a URL logo is not fetched (`offline`). */
  online: boolean;
  request: SendRequest;
  /**
   * --allow-outside-logo: a local logo may lie outside the manifest's repository. Without it, a path
   * (or a symbolic link) that leads outside is refused before anything there is looked at.
   */
  allowOutside?: boolean;
  /**
   * Given the bytes about to be inspected (a file's as read once, a URL's body), so a caller that draws
   * the logo draws what was confined and inspected instead of reading the path again.
   */
  onInspectedBytes?: (bytes: Uint8Array) => void;
}

export type LogoLoader = (logo: unknown) => Promise<LogoInspection>;

export function createLogoLoader(options: LogoLoaderOptions): LogoLoader {
  return async (logo) => {
    if (typeof logo !== 'string' || logo.trim() === '') return { kind: 'absent' };
    try {
      if (isAbsolutePath(logo)) {
        return unreadable(fileSource(logo), 'absolute-path', 'the path is absolute');
      }
      return looksLikeUrl(logo) ? await loadUrl(logo, options) : await loadFile(logo, options);
    } catch (error) {
      // Nothing above should throw; if it does, the lint still ends with a problem, not a stack.
      const source = looksLikeUrl(logo) ? urlSource(logo) : fileSource(logo);
      return unreadable(source, 'read-failed', error instanceof Error ? error.message.split('\n')[0]! : String(error));
    }
  };
}

/** `/brand/logo.png`, `\brand\logo.png`, `C:\brand\logo.png`, `C:/brand/logo.png` — not `//host/…` (a URL). */
function isAbsolutePath(value: string): boolean {
  return /^[a-zA-Z]:[\\/]/.test(value) || (/^[\\/]/.test(value) && !/^[\\/]{2}/.test(value));
}

async function loadUrl(logo: string, options: LogoLoaderOptions): Promise<LogoInspection> {
  const source = urlSource(logo);
  if (!options.online) return { kind: 'offline', source };
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(logo.trim())?.[1]?.toLowerCase();
  if (scheme !== 'https') {
    return unreadable(source, 'not-https', scheme === undefined ? 'it has no scheme' : `${scheme}: URLs are not fetched`);
  }
  const outcome = await options.request(logo, { method: 'GET', maxBytes: MAX_LOGO_BYTES, readBody: true, purpose: 'logo' });
  if (outcome.kind === 'response' && outcome.status >= 200 && outcome.status < 300) {
    if (outcome.body === undefined) return unreadable(source, 'fetch-failed', `HTTP ${outcome.status} without a body`, { outcome: 'response' });
    const { inspectImage } = await import('./inspect.js');
    options.onInspectedBytes?.(outcome.body);
    return inspectImage(outcome.body, source, outcome.contentType);
  }
  if (outcome.kind === 'too-large') {
    return unreadable(source, 'too-large', describeOutcome(outcome), {
      limit: outcome.limit,
      ...(outcome.contentLength === undefined ? {} : { size: outcome.contentLength }),
      outcome: outcome.kind,
    });
  }
  return unreadable(source, 'fetch-failed', describeOutcome(outcome), { outcome: outcome.kind });
}

/** Plain words for what the request ended with: a status or a reason, never a stack. */
export function describeOutcome(outcome: Outcome): string {
  switch (outcome.kind) {
    case 'response':
      return `the server answered HTTP ${outcome.status}`;
    case 'blocked':
      return `the address ${outcome.address} (${outcome.range}) is refused`;
    case 'downgrade':
      return `a redirect goes from https: to http: (${outcome.to})`;
    case 'too-many-redirects':
      return `more than ${outcome.limit} redirects`;
    case 'redirect-loop':
      return 'the redirects loop';
    case 'dns':
      return `the host ${outcome.hostname} does not resolve (${outcome.code})`;
    case 'tls':
      return `the TLS handshake failed (${outcome.reason})`;
    case 'timeout':
      return `no answer within ${outcome.ms} ms (${outcome.phase})`;
    case 'refused':
      return 'the connection was refused';
    case 'unreachable':
      return `the host is unreachable (${outcome.reason})`;
    case 'too-large':
      return outcome.contentLength === undefined
        ? `the body is larger than ${outcome.limit} bytes`
        : `the server declares ${outcome.contentLength} bytes, over the ${outcome.limit}-byte limit`;
    case 'invalid-url':
      return outcome.reason;
    case 'network-error':
      return `a network error (${outcome.code ?? firstLine(outcome.reason)})`;
  }
}

async function loadFile(logo: string, options: LogoLoaderOptions): Promise<LogoInspection> {
  const source = fileSource(logo);
  if (logo.includes('\0')) return unreadable(source, 'missing', 'the path contains a NUL character');
  let path = resolve(options.manifestDir, logo);
  // Inside the repository, the real path is opened, and a symbolic link swapped in since is not followed.
  let noFollow = 0;
  if (!options.allowOutside) {
    const confined = confineToRepository(options.manifestDir, logo);
    if (confined.kind === 'failed') return fsFailure(source, confined.error);
    if (confined.kind === 'outside') {
      return unreadable(source, 'outside-repository', confined.throughLink ? 'through a symbolic link' : 'as written');
    }
    path = confined.path;
    noFollow = constants.O_NOFOLLOW ?? 0;
  }
  let info: Stats;
  try {
    info = statSync(path); // follows symbolic links: the target is judged
  } catch (error) {
    return fsFailure(source, error);
  }
  const early = checkStats(source, info);
  if (early) return early;
  // O_NONBLOCK: if the file was swapped for a FIFO since stat, opening it must not wait for a writer.
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | noFollow);
  } catch (error) {
    return fsFailure(source, error);
  }
  try {
    const opened = fstatSync(fd);
    const late = checkStats(source, opened);
    if (late) return late;
    // Read at most one byte past the limit, whatever stat said (the file may grow meanwhile).
    const buffer = Buffer.alloc(Math.min(opened.size, MAX_LOGO_BYTES) + 1);
    let filled = 0;
    for (;;) {
      const bytesRead = readSync(fd, buffer, filled, buffer.length - filled, null);
      if (bytesRead === 0) break;
      filled += bytesRead;
      if (filled === buffer.length) break;
    }
    if (filled > MAX_LOGO_BYTES) return unreadable(source, 'too-large', 'the file grew past the limit while it was read', { limit: MAX_LOGO_BYTES });
    const bytes = buffer.subarray(0, filled);
    const { inspectImage } = await import('./inspect.js');
    options.onInspectedBytes?.(bytes);
    return await inspectImage(bytes, source);
  } catch (error) {
    return fsFailure(source, error);
  } finally {
    try {
      closeSync(fd);
    } catch {
      // Already closed or never usable: nothing more to release.
    }
  }
}

function checkStats(source: LogoSource, info: Stats): LogoInspection | undefined {
  if (!info.isFile()) return unreadable(source, 'not-a-file', `it is ${describeKind(info)}`);
  if (info.size > MAX_LOGO_BYTES) return unreadable(source, 'too-large', `the file is ${info.size} bytes`, { limit: MAX_LOGO_BYTES, size: info.size });
  return undefined;
}

function describeKind(info: Stats): string {
  if (info.isDirectory()) return 'a folder';
  if (info.isFIFO()) return 'a named pipe (FIFO)';
  if (info.isSocket()) return 'a socket';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

const FS_ERRORS: Readonly<Record<string, [LogoUnreadable['reason'], string]>> = {
  ENOENT: ['missing', 'no such file'],
  ENOTDIR: ['missing', 'a part of the path is not a folder'],
  EACCES: ['read-failed', 'permission denied'],
  EPERM: ['read-failed', 'permission denied'],
  ELOOP: ['read-failed', 'too many symbolic links'],
  ENAMETOOLONG: ['read-failed', 'the path is too long'],
  EISDIR: ['not-a-file', 'it is a folder'],
  EAGAIN: ['not-a-file', 'it cannot be read without waiting (not a regular file)'],
  EIO: ['read-failed', 'an input/output error'],
};

/** The error's code in words; never its message, which names absolute paths. */
function fsFailure(source: LogoSource, error: unknown): LogoInspection {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : 'unknown error';
  const [reason, detail] = FS_ERRORS[code] ?? ['read-failed', code];
  return unreadable(source, reason, detail);
}

function unreadable(source: LogoSource, reason: LogoUnreadable['reason'], detail: string, extra: Partial<LogoUnreadable> = {}): LogoUnreadable {
  return { kind: 'unreadable', source, reason, detail, ...extra };
}

function fileSource(value: string): LogoSource {
  return { kind: 'file', value, fileName: value.split(/[\\/]/).pop() ?? '' };
}

function urlSource(value: string): LogoSource {
  let fileName = '';
  try {
    fileName = decodeURIComponent(new URL(value.trim()).pathname.split('/').pop() ?? '');
  } catch {
    fileName = '';
  }
  return { kind: 'url', value, fileName };
}

function firstLine(text: string): string {
  const line = text.split('\n')[0]!.trim();
  return line.length > 120 ? `${line.slice(0, 119)}…` : line;
}
