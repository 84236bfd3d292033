import { defineRule } from './define-rule.js';
import { trimmed } from '../text/trim.js';
import { removeRepeatFix, trimmedRepeats } from './utils/fixes.js';
import { clip } from '../text/describe.js';
import { isWebUrl, parseUrl, quoteUri, redirectUris, splitRaw } from '../uri/uri.js';

export default defineRule({
  id: 'redirect-uri-unique',
  severity: 'error',
  severities: { nearDuplicate: 'warning' },
  messages: {
    duplicate: 'Redirect URI "{{uri}}" is listed twice (first as redirect_uris[{{first}}]); remove this copy.',
    nearDuplicate: 'Redirect URI "{{uri}}" differs from redirect_uris[{{first}}] "{{other}}" only by {{difference}}; Pleo matches redirect URIs exactly, so keep the one your application sends and remove the other.',
  },
  docs: {
    summary: 'List each redirect URI once, and not in two spellings of the same URL.',
    why: 'A copy adds nothing but noise to the review. Two spellings of one URL ("/callback" and "/callback/", "App.Acme-Books.io" and "app.acme-books.io", ":443" and none) suggest that nobody knows which one the application sends; since Pleo matches exactly, only one of them works.',
    bad: 'redirect_uris:\n  - https://app.acme-books.io/callback\n  - https://app.acme-books.io/callback/\n  - https://app.acme-books.io/callback',
    good: 'redirect_uris:\n  - https://app.acme-books.io/callback',
    fix: 'Keep the exact string your application sends as redirect_uri and delete the others.',
    source: 'Pleo "OAuth Client Configuration" (must match exactly, no aliases); RFC 9700 §2.1; house rule',
  },
  check(manifest, context) {
    const seen = new Map<string, number>();
    const similar = new Map<string, { index: number; raw: string }>();
    const list = manifest.data.redirect_uris;
    const repeats = Array.isArray(list) ? trimmedRepeats(list) : [];
    for (const { path, raw } of redirectUris(manifest.data)) {
      const index = path[1] as number;
      const first = seen.get(raw);
      if (first !== undefined) {
        // An exact repeat goes; one with white space around it is redirect-uri-exact's to fix.
        const fix = repeats[index] === undefined || trimmed(raw) !== undefined ? undefined : removeRepeatFix('redirect_uris', index, raw, repeats[index]!, [], undefined, true);
        context.report({ messageId: 'duplicate', path, data: { uri: quoteUri(raw, context), first }, fix });
        continue;
      }
      seen.set(raw, index);
      const url = parseUrl(raw);
      if (!isWebUrl(url)) continue;
      // The parsed form (scheme and host case, default port, … set aside) without a trailing slash.
      url.username = url.password = '';
      const key = url.origin + url.pathname.replace(/\/$/, '') + url.href.slice(url.origin.length + url.pathname.length);
      const other = similar.get(key);
      if (!other) {
        similar.set(key, { index, raw });
        continue;
      }
      const data = { uri: quoteUri(raw, context), other: quoteUri(other.raw, context), first: other.index, difference: difference(other.raw, raw, url) };
      context.report({ messageId: 'nearDuplicate', path, data });
    }
  },
});

/** What sets two spellings of one URL apart, in words. */
function difference(a: string, b: string, url: URL): string {
  const pa = splitRaw(a);
  const pb = splitRaw(b);
  const found: string[] = [];
  if (pa && pb) {
    const originA = `${pa.scheme}://${pa.host}`;
    const originB = `${pb.scheme}://${pb.host}`;
    if (originA !== originB && originA.toLowerCase() === originB.toLowerCase()) found.push('letter case');
    if ((pa.port ?? '') !== (pb.port ?? '')) found.push('the default port');
    const pathA = pa.rest.split(/[?#]/, 1)[0]!;
    const pathB = pb.rest.split(/[?#]/, 1)[0]!;
    if (pathA !== pathB && pathA.replace(/\/$/, '') === pathB.replace(/\/$/, '')) found.push('a trailing slash');
  }
  return found.length > 0 ? found.join(' and ') : `how it is written (both are read as "${clip(url.href)}")`;
}
