import { dimensions, logoName, sizeNote } from '../logo/words.js';
import { defineIoRule } from './define-rule.js';

export default defineIoRule<'notSquare'>({
  id: 'logo-square',
  requires: ['image'],
  severity: 'error',
  messages: {
    notSquare:
      'Logo "{{logo}}" is {{size}} px{{note}}, not square; consent screens crop it to a square or a circle. Centre it on a {{side}}×{{side}} px canvas (transparent or solid background) and export it again.',
  },
  docs: {
    summary: 'Use a square logo: width equals height, as displayed (after EXIF orientation).',
    why: 'Pleo asks for a square (1:1) logo. A wide or tall logo is cropped or squeezed on the consent screen, and users judge whether to trust the app by it. A photo-style JPEG may be stored sideways with an EXIF orientation; what counts is how it is displayed.',
    bad: 'logo: ./brand/wordmark-600x200.png',
    good: 'logo: ./brand/logo-512.png',
    fix: 'Place the logo on a square canvas as wide as its longer side (padding the shorter side) and export it again; do not stretch it.',
    source: 'Pleo "OAuth client registration": "Square (1:1), high-resolution logo representing your application".',
  },
  async check(_manifest, context) {
    const logo = await context.services.logo();
    if (logo.kind !== 'image' || logo.width === logo.height) return;
    context.report({
      messageId: 'notSquare',
      path: ['logo'],
      data: { logo: logoName(logo.source, context), size: dimensions(logo), note: sizeNote(logo), side: Math.max(logo.width, logo.height) },
    });
  },
});
