import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { IMAGES, fakeRequest, ioRuleTester, withLogo } from '../test-support/io-rule-tester.js';
import { SVG } from '../test-support/logo-images.js';
import rule from './logo-format.js';

const URL_LOGO = 'https://acme-books.io/brand/logo';
const png = readFileSync(join(IMAGES, 'logo-512.png'));
const served = (body: Uint8Array, contentType?: string) =>
  fakeRequest({ [URL_LOGO]: { kind: 'response', status: 200, body, ...(contentType === undefined ? {} : { contentType }) } });

// Names fixtures cannot carry: no extension, upper-case extension, a dotfile; and a GIF named .png.
const dir = mkdtempSync(join(tmpdir(), 'pleo-logo-format-'));
for (const name of ['logo', 'LOGO.PNG', '.logo', 'logo.jpeg.png']) writeFileSync(join(dir, name), png);
writeFileSync(join(dir, 'gif.png'), readFileSync(join(IMAGES, 'logo-512.gif')));
writeFileSync(join(dir, 'both.svg'), SVG.script.replace('</svg>', '<image href="https://cdn.example.net/x.png"/></svg>'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

ioRuleTester(rule, {
  valid: [
    withLogo('./logo-512.png'),
    withLogo('./logo-512.jpg'),
    withLogo('./logo-512.webp'),
    { name: 'EXIF-rotated JPEG', code: withLogo('./exif-6-400x300.jpg') },
    { name: 'no extension', code: withLogo('./logo'), manifestDir: dir },
    { name: 'upper-case extension', code: withLogo('./LOGO.PNG'), manifestDir: dir },
    { name: 'a dotfile', code: withLogo('./.logo'), manifestDir: dir },
    { name: 'the last extension counts', code: withLogo('./logo.jpeg.png'), manifestDir: dir },
    { name: 'served as image/png', code: withLogo(URL_LOGO), request: served(png, 'image/png') },
    { name: 'media type parameters and case', code: withLogo(URL_LOGO), request: served(png, 'Image/PNG; charset=binary') },
    { name: 'no Content-Type', code: withLogo(URL_LOGO), request: served(png) },
    { name: 'a URL path with another extension: only Content-Type counts', code: withLogo('https://acme-books.io/logo.php'), request: fakeRequest({ 'https://acme-books.io/logo.php': { kind: 'response', status: 200, contentType: 'image/png', body: png } }) },
    { name: 'a bomb: logo-readable only', code: withLogo('./bomb-40000x40000.png') },
    { name: 'not an image: logo-readable only', code: withLogo('./not-an-image.png') },
    { name: 'truncated: logo-readable only', code: withLogo('./truncated.png') },
    { name: 'missing: logo-readable only', code: withLogo('./nope.gif') },
    { name: 'wrong type', code: withLogo('[1, 2]') },
  ],
  invalid: [
    { code: withLogo('./square.svg'), errors: [{ messageId: 'svg', path: '/logo', line: 2, severity: 'warning', includes: ['rendered at 512 px and checked', 'most consent screens want a bitmap'] }] },
    { code: withLogo('./script.svg'), errors: [{ messageId: 'svgActiveContent', severity: 'error', includes: ['<script>, onload='] }] },
    { code: withLogo('./external-href.svg'), errors: [{ messageId: 'svgExternalReference', severity: 'error', includes: ['"http://169.254.169.254/latest/meta-data/iam/security-credentials/"', 'not fetched'] }] },
    { name: 'script and reference', code: withLogo('./both.svg'), manifestDir: dir, errors: [{ messageId: 'svgActiveContent' }, { messageId: 'svgExternalReference', includes: ['cdn.example.net'] }] },
    { code: withLogo('./logo-512.gif'), errors: [{ messageId: 'gif', severity: 'error', includes: ['GIF'] }] },
    { code: withLogo('./animated.gif'), errors: [{ messageId: 'animated', severity: 'error', includes: ['animated GIF (3 frames)'] }] },
    { code: withLogo('./animated.webp'), errors: [{ messageId: 'animated', includes: ['animated WebP (3 frames)'] }] },
    { code: withLogo('./logo-512.tiff'), errors: [{ messageId: 'otherFormat', severity: 'error', includes: ['is TIFF'] }] },
    { code: withLogo('./png-named.jpg'), errors: [{ messageId: 'extensionMismatch', severity: 'warning', includes: ['named .jpg but holds PNG data', 'rename it to .png'] }] },
    { name: 'a GIF named .png: two problems', code: withLogo('./gif.png'), manifestDir: dir, errors: [{ messageId: 'gif' }, { messageId: 'extensionMismatch', includes: ['named .png but holds GIF data', 'rename it to .gif'] }] },
    { name: 'PNG bytes served as text/html', code: withLogo(URL_LOGO), request: served(png, 'text/html; charset=utf-8'), errors: [{ messageId: 'contentTypeMismatch', severity: 'warning', includes: ['served as "text/html; charset=utf-8"', 'Content-Type image/png'] }] },
    { name: 'PNG bytes served as octet-stream', code: withLogo(URL_LOGO), request: served(png, 'application/octet-stream'), errors: [{ messageId: 'contentTypeMismatch' }] },
    { name: 'an SVG served as image/png', code: withLogo(URL_LOGO), request: served(Buffer.from(SVG.square), 'image/png'), errors: [{ messageId: 'svg' }, { messageId: 'contentTypeMismatch', includes: ['image/svg+xml'] }] },
  ],
});

