import { defineRule } from './define-rule.js';
import { trimItemFix, trimmedRepeats } from './utils/fixes.js';
import { clip } from '../text/describe.js';
import { analyseCanonical, canonicalMessages, quoteUri, redirectUris } from '../uri/uri.js';

export default defineRule({
  id: 'redirect-uri-exact',
  severity: 'warning',
  messages: {
    ...canonicalMessages('Redirect URI "{{uri}}"'),
    bareOrigin: 'Redirect URI "{{uri}}" has no path, and parsers and servers disagree on whether it ends in "/"; register the callback\'s full path, such as "{{example}}".',
    trailingDot: 'Redirect URI "{{uri}}" ends its host with a dot ("{{host}}"), which names the same server but never matches the URI your application sends; remove the dot.',
  },
  docs: {
    summary: 'Write redirect URIs exactly as your application sends them: canonical form, a real callback path, no trailing dot in the host.',
    why: 'Pleo compares the redirect_uri of each request with the registered ones as strings. A registered "HTTPS://App.Acme-Books.io:443/callback" never equals the "https://app.acme-books.io/callback" a browser or HTTP library sends, and "https://app.acme-books.io" is sent as "https://app.acme-books.io/" by some clients and without the slash by others.',
    bad: 'redirect_uris:\n  - HTTPS://App.Acme-Books.io:443/callback\n  - https://app.acme-books.io\n  - https://app.acme-books.io./callback',
    good: 'redirect_uris:\n  - https://app.acme-books.io/callback',
    fix: 'Register the form the message names, and make sure your application sends exactly that string as redirect_uri.',
    source: 'Pleo "OAuth Client Configuration" (redirect URIs must match exactly); RFC 9700 §2.1 and §4.1.3 (exact string matching); RFC 3986 §6.2',
  },
  check(manifest, context) {
    const list = manifest.data.redirect_uris;
    const repeats = Array.isArray(list) ? trimmedRepeats(list) : [];
    for (const { path, raw } of redirectUris(manifest.data)) {
      const index = path[1] as number;
      // White space around it is removed (or the URI goes when it then repeats one); case and port are Pleo's to compare, and stay.
      const fix = trimItemFix('redirect_uris', index, raw, repeats[index], undefined, true);
      const analysis = analyseCanonical(raw);
      if (!analysis) continue;
      const { url, parts, findings } = analysis;
      const isBare = /^\/?(?:[?#]|$)/.test(parts.rest);
      const hasDot = url.hostname.endsWith('.');
      if (findings.length === 0 && !isBare && !hasDot) continue;
      const uri = quoteUri(raw, context);
      const canonical = clip(analysis.canonical);
      for (const { messageId, data } of findings) context.report({ messageId, path, data: { ...data, uri, canonical }, fix });
      if (isBare) context.report({ messageId: 'bareOrigin', path, data: { uri, example: clip(`${url.origin}/oauth/callback`) }, fix });
      if (hasDot) context.report({ messageId: 'trailingDot', path, data: { uri, host: clip(url.hostname) }, fix });
    }
  },
});
