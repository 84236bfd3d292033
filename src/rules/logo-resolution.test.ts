import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IMAGES, fakeRequest, ioRuleTester } from '../test-support/io-rule-tester.js';
import rule from './logo-resolution.js';

const URL_LOGO = 'https://acme-books.io/brand/logo.png';
const at = (logo: string) => `client_name: Acme Books\nlogo: ${logo}\n`;
const served = (name: string) => fakeRequest({ [URL_LOGO]: { kind: 'response', status: 200, contentType: 'image/png', body: readFileSync(join(IMAGES, name)) } });

ioRuleTester(rule, {
  valid: [
    at('./logo-512.png'),
    at('./logo-512.jpg'),
    at('./logo-512.webp'),
    at('./logo-1024.png'),
    { name: 'a square SVG: no resolution', code: at('./square.svg') },
    { name: 'a 3:1 SVG (rendered 512×171): no resolution; logo-square reports the shape', code: at('./wide.svg') },
    { name: 'a bomb: logo-readable only', code: at('./bomb-16383x16383.webp') },
    { name: 'a TIFF (not decoded): logo-format only', code: at('./logo-512.tiff') },
    { name: 'not an image', code: at('./not-an-image.png') },
    { name: 'wrong type', code: 'logo: {}\n' },
  ],
  invalid: [
    { name: '384×384: warning', code: at('./logo-384.png'), errors: [{ messageId: 'lowResolution', path: '/logo', line: 2, severity: 'warning', includes: ['384×384 px', 'under 512 px', '512×512'] }] },
    { name: '200×200: under 256 px, an error', code: at('./logo-200.png'), errors: [{ messageId: 'tooSmall', severity: 'error', includes: ['200×200 px', 'under 256 px', 'high-resolution'] }] },
    { name: '100×100: error', code: at('./logo-100.png'), errors: [{ messageId: 'tooSmall', severity: 'error' }] },
    { name: '300×200: the shorter side counts', code: at('./logo-300x200.png'), errors: [{ messageId: 'tooSmall' }] },
    { name: '1×100000: a 1 px shorter side', code: at('./tall-1x100000.png'), errors: [{ messageId: 'tooSmall', includes: ['1×100000 px'] }] },
    { name: 'EXIF-rotated 300×400', code: at('./exif-6-400x300.jpg'), errors: [{ messageId: 'lowResolution', includes: ['300×400 px (as displayed, after EXIF orientation 6)'] }] },
    { name: 'animated 64×64 frames', code: at('./animated.webp'), errors: [{ messageId: 'tooSmall', includes: ['64×64'] }] },
    { name: 'over a URL', code: at(URL_LOGO), request: served('logo-200.png'), errors: [{ messageId: 'tooSmall' }] },
  ],
});
