import { defineRule } from './define-rule.js';
import { caseAndPortFix, trimFix } from './utils/fixes.js';
import { clip } from '../text/describe.js';
import { analyseCanonical, canonicalMessages, quoteUri, webUris } from '../uri/uri.js';

export default defineRule({
  id: 'uri-canonical',
  severity: 'warning',
  messages: canonicalMessages('{{label}} "{{uri}}"'),
  docs: {
    summary: 'Write each URI the way URL parsers read it: no surrounding spaces or backslashes, lower-case scheme and host, no default port, no dot segments, plain IPv4 notation, valid upper-case percent-escapes.',
    why: 'Browsers and Node.js silently rewrite what they cannot take literally: "HTTPS://Acme-Books.io:443/./terms" opens "https://acme-books.io/terms", "https://2130706433/" opens 127.0.0.1. What reviewers read is then not what users get, and tools that compare the text (Pleo\'s review, caches, allow-lists) see a different URI from the browser.',
    bad: 'client_uri: HTTPS://Acme-Books.io:443/\ntos_uri: "https://acme-books.io/legal/./terms "\npolicy_uri: https://acme-books.io/legal/%7eprivacy',
    good: 'client_uri: https://acme-books.io/\ntos_uri: https://acme-books.io/legal/terms\npolicy_uri: https://acme-books.io/legal/~privacy',
    fix: 'Replace the URI with the form the message names: it is what every parser reads.',
    source: 'RFC 3986 §6.2.2 (case, percent-encoding and dot-segment normalisation) and §6.2.3 (default ports); WHATWG URL Standard (host parsing, IPv4 number forms)',
  },
  check(manifest, context) {
    for (const { label, path, raw } of webUris(manifest.data)) {
      const analysis = analyseCanonical(raw);
      if (!analysis || analysis.findings.length === 0) continue;
      const uri = quoteUri(raw, context);
      const canonical = clip(analysis.canonical);
      // Only the fixes that cannot change what the URI names: white space around it, then scheme and host case and a default port.
      const fix = trimFix(label, raw, true) ?? caseAndPortFix(label, raw, analysis);
      for (const { messageId, data } of analysis.findings) context.report({ messageId, path, data: { ...data, label, uri, canonical }, fix });
    }
  },
});
