import { mkdtempSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_LOGO_BYTES, type LogoInspection } from '../logo/types.js';
import { hostileProgressiveJpeg } from '../test-support/hostile-jpeg.js';
import { IMAGES, fakeRequest, ioRuleTester, runIoRule, type OutcomeAnswer, withLogo, LOGO_URL } from '../test-support/io-rule-tester.js';
import rule from './logo-readable.js';

const png = readFileSync(join(IMAGES, 'logo-512.png'));
const answer = (outcome: OutcomeAnswer) => fakeRequest({ [LOGO_URL]: outcome });

// A folder with what fixtures cannot hold: a sparse 10 MiB + 1 file and a symbolic-link loop.
const dir = mkdtempSync(join(tmpdir(), 'pleo-logo-readable-'));
writeFileSync(join(dir, 'huge.png'), '');
truncateSync(join(dir, 'huge.png'), MAX_LOGO_BYTES + 1);
symlinkSync(join(dir, 'b.png'), join(dir, 'a.png'));
symlinkSync(join(dir, 'a.png'), join(dir, 'b.png'));
writeFileSync(join(dir, 'many-scans.jpg'), hostileProgressiveJpeg({ width: 7000, height: 7000 }));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A decode judged too costly: what the loader would hand over for a 7000×7000 JPEG. */
const tooCostly = (limit: 'memory' | 'block-visits' | 'time' | 'process-memory', max: number, found?: number): LogoInspection => ({
  kind: 'too-costly', source: { kind: 'file', value: './logo.jpg', fileName: 'logo.jpg' }, byteLength: 501_588, format: 'jpeg', width: 7000, height: 7000, limit, max,
  ...(found === undefined ? {} : { found }),
});

ioRuleTester(rule, {
  valid: [
    withLogo('./logo-512.png'),
    withLogo('logo-512.webp'),
    { name: 'an SVG that renders', code: withLogo('./square.svg') },
    { name: 'a GIF decodes (logo-format reports it)', code: withLogo('./logo-512.gif') },
    { name: 'a URL answering 200 with a PNG', code: withLogo(LOGO_URL), request: answer({ kind: 'response', status: 200, contentType: 'image/png', body: png }) },
    { name: 'a URL logo offline: not fetched, not reported', code: withLogo(LOGO_URL), online: false },
    { name: 'no logo key (schema reports it)', code: 'client_name: Acme Books\n' },
    { name: 'a number', code: withLogo('42') },
    { name: 'a list', code: 'logo:\n  - ./logo-512.png\n' },
    { name: 'a mapping', code: 'logo:\n  path: ./logo-512.png\n' },
    { name: 'null', code: 'logo:\n' },
  ],
  invalid: [
    { code: withLogo('./no-such-logo.png'), errors: [{ messageId: 'missing', path: '/logo', line: 2, column: 7, severity: 'error', includes: ['"./no-such-logo.png"', 'no such file', 'relative to this manifest'] }] },
    { name: 'the folder itself', code: withLogo('.'), errors: [{ messageId: 'notAFile', line: 2, includes: ['it is a folder'] }] },
    { name: 'a file over 10 MiB', code: withLogo('huge.png'), manifestDir: dir, errors: [{ messageId: 'tooLarge', severity: 'error', includes: ['(10.0 MiB)', 'over the 10 MiB limit'] }] },
    { name: 'a symbolic-link loop', code: withLogo('a.png'), manifestDir: dir, errors: [{ messageId: 'readFailed', includes: ['too many symbolic links'] }] },
    { code: withLogo('/home/me/acme/brand/logo.png'), errors: [{ messageId: 'absolutePath', line: 2, includes: ['"/home/me/acme/brand/logo.png"', 'relative to this manifest'] }] },
    { code: withLogo('"C:\\\\brand\\\\logo.png"'), errors: [{ messageId: 'absolutePath' }] },
    { code: withLogo('./not-an-image.png'), errors: [{ messageId: 'notAnImage', includes: ['it is an HTML page', 'PNG, JPEG or WebP'], excludes: ['404 Not Found'] }] },
    { code: withLogo('./truncated.png'), errors: [{ messageId: 'undecodable', includes: ['PNG data that does not decode', 'truncated or corrupt'] }] },
    { code: withLogo('./billion-laughs.svg'), errors: [{ messageId: 'undecodable', includes: ['SVG data', '<!ENTITY'] }] },
    { code: withLogo('./bomb-40000x40000.png'), errors: [{ messageId: 'tooManyPixels', severity: 'error', includes: ['40000×40000 px (1,600 megapixels)', 'refused without decoding'] }] },
    { code: withLogo('./bomb-65500x65500.jpg'), errors: [{ messageId: 'tooManyPixels', includes: ['65500×65500 px (4,290 megapixels)'] }] },
    { code: withLogo('./bomb-16383x16383.webp'), errors: [{ messageId: 'tooManyPixels', includes: ['16383×16383 px (268 megapixels)'] }] },
    { name: 'a path out of the repository, as written', code: withLogo('../../../etc/passwd'), errors: [{ messageId: 'outsideRepository', includes: ['"../../../etc/passwd"', 'outside this manifest\'s repository (as written)', '--allow-outside-logo'], excludes: ['not found', 'text'] }] },
    { name: 'a progressive JPEG of 2,647 scans', code: withLogo('many-scans.jpg'), manifestDir: dir, errors: [{ messageId: 'tooManyScans', includes: ['more than 64 scans', 'refused without decoding', 'baseline JPEG'] }] },
    { name: 'a JPEG whose coefficients fill 294 MB', code: withLogo('./logo.jpg'), logo: tooCostly('memory', 128 * 1024 * 1024, 294_000_000), errors: [{ messageId: 'decodeMemory', includes: ['(JPEG, 7000×7000 px)', 'about 280.4 MiB of memory', 'over the 128.0 MiB limit', 'baseline (not progressive) JPEG'] }] },
    { name: 'a JPEG of 49 million block visits', code: withLogo('./logo.jpg'), logo: tooCostly('block-visits', 24_000_000, 49_000_000), errors: [{ messageId: 'decodeWork', includes: ['visit 49,000,000 blocks of 8×8 pixels', 'over the limit of 24,000,000'] }] },
    { name: 'a decode stopped at its deadline', code: withLogo('./logo.jpg'), logo: tooCostly('time', 4000), errors: [{ messageId: 'decodeTime', includes: ['took longer than 4 s to decode'] }] },
    { name: 'a decode stopped at its memory limit', code: withLogo('./logo.jpg'), logo: tooCostly('process-memory', 256 * 1024 * 1024), errors: [{ messageId: 'decodeProcessMemory', includes: ['used more than 256.0 MiB of memory while decoding'] }] },
    // URLs: a fake request function answers; nothing reaches the network.
    { code: withLogo('http://acme-books.io/logo.png'), errors: [{ messageId: 'notHttps', includes: ['http: URLs are not fetched', 'https://'] }] },
    { code: withLogo(LOGO_URL), request: answer({ kind: 'response', status: 404, contentType: 'text/html' }), errors: [{ messageId: 'fetchFailed', severity: 'error', includes: ['HTTP 404'] }] },
    { code: withLogo(LOGO_URL), request: answer({ kind: 'dns', code: 'ENOTFOUND', hostname: 'acme-books.io' }), errors: [{ messageId: 'fetchFailed', includes: ['does not resolve (ENOTFOUND)'] }] },
    { code: withLogo(LOGO_URL), request: answer({ kind: 'blocked', address: '10.0.0.7', range: 'private', stage: 'on-connect' }), errors: [{ messageId: 'fetchFailed', includes: ['10.0.0.7 (private)'] }] },
    { code: withLogo(LOGO_URL), request: answer({ kind: 'timeout', phase: 'connect', ms: 5000 }), errors: [{ messageId: 'fetchTimeout', severity: 'warning', includes: ['could not be verified', '5000 ms'] }] },
    { code: withLogo(LOGO_URL), request: answer({ kind: 'too-large', limit: MAX_LOGO_BYTES, contentLength: 31_457_280, received: 0 }), errors: [{ messageId: 'tooLarge', includes: ['(30.0 MiB)'] }] },
    { code: withLogo(LOGO_URL), request: answer({ kind: 'too-large', limit: MAX_LOGO_BYTES, received: MAX_LOGO_BYTES + 1 }), errors: [{ messageId: 'tooLarge', includes: ['(more than 10.0 MiB)'] }] },
    { code: withLogo(LOGO_URL), request: answer({ kind: 'response', status: 200, contentType: 'image/png', body: Buffer.from('<html>login</html>') }), errors: [{ messageId: 'notAnImage' }] },
    {
      name: 'a password in the logo URL is masked',
      code: withLogo('https://deploy:hunter2hunter2@acme-books.io/logo.png'),
      request: fakeRequest({ 'https://deploy:hunter2hunter2@acme-books.io/logo.png': { kind: 'invalid-url', reason: 'URLs with credentials (user:password@) are not fetched' } }),
      errors: [{ messageId: 'fetchFailed', includes: ['deploy:'], excludes: ['hunter2hunter2'] }],
    },
    {
      name: 'a decoder that cannot be loaded: a warning, not a crash',
      code: withLogo('./logo-512.png'),
      logo: { kind: 'no-decoder', source: { kind: 'file', value: './logo-512.png', fileName: 'logo-512.png' }, detail: 'Could not load the "sharp" module' },
      errors: [{ messageId: 'noDecoder', severity: 'warning', includes: ['sharp', 'reinstall'] }],
    },
  ],
});

describe('logo-readable with --offline', () => {
  it('is skipped, not run, for a URL logo, and the URL is never requested', async () => {
    const request = fakeRequest();
    const { problems, skipped } = await runIoRule(rule, { code: withLogo('http://acme-books.io/logo.png'), online: false, request });
    expect(problems).toEqual([]);
    expect(skipped).toEqual(['logo-readable:offline']);
    expect(request.calls).toEqual([]);
  });

  it('still checks a local file', async () => {
    const { problems, skipped } = await runIoRule(rule, { code: withLogo('./missing.png'), online: false });
    expect(problems.map((p) => p.messageId)).toEqual(['missing']);
    expect(skipped).toEqual([]);
  });
});
