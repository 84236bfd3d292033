import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IMAGES, ioRuleTester, withLogo, LOGO_URL, servedLogo } from '../test-support/io-rule-tester.js';
import rule from './logo-square.js';

const served = (name: string) => servedLogo(readFileSync(join(IMAGES, name)));

ioRuleTester(rule, {
  valid: [
    withLogo('./logo-512.png'),
    withLogo('./logo-1024.png'),
    withLogo('./logo-100.png'),
    { name: 'a square SVG, rendered at 512×512', code: withLogo('./square.svg') },
    { name: 'a square animated GIF (logo-format reports the animation)', code: withLogo('./animated.gif') },
    { name: 'a square PNG over a URL', code: withLogo(LOGO_URL), request: served('logo-512.png') },
    { name: 'a bomb: logo-readable only', code: withLogo('./bomb-40000x40000.png') },
    { name: 'truncated: logo-readable only', code: withLogo('./truncated.png') },
    { name: 'a TIFF (not decoded): logo-format only', code: withLogo('./logo-512.tiff') },
    { name: 'missing', code: withLogo('./nope.png') },
    { name: 'wrong type', code: withLogo('true') },
  ],
  invalid: [
    { code: withLogo('./logo-300x200.png'), errors: [{ messageId: 'notSquare', path: '/logo', line: 2, column: 7, severity: 'error', includes: ['is 300×200 px, not square', '300×300 px canvas'] }] },
    {
      name: 'EXIF orientation 6: stored 400×300, judged as displayed 300×400',
      code: withLogo('./exif-6-400x300.jpg'),
      errors: [{ messageId: 'notSquare', includes: ['300×400 px (as displayed, after EXIF orientation 6)', '400×400 px canvas'], excludes: ['400×300'] }],
    },
    { name: 'a 1×100000 strip', code: withLogo('./tall-1x100000.png'), errors: [{ messageId: 'notSquare', includes: ['1×100000 px', '100000×100000'] }] },
    { name: 'a 3:1 SVG', code: withLogo('./wide.svg'), errors: [{ messageId: 'notSquare', includes: ['512×171 px (as rendered from the SVG)', '512×512 px canvas'] }] },
    { name: 'over a URL', code: withLogo(LOGO_URL), request: served('logo-300x200.png'), errors: [{ messageId: 'notSquare', includes: [`"${LOGO_URL}"`] }] },
  ],
});
