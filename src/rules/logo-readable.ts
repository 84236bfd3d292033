import { MAX_LOGO_BYTES, type LogoInspection } from '../logo/types.js';
import { FORMAT_NAMES, formatBytes, formatCount, logoName } from '../logo/words.js';
import { defineIoRule } from './define-rule.js';
import { clip } from '../text/describe.js';
import { trimmed } from '../text/trim.js';
import { looksLikeUrl, quoteUri } from '../uri/uri.js';
import { trimFix } from './utils/fixes.js';

type MessageId =
  | 'surroundingWhitespace'
  | 'missing' | 'notAFile' | 'tooLarge' | 'absolutePath' | 'outsideRepository' | 'notHttps' | 'fetchFailed' | 'fetchTimeout' | 'readFailed'
  | 'notAnImage' | 'undecodable' | 'tooManyPixels' | 'noDecoder'
  | 'tooManyScans' | 'decodeMemory' | 'decodeWork' | 'decodeTime' | 'decodeProcessMemory';

export default defineIoRule<MessageId>({
  id: 'logo-readable',
  requires: ['image'],
  severity: 'error',
  severities: { fetchTimeout: 'warning', noDecoder: 'warning' },
  messages: {
    surroundingWhitespace: 'Logo "{{logo}}" has white space around it, which is no part of a file name or URL; write "{{trimmed}}".',
    missing: 'Logo file "{{logo}}" was not found ({{detail}}); the path is relative to this manifest\'s folder, so fix the path or add the file.',
    notAFile: 'Logo "{{logo}}" is not a regular file ({{detail}}); point logo at the image file itself, such as "./brand/logo.png".',
    tooLarge: 'Logo "{{logo}}" is over the 10 MiB limit ({{size}}), so it was not read; export it as a 512×512 or 1024×1024 PNG, which is far smaller.',
    absolutePath: 'Logo path "{{logo}}" is absolute; write it relative to this manifest (such as "./brand/logo.png") so it resolves on every machine and in CI.',
    outsideRepository: 'Logo path "{{logo}}" leads outside this manifest\'s repository ({{detail}}), so it was not read; keep the logo in the repository, such as "./brand/logo.png", or pass --allow-outside-logo if it belongs outside.',
    notHttps: 'Logo URL "{{logo}}" was not fetched: {{detail}}; serve the logo over https:// or use a path relative to this manifest.',
    fetchFailed: 'Logo URL "{{logo}}" could not be fetched: {{detail}}; make sure it answers 200 with the image, without a login.',
    fetchTimeout: 'Logo URL "{{logo}}" could not be verified: {{detail}}; check that the server answers, or run with --offline to skip URL logos.',
    readFailed: 'Logo "{{logo}}" could not be read ({{detail}}); check the file\'s permissions.',
    notAnImage: 'Logo "{{logo}}" is not an image: {{detail}}; use a PNG, JPEG or WebP file.',
    undecodable: 'Logo "{{logo}}" holds {{format}} data that does not decode: {{detail}}; export the image again as a PNG.',
    tooManyPixels: 'Logo "{{logo}}" declares {{size}} px ({{megapixels}} megapixels), over the 50-megapixel limit, so it was refused without decoding; export it at 512×512 or 1024×1024 px.',
    tooManyScans: 'Logo "{{logo}}" is a progressive JPEG of more than {{max}} scans, so it was refused without decoding: a decoder goes over the whole image once per scan; export it again as a baseline JPEG or a PNG.',
    decodeMemory: 'Logo "{{logo}}" ({{format}}, {{size}} px) would need about {{memory}} of memory to decode, over the {{max}} limit, so it was refused without decoding; export it at 512×512 or 1024×1024 px{{hint}}.',
    decodeWork: 'Logo "{{logo}}" ({{format}}, {{size}} px) would make a decoder visit {{found}} blocks of 8×8 pixels, over the limit of {{max}}, so it was refused without decoding; export it again as a baseline JPEG or a PNG at 512×512 or 1024×1024 px.',
    decodeTime: 'Logo "{{logo}}" ({{format}}) took longer than {{max}} to decode, so decoding was stopped; export it again as a PNG at 512×512 or 1024×1024 px.',
    decodeProcessMemory: 'Logo "{{logo}}" ({{format}}) used more than {{max}} of memory while decoding, so decoding was stopped; export it again as a PNG at 512×512 or 1024×1024 px.',
    noDecoder: 'Logo "{{logo}}" was not checked: the image decoder (sharp) could not be loaded ({{detail}}); reinstall pleo-register so that its sharp binaries are installed.',
  },
  docs: {
    summary: 'Point logo at a readable image: a regular file under 10 MiB next to the manifest (or an https:// URL that answers 200) that decodes and declares at most 50 megapixels.',
    why: 'Pleo needs the logo to show it on the consent screen. A missing file, a folder, an HTML error page saved as logo.png or a truncated download is only found when someone tries to use it. A decompression bomb (a small file declaring billions of pixels) would exhaust the memory of whatever decodes it, so its header is checked before any decode.',
    bad: 'logo: /Users/me/acme/brand/logo.png',
    good: 'logo: ./brand/logo.png',
    fix: 'Commit the logo next to the manifest and write its path relative to the manifest, or use an https:// URL that serves the image. Export it again as a PNG if it does not decode.',
    source: 'Pleo "OAuth client registration": a logo representing your application; house rule for the 10 MiB and 50-megapixel limits.',
  },
  checkManifest(manifest, context) {
    const value = manifest.data.logo;
    const fix = typeof value === 'string' ? trimFix('logo', value, true) : undefined;
    if (fix?.kind !== 'set') return;
    const shown = (text: string) => (looksLikeUrl(text) ? quoteUri(text, context) : clip(text));
    context.report({ messageId: 'surroundingWhitespace', path: ['logo'], data: { logo: shown(value as string), trimmed: shown(fix.value) }, fix });
  },
  async check(manifest, context) {
    // A logo with white space around it is reported from the manifest alone; reading it would only add "not found".
    if (typeof manifest.data.logo === 'string' && trimmed(manifest.data.logo) !== undefined) return;
    const logo = await context.services.logo();
    const report = (messageId: MessageId, data: Record<string, string | number>) => context.report({ messageId, path: ['logo'], data });
    switch (logo.kind) {
      case 'unreadable': {
        const name = logoName(logo.source, context);
        const detail = logo.detail;
        if (logo.reason === 'missing') report('missing', { logo: name, detail });
        else if (logo.reason === 'not-a-file') report('notAFile', { logo: name, detail });
        else if (logo.reason === 'too-large') report('tooLarge', { logo: name, size: sizeOf(logo.size, logo.limit) });
        else if (logo.reason === 'absolute-path') report('absolutePath', { logo: name });
        else if (logo.reason === 'outside-repository') report('outsideRepository', { logo: name, detail });
        else if (logo.reason === 'not-https') report('notHttps', { logo: name, detail });
        else if (logo.reason === 'fetch-failed') report(logo.outcome === 'timeout' ? 'fetchTimeout' : 'fetchFailed', { logo: name, detail });
        else report('readFailed', { logo: name, detail });
        return;
      }
      case 'not-an-image':
        return report('notAnImage', { logo: logoName(logo.source, context), detail: logo.detail });
      case 'undecodable':
        return report('undecodable', { logo: logoName(logo.source, context), format: FORMAT_NAMES[logo.format], detail: logo.detail });
      case 'too-many-pixels':
        return report('tooManyPixels', {
          logo: logoName(logo.source, context),
          size: `${logo.width}×${logo.height}${logo.pages > 1 ? ` × ${logo.pages} frames` : ''}`,
          megapixels: megapixels(logo),
        });
      case 'no-decoder':
        return report('noDecoder', { logo: logoName(logo.source, context), detail: logo.detail });
      case 'too-costly':
        return reportTooCostly(logo, logoName(logo.source, context), report);
      default:
        return;
    }
  },
});

type TooCostly = Extract<LogoInspection, { kind: 'too-costly' }>;

function reportTooCostly(logo: TooCostly, name: string, report: (messageId: MessageId, data: Record<string, string | number>) => void): void {
  const format = FORMAT_NAMES[logo.format];
  const size = `${logo.width ?? '?'}×${logo.height ?? '?'}`;
  switch (logo.limit) {
    case 'scans':
      return report('tooManyScans', { logo: name, max: logo.max });
    case 'memory': {
      // A progressive JPEG holds every coefficient; a baseline one streams.
      const hint = logo.format === 'jpeg' ? ', or as a baseline (not progressive) JPEG' : '';
      return report('decodeMemory', { logo: name, format, size, memory: formatBytes(logo.found ?? 0), max: formatBytes(logo.max), hint });
    }
    case 'block-visits':
      return report('decodeWork', { logo: name, format, size, found: formatCount(logo.found ?? 0), max: formatCount(logo.max) });
    case 'time':
      return report('decodeTime', { logo: name, format, max: `${logo.max / 1000} s` });
    case 'process-memory':
      return report('decodeProcessMemory', { logo: name, format, max: formatBytes(logo.max) });
  }
}

function sizeOf(size: number | undefined, limit = MAX_LOGO_BYTES): string {
  return size === undefined ? `more than ${formatBytes(limit)}` : formatBytes(size);
}

function megapixels(logo: Extract<LogoInspection, { kind: 'too-many-pixels' }>): string {
  const value = (logo.width * logo.height * logo.pages) / 1e6;
  return value >= 100 ? formatCount(Math.round(value)) : value.toFixed(1);
}
