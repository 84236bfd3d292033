import { formatBytes, logoName } from '../logo/words.js';
import { defineIoRule } from './define-rule.js';

/** Over this, a warning: consent screens load the logo on every authorisation. */
export const LOGO_SIZE_WARNING = 1024 * 1024;

export default defineIoRule<'large'>({
  id: 'logo-file-size',
  requires: ['image'],
  severity: 'warning',
  messages: {
    large: 'Logo "{{logo}}" is {{size}}, over 1 MiB; it is loaded on every consent screen, so export it at 512×512 px and compress it (a PNG logo is usually under 200 KiB).',
  },
  docs: {
    summary: 'Keep the logo file at 1 MiB or less.',
    why: 'The logo is loaded each time a user is asked for consent, often on a phone. A logo over 1 MiB is usually a photo-sized export or carries metadata and thumbnails; Google refuses logos over 1 MB and Microsoft over 100 KB.',
    bad: 'logo: ./brand/logo-4096-print.png   # 3.2 MiB',
    good: 'logo: ./brand/logo-512.png         # 48 KiB',
    fix: 'Export the logo at 512×512 (or 1024×1024) px, strip metadata, and compress it (pngquant, oxipng, or WebP).',
    source: 'Google OAuth brand logo ≤ 1 MB, Microsoft Entra < 100 KB; 1 MiB is a house rule.',
  },
  async check(_manifest, context) {
    const logo = await context.services.logo();
    if ((logo.kind !== 'image' && logo.kind !== 'undecoded-format') || logo.byteLength <= LOGO_SIZE_WARNING) return;
    context.report({ messageId: 'large', path: ['logo'], data: { logo: logoName(logo.source, context), size: formatBytes(logo.byteLength) } });
  },
});
