import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { IMAGES, fakeRequest, type OutcomeAnswer } from '../test-support/io-rule-tester.js';
import { createLogoLoader } from './load.js';
import { MAX_LOGO_BYTES } from './types.js';

// Counted: files the loader opens.
const fsCalls = vi.hoisted(() => ({ opened: 0 }));
vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs')>();
  return { ...actual, openSync: (...args: Parameters<typeof actual.openSync>) => (fsCalls.opened++, actual.openSync(...args)) };
});

const png512 = readFileSync(join(IMAGES, 'logo-512.png'));
const URL_LOGO = 'https://acme-books.io/brand/logo.png';

describe('createLogoLoader: values that are no logo', () => {
  const load = createLogoLoader({ manifestDir: IMAGES, online: true, request: fakeRequest() });
  it.each([[undefined], [null], [42], [['./logo.png']], [{ path: './logo.png' }], [''], ['   ']])('%j is absent', async (value) => {
    expect(await load(value)).toEqual({ kind: 'absent' });
  });
});

describe('createLogoLoader: URLs', () => {
  it('does not fetch offline', async () => {
    const request = fakeRequest();
    const load = createLogoLoader({ manifestDir: IMAGES, online: false, request });
    expect(await load(URL_LOGO)).toEqual({ kind: 'offline', source: { kind: 'url', value: URL_LOGO, fileName: 'logo.png' } });
    expect(await load('http://acme-books.io/logo.png')).toMatchObject({ kind: 'offline' });
    expect(request.calls).toEqual([]);
  });

  it('fetches an https: logo once, capped at 10 MiB, and inspects the body with its Content-Type', async () => {
    const request = fakeRequest({ [URL_LOGO]: { kind: 'response', status: 200, contentType: 'image/png', body: png512 } });
    const found = await createLogoLoader({ manifestDir: IMAGES, online: true, request })(URL_LOGO);
    expect(found).toMatchObject({ kind: 'image', format: 'png', width: 512, height: 512, contentType: 'image/png', source: { kind: 'url', fileName: 'logo.png' } });
    expect(request.calls).toEqual([{ url: URL_LOGO, options: { method: 'GET', maxBytes: MAX_LOGO_BYTES, readBody: true, purpose: 'logo' } }]);
  });

  it('keeps a Content-Type that disagrees with the bytes, for logo-format', async () => {
    const request = fakeRequest({ [URL_LOGO]: { kind: 'response', status: 200, contentType: 'text/html; charset=utf-8', body: png512 } });
    expect(await createLogoLoader({ manifestDir: IMAGES, online: true, request })(URL_LOGO)).toMatchObject({ kind: 'image', format: 'png', contentType: 'text/html; charset=utf-8' });
  });

  it.each([
    ['http://acme-books.io/logo.png', 'http: URLs are not fetched'],
    ['HTTP://acme-books.io/logo.png', 'http: URLs are not fetched'],
    ['data:image/png;base64,iVBORw0KGgo=', 'data: URLs are not fetched'],
    ['file:///etc/passwd', 'file: URLs are not fetched'],
    ['ftp://acme-books.io/logo.png', 'ftp: URLs are not fetched'],
    ['//acme-books.io/logo.png', 'it has no scheme'],
  ])('never requests %s', async (logo, detail) => {
    const request = fakeRequest();
    expect(await createLogoLoader({ manifestDir: IMAGES, online: true, request })(logo)).toMatchObject({ kind: 'unreadable', reason: 'not-https', detail });
    expect(request.calls).toEqual([]);
  });

  it.each([
    [{ kind: 'response', status: 404 }, 'fetch-failed', 'the server answered HTTP 404'],
    [{ kind: 'response', status: 500, contentType: 'text/html' }, 'fetch-failed', 'the server answered HTTP 500'],
    [{ kind: 'response', status: 304 }, 'fetch-failed', 'the server answered HTTP 304'],
    [{ kind: 'response', status: 200 }, 'fetch-failed', 'HTTP 200 without a body'],
    [{ kind: 'blocked', address: '169.254.169.254', range: 'link-local', stage: 'before-connect' }, 'fetch-failed', 'the address 169.254.169.254 (link-local) is refused'],
    [{ kind: 'downgrade', from: URL_LOGO, to: 'http://acme-books.io/logo.png' }, 'fetch-failed', 'a redirect goes from https: to http: (http://acme-books.io/logo.png)'],
    [{ kind: 'too-many-redirects', limit: 5, chain: [] }, 'fetch-failed', 'more than 5 redirects'],
    [{ kind: 'redirect-loop', chain: [] }, 'fetch-failed', 'the redirects loop'],
    [{ kind: 'dns', code: 'ENOTFOUND', hostname: 'acme-books.io' }, 'fetch-failed', 'the host acme-books.io does not resolve (ENOTFOUND)'],
    [{ kind: 'tls', reason: 'CERT_HAS_EXPIRED' }, 'fetch-failed', 'the TLS handshake failed (CERT_HAS_EXPIRED)'],
    [{ kind: 'timeout', phase: 'headers', ms: 5000 }, 'fetch-failed', 'no answer within 5000 ms (headers)'],
    [{ kind: 'refused' }, 'fetch-failed', 'the connection was refused'],
    [{ kind: 'unreachable', reason: 'EHOSTUNREACH' }, 'fetch-failed', 'the host is unreachable (EHOSTUNREACH)'],
    [{ kind: 'too-large', limit: MAX_LOGO_BYTES, contentLength: 20_000_000, received: 0 }, 'too-large', 'the server declares 20000000 bytes, over the 10485760-byte limit'],
    [{ kind: 'too-large', limit: MAX_LOGO_BYTES, received: MAX_LOGO_BYTES + 1 }, 'too-large', 'the body is larger than 10485760 bytes'],
    [{ kind: 'invalid-url', reason: 'URLs with credentials (user:password@) are not fetched' }, 'fetch-failed', 'URLs with credentials (user:password@) are not fetched'],
    [{ kind: 'network-error', code: 'ECONNRESET', reason: 'socket hang up' }, 'fetch-failed', 'a network error (ECONNRESET)'],
    [{ kind: 'network-error', reason: 'Error: boom\n    at Object.<anonymous> (/x.js:1:1)' }, 'fetch-failed', 'a network error (Error: boom)'],
  ] as const)('maps %j to %s', async (outcome, reason, detail) => {
    const request = fakeRequest({ [URL_LOGO]: outcome as OutcomeAnswer });
    const found = await createLogoLoader({ manifestDir: IMAGES, online: true, request })(URL_LOGO);
    expect(found).toMatchObject({ kind: 'unreadable', reason, detail, outcome: outcome.kind });
    expect(JSON.stringify(found)).not.toMatch(/\n\s+at /);
  });
});

describe('createLogoLoader: files', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'pleo-logo-'));
    mkdirSync(join(dir, '.git')); // a repository: ../ may go up to its root
    writeFileSync(join(dir, 'logo.png'), png512);
    mkdirSync(join(dir, 'brand'));
    writeFileSync(join(dir, 'brand', 'logo.png'), png512);
    symlinkSync(join(dir, 'logo.png'), join(dir, 'link.png'));
    symlinkSync('/dev/null', join(dir, 'null.png'));
    writeFileSync(join(dir, 'big.png'), '');
    truncateSync(join(dir, 'big.png'), MAX_LOGO_BYTES + 1); // sparse: nothing is written
    writeFileSync(join(dir, 'exactly-10mib.png'), '');
    truncateSync(join(dir, 'exactly-10mib.png'), MAX_LOGO_BYTES);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const load = (logo: unknown) => createLogoLoader({ manifestDir: dir, online: true, request: fakeRequest() })(logo);

  it('reads a path relative to the manifest, with ./, ../ and through a symbolic link', async () => {
    expect(await load('./logo.png')).toMatchObject({ kind: 'image', byteLength: png512.length, source: { kind: 'file', value: './logo.png', fileName: 'logo.png' } });
    expect(await load('brand/logo.png')).toMatchObject({ kind: 'image' });
    expect(await load('./brand/../logo.png')).toMatchObject({ kind: 'image' });
    expect(await load('link.png')).toMatchObject({ kind: 'image' });
    expect(await createLogoLoader({ manifestDir: join(dir, 'brand'), online: false, request: fakeRequest() })('../logo.png')).toMatchObject({ kind: 'image' });
  });

  it('names a missing file, and never an absolute path in the detail', async () => {
    const found = await load('./nope.png');
    expect(found).toEqual({ kind: 'unreadable', source: { kind: 'file', value: './nope.png', fileName: 'nope.png' }, reason: 'missing', detail: 'no such file' });
    expect(await load('./logo.png/inside.png')).toMatchObject({ reason: 'missing', detail: 'a part of the path is not a folder' });
    expect(JSON.stringify(await load('./nope/deeper.png'))).not.toContain(dir);
  });

  it('refuses absolute paths before touching the disk', async () => {
    for (const logo of [join(dir, 'logo.png'), '/etc/passwd', 'C:\\brand\\logo.png', 'C:/brand/logo.png', '\\brand\\logo.png']) {
      expect(await load(logo), logo).toMatchObject({ kind: 'unreadable', reason: 'absolute-path' });
    }
  });

  it('refuses folders, devices and FIFOs without reading them', async () => {
    fsCalls.opened = 0;
    expect(await load('brand')).toMatchObject({ reason: 'not-a-file', detail: 'it is a folder' });
    expect(await load('./brand/')).toMatchObject({ reason: 'not-a-file', detail: 'it is a folder' });
    // /dev/null lies outside the repository: read only with --allow-outside-logo.
    const anywhere = createLogoLoader({ manifestDir: dir, online: true, request: fakeRequest(), allowOutside: true });
    expect(await anywhere('null.png')).toMatchObject({ reason: 'not-a-file', detail: 'it is a device' });
    execFileSync('mkfifo', [join(dir, 'fifo.png')]);
    expect(await load('fifo.png')).toMatchObject({ reason: 'not-a-file', detail: 'it is a named pipe (FIFO)' });
    expect(fsCalls.opened, 'files opened').toBe(0);
    expect(await load('./logo.png')).toMatchObject({ kind: 'image' });
    expect(fsCalls.opened, 'files opened, a logo among them').toBe(1);
  });

  it('refuses a file over 10 MiB from its size, and reads one of exactly 10 MiB', async () => {
    expect(await load('big.png')).toMatchObject({ reason: 'too-large', size: MAX_LOGO_BYTES + 1, limit: MAX_LOGO_BYTES });
    expect(await load('exactly-10mib.png')).toMatchObject({ kind: 'not-an-image', byteLength: MAX_LOGO_BYTES });
  });

  it('turns a NUL in the path into a problem, not an exception', async () => {
    expect(await load('logo\0.png')).toMatchObject({ kind: 'unreadable', reason: 'missing' });
  });
});
