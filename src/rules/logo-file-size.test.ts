import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { paddedPng } from '../test-support/logo-images.js';
import { IMAGES, ioRuleTester, withLogo, LOGO_URL, servedLogo } from '../test-support/io-rule-tester.js';
import rule from './logo-file-size.js';

const exactlyOneMiB = await paddedPng(1024 * 1024);
const justOver = await paddedPng(1024 * 1024 + 1);
const nineMiB = await paddedPng(9 * 1024 * 1024);

ioRuleTester(rule, {
  valid: [
    withLogo('./logo-512.png'),
    withLogo('./logo-1024.png'),
    { name: 'exactly 1 MiB', code: withLogo(LOGO_URL), request: servedLogo(exactlyOneMiB) },
    { name: 'a bomb: logo-readable only', code: withLogo('./bomb-40000x40000.png') },
    { name: 'missing: logo-readable only', code: withLogo('./nope.png') },
    { name: 'wrong type', code: withLogo('3.5') },
  ],
  invalid: [
    { code: withLogo('./large-1.2mib.png'), errors: [{ messageId: 'large', path: '/logo', line: 2, severity: 'warning', includes: ['is 1.2 MiB, over 1 MiB'] }] },
    { name: 'one byte over 1 MiB', code: withLogo(LOGO_URL), request: servedLogo(justOver), errors: [{ messageId: 'large', includes: ['1.0 MiB'] }] },
    { name: '9 MiB over a URL', code: withLogo(LOGO_URL), request: servedLogo(nineMiB), errors: [{ messageId: 'large', includes: ['9.0 MiB'] }] },
  ],
});

// Sanity: the fixture really is over the threshold on disk.
if (readFileSync(join(IMAGES, 'large-1.2mib.png')).length <= 1024 * 1024) throw new Error('large-1.2mib.png is not over 1 MiB');
