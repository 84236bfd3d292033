import { defineRule } from './define-rule.js';
import { clip } from '../text/describe.js';
import { cleanUri, quoteUri, redirectUris } from '../uri/uri.js';

export default defineRule({
  id: 'redirect-uri-no-fragment',
  severity: 'error',
  messages: {
    fragment: 'Redirect URI "{{uri}}" has the fragment "#{{fragment}}"; redirect URIs must not have one (Pleo adds code and state to the query). Register "{{fixed}}".',
    emptyFragment: 'Redirect URI "{{uri}}" ends with an empty fragment "#"; redirect URIs must not have one, and an exact match keeps the "#". Register "{{fixed}}".',
  },
  docs: {
    summary: 'Register redirect URIs without a fragment: no "#" anywhere, not even a trailing one.',
    why: 'OAuth forbids fragments in redirect URIs: the authorization server appends the response to the URI, and a browser keeps a fragment across redirects, where scripts on the page can read it. Parsers drop an empty "#" from the fragment but keep it in the URI text, so "…/callback#" never matches "…/callback".',
    bad: 'redirect_uris:\n  - https://app.acme-books.io/#/oauth/callback\n  - https://app.acme-books.io/callback#',
    good: 'redirect_uris:\n  - https://app.acme-books.io/oauth/callback',
    fix: 'Remove the "#" and everything after it. A single-page application with hash routing needs a real callback path that then routes internally.',
    source: 'RFC 6749 §3.1.2 (the redirection endpoint URI MUST NOT include a fragment component); OAuth 2.1 draft; OpenID Connect Registration 1.0',
  },
  check(manifest, context) {
    for (const { path, raw } of redirectUris(manifest.data)) {
      const hash = raw.indexOf('#');
      if (hash < 0) continue;
      const fragment = cleanUri(raw.slice(hash + 1));
      const data = { uri: quoteUri(raw, context), fragment: clip(fragment, 40), fixed: quoteUri(cleanUri(raw.slice(0, hash)), context) };
      context.report({ messageId: fragment === '' ? 'emptyFragment' : 'fragment', path, data });
    }
  },
});
