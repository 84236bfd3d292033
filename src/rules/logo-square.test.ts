import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IMAGES, fakeRequest, ioRuleTester } from '../test-support/io-rule-tester.js';
import rule from './logo-square.js';

const URL_LOGO = 'https://acme-books.io/brand/logo.png';
const at = (logo: string) => `client_name: Acme Books\nlogo: ${logo}\n`;
const served = (name: string) => fakeRequest({ [URL_LOGO]: { kind: 'response', status: 200, contentType: 'image/png', body: readFileSync(join(IMAGES, name)) } });

ioRuleTester(rule, {
  valid: [
    at('./logo-512.png'),
    at('./logo-1024.png'),
    at('./logo-100.png'),
    { name: 'a square SVG, rendered at 512×512', code: at('./square.svg') },
    { name: 'a square animated GIF (logo-format reports the animation)', code: at('./animated.gif') },
    { name: 'a square PNG over a URL', code: at(URL_LOGO), request: served('logo-512.png') },
    { name: 'a bomb: logo-readable only', code: at('./bomb-40000x40000.png') },
    { name: 'truncated: logo-readable only', code: at('./truncated.png') },
    { name: 'a TIFF (not decoded): logo-format only', code: at('./logo-512.tiff') },
    { name: 'missing', code: at('./nope.png') },
    { name: 'wrong type', code: at('true') },
  ],
  invalid: [
    { code: at('./logo-300x200.png'), errors: [{ messageId: 'notSquare', path: '/logo', line: 2, column: 7, severity: 'error', includes: ['is 300×200 px, not square', '300×300 px canvas'] }] },
    {
      name: 'EXIF orientation 6: stored 400×300, judged as displayed 300×400',
      code: at('./exif-6-400x300.jpg'),
      errors: [{ messageId: 'notSquare', includes: ['300×400 px (as displayed, after EXIF orientation 6)', '400×400 px canvas'], excludes: ['400×300'] }],
    },
    { name: 'a 1×100000 strip', code: at('./tall-1x100000.png'), errors: [{ messageId: 'notSquare', includes: ['1×100000 px', '100000×100000'] }] },
    { name: 'a 3:1 SVG', code: at('./wide.svg'), errors: [{ messageId: 'notSquare', includes: ['512×171 px (as rendered from the SVG)', '512×512 px canvas'] }] },
    { name: 'over a URL', code: at(URL_LOGO), request: served('logo-300x200.png'), errors: [{ messageId: 'notSquare', includes: [`"${URL_LOGO}"`] }] },
  ],
});
