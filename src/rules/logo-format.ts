import type { ImageFormat, LogoSource } from '../logo/types.js';
import { FORMAT_NAMES, logoName } from '../logo/words.js';
import { defineIoRule } from './define-rule.js';
import { clip } from '../text/describe.js';

type MessageId = 'svg' | 'svgActiveContent' | 'svgExternalReference' | 'animated' | 'gif' | 'otherFormat' | 'extensionMismatch' | 'contentTypeMismatch';

/** File extensions (lower case, without the dot) and media types that name each format. */
const EXTENSIONS: Readonly<Record<ImageFormat, readonly string[]>> = {
  png: ['png'], jpeg: ['jpg', 'jpeg', 'jpe', 'jfif', 'pjpeg', 'pjp'], webp: ['webp'], gif: ['gif'], svg: ['svg'],
  avif: ['avif'], heif: ['heic', 'heif', 'hif'], tiff: ['tif', 'tiff'], bmp: ['bmp', 'dib'], ico: ['ico', 'cur'],
};
const MEDIA_TYPES: Readonly<Record<ImageFormat, readonly string[]>> = {
  png: ['image/png'], jpeg: ['image/jpeg', 'image/jpg', 'image/pjpeg'], webp: ['image/webp'], gif: ['image/gif'], svg: ['image/svg+xml'],
  avif: ['image/avif'], heif: ['image/heic', 'image/heif', 'image/heic-sequence', 'image/heif-sequence'], tiff: ['image/tiff'],
  bmp: ['image/bmp', 'image/x-bmp', 'image/x-ms-bmp'], ico: ['image/x-icon', 'image/vnd.microsoft.icon', 'image/ico', 'image/icon'],
};

export default defineIoRule<MessageId>({
  id: 'logo-format',
  requires: ['image'],
  severity: 'error',
  severities: { svg: 'warning', extensionMismatch: 'warning', contentTypeMismatch: 'warning' },
  messages: {
    svg: 'Logo "{{logo}}" is an SVG: it was rendered at 512 px and checked, but most consent screens want a bitmap; export it as a 512×512 (or 1024×1024) PNG.',
    svgActiveContent: 'SVG logo "{{logo}}" contains {{found}}, which runs wherever the SVG is opened directly; remove it, or better, export the logo as a PNG.',
    svgExternalReference: 'SVG logo "{{logo}}" refers to "{{reference}}"{{more}} outside the file (not fetched here, but every viewer would request it); embed the resource or export the logo as a PNG.',
    animated: 'Logo "{{logo}}" is an animated {{format}} ({{pages}} frames); consent screens show a still image, so export one frame as a PNG.',
    gif: 'Logo "{{logo}}" is a GIF (at most 256 colours, no smooth edges); use a PNG, JPEG or WebP.',
    otherFormat: 'Logo "{{logo}}" is {{format}}, which consent screens do not show reliably; convert it to PNG, JPEG or WebP.',
    extensionMismatch: 'Logo file "{{logo}}" is named .{{extension}} but holds {{format}} data; rename it to .{{expected}} so every tool reads it the same way.',
    contentTypeMismatch: 'Logo URL "{{logo}}" is served as "{{contentType}}" but holds {{format}} data; serve it with Content-Type {{expected}}.',
  },
  docs: {
    summary: 'Use a still PNG, JPEG or WebP logo whose file extension (or Content-Type) matches its bytes.',
    why: 'Consent screens show a bitmap. An SVG may carry scripts and references to other servers, an animated image distracts on a screen that asks for consent, GIF has 256 colours, and AVIF, HEIF, TIFF, BMP or ICO are not shown everywhere. A logo.jpg that is really a PNG, or a URL served as text/html, is read differently by different tools.',
    bad: 'logo: ./brand/logo.svg',
    good: 'logo: ./brand/logo.png',
    fix: 'Export the logo as a single-frame PNG (512×512 or 1024×1024 px) and name it .png; for a URL logo, serve it with Content-Type image/png.',
    source: 'Pleo "OAuth client registration" asks for a high-resolution logo; Google and Microsoft accept PNG, JPEG and BMP only; house rule for SVG, GIF and animation.',
  },
  async check(_manifest, context) {
    const logo = await context.services.logo();
    if (logo.kind !== 'image' && logo.kind !== 'undecoded-format') return;
    const name = logoName(logo.source, context);
    const format = FORMAT_NAMES[logo.format];
    const report = (messageId: MessageId, data: Record<string, string | number> = {}) => context.report({ messageId, path: ['logo'], data: { logo: name, format, ...data } });

    if (logo.kind === 'undecoded-format') report('otherFormat');
    else if (logo.svg && (logo.svg.activeContent.length > 0 || logo.svg.externalReferences.length > 0)) {
      const { activeContent, externalReferences } = logo.svg;
      if (activeContent.length > 0) report('svgActiveContent', { found: activeContent.map((item) => clip(item, 30)).join(', ') });
      if (externalReferences.length > 0) {
        const more = externalReferences.length > 1 ? ` (and ${externalReferences.length - 1} more)` : '';
        report('svgExternalReference', { reference: clip(externalReferences[0]!), more });
      }
    } else if (logo.format === 'svg') report('svg');
    else if (logo.pages > 1) report('animated', { pages: logo.pages });
    else if (logo.format === 'gif') report('gif');

    const mismatch = disagreement(logo.source, logo.format, logo.contentType);
    if (mismatch?.kind === 'extension') report('extensionMismatch', { extension: clip(mismatch.found, 20), expected: EXTENSIONS[logo.format][0]! });
    if (mismatch?.kind === 'content-type') report('contentTypeMismatch', { contentType: clip(mismatch.found, 60), expected: MEDIA_TYPES[logo.format][0]! });
  },
});

/** A file's extension, or a URL's Content-Type, that names another format than the bytes. */
function disagreement(source: LogoSource, format: ImageFormat, contentType: string | undefined): { kind: 'extension' | 'content-type'; found: string } | undefined {
  if (source.kind === 'file') {
    const dot = source.fileName.lastIndexOf('.');
    if (dot <= 0 || dot === source.fileName.length - 1) return undefined; // no extension, or a dotfile
    const extension = source.fileName.slice(dot + 1).toLowerCase();
    return EXTENSIONS[format].includes(extension) ? undefined : { kind: 'extension', found: extension };
  }
  if (contentType === undefined || contentType.trim() === '') return undefined;
  const mediaType = contentType.split(';')[0]!.trim().toLowerCase();
  return MEDIA_TYPES[format].includes(mediaType) ? undefined : { kind: 'content-type', found: contentType.trim() };
}
