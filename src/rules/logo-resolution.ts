import { dimensions, logoName, sizeNote } from '../logo/words.js';
import { defineIoRule } from './define-rule.js';

/** Below this on the shorter side: an error (blurred on any screen). */
export const MIN_LOGO_SIDE = 256;
/** Below this: a warning ("high-resolution" in Pleo's words; crisp on high-density screens). */
export const RECOMMENDED_LOGO_SIDE = 512;

export default defineIoRule<'tooSmall' | 'lowResolution'>({
  id: 'logo-resolution',
  requires: ['image'],
  severity: 'error',
  severities: { lowResolution: 'warning' },
  messages: {
    tooSmall: 'Logo "{{logo}}" is {{size}} px{{note}}; under 256 px on its shorter side it looks blurred, and Pleo asks for a high-resolution logo. Export it at 512×512 px or larger.',
    lowResolution: 'Logo "{{logo}}" is {{size}} px{{note}}; under 512 px on its shorter side it looks soft on high-density screens. Export it at 512×512 px (or 1024×1024) for a crisp logo.',
  },
  docs: {
    summary: 'Use a high-resolution logo: at least 256 px on the shorter side, 512 px or more recommended.',
    why: 'Pleo asks for a "high-resolution" logo without a number. Consent screens scale the logo down, never up well: a small bitmap looks blurred on the high-density screens most users have. Vector (SVG) logos have no resolution and are not judged here (logo-format asks for a PNG export anyway).',
    bad: 'logo: ./brand/favicon-64.png',
    good: 'logo: ./brand/logo-512.png',
    fix: 'Export the logo from its source (vector) file at 512×512 or 1024×1024 px; do not upscale a small bitmap.',
    source: 'Pleo "OAuth client registration": "high-resolution logo"; thresholds are a house rule (Make.com asks ≥ 256 px, Slack 512–2000 px).',
  },
  async check(_manifest, context) {
    const logo = await context.services.logo();
    if (logo.kind !== 'image' || logo.format === 'svg') return;
    const shorter = Math.min(logo.width, logo.height);
    if (shorter >= RECOMMENDED_LOGO_SIDE) return;
    context.report({
      messageId: shorter < MIN_LOGO_SIDE ? 'tooSmall' : 'lowResolution',
      path: ['logo'],
      data: { logo: logoName(logo.source, context), size: dimensions(logo), note: sizeNote(logo) },
    });
  },
});
