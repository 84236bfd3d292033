import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IMAGES, ioRuleTester, withLogo, LOGO_URL, servedLogo } from '../test-support/io-rule-tester.js';
import rule from './logo-resolution.js';

const served = (name: string) => servedLogo(readFileSync(join(IMAGES, name)));

ioRuleTester(rule, {
  valid: [
    withLogo('./logo-512.png'),
    withLogo('./logo-512.jpg'),
    withLogo('./logo-512.webp'),
    withLogo('./logo-1024.png'),
    { name: 'a square SVG: no resolution', code: withLogo('./square.svg') },
    { name: 'a 3:1 SVG (rendered 512×171): no resolution; logo-square reports the shape', code: withLogo('./wide.svg') },
    { name: 'a bomb: logo-readable only', code: withLogo('./bomb-16383x16383.webp') },
    { name: 'a TIFF (not decoded): logo-format only', code: withLogo('./logo-512.tiff') },
    { name: 'not an image', code: withLogo('./not-an-image.png') },
    { name: 'wrong type', code: 'logo: {}\n' },
  ],
  invalid: [
    { name: '384×384: warning', code: withLogo('./logo-384.png'), errors: [{ messageId: 'lowResolution', path: '/logo', line: 2, severity: 'warning', includes: ['384×384 px', 'under 512 px', '512×512'] }] },
    { name: '200×200: under 256 px, an error', code: withLogo('./logo-200.png'), errors: [{ messageId: 'tooSmall', severity: 'error', includes: ['200×200 px', 'under 256 px', 'high-resolution'] }] },
    { name: '100×100: error', code: withLogo('./logo-100.png'), errors: [{ messageId: 'tooSmall', severity: 'error' }] },
    { name: '300×200: the shorter side counts', code: withLogo('./logo-300x200.png'), errors: [{ messageId: 'tooSmall' }] },
    { name: '1×100000: a 1 px shorter side', code: withLogo('./tall-1x100000.png'), errors: [{ messageId: 'tooSmall', includes: ['1×100000 px'] }] },
    { name: 'EXIF-rotated 300×400', code: withLogo('./exif-6-400x300.jpg'), errors: [{ messageId: 'lowResolution', includes: ['300×400 px (as displayed, after EXIF orientation 6)'] }] },
    { name: 'animated 64×64 frames', code: withLogo('./animated.webp'), errors: [{ messageId: 'tooSmall', includes: ['64×64'] }] },
    { name: 'over a URL', code: withLogo(LOGO_URL), request: served('logo-200.png'), errors: [{ messageId: 'tooSmall' }] },
  ],
});
