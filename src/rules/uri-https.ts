import { defineRule } from './define-rule.js';
import { clip } from '../text/describe.js';
import { FORBIDDEN_SCHEMES, cleanUri, parseUrl, quoteUri, schemeOf, suggestAbsolute, webUris } from '../uri/uri.js';

export default defineRule({
  id: 'uri-https',
  severity: 'error',
  messages: {
    forbiddenScheme: '{{label}} "{{uri}}" uses the {{scheme}}: scheme, which runs code or reads local data instead of opening a web page; use an https:// URL.',
    http: '{{label}} "{{uri}}" uses http:, so the page can be read or changed on the way to the user; use https: ("{{suggestion}}").',
    otherScheme: '{{label}} "{{uri}}" uses the {{scheme}}: scheme; Pleo links to web pages only, so use an https:// URL.',
    notAbsolute: '{{label}} "{{uri}}" is not an absolute URL; write it in full, starting with https:// (for example "{{suggestion}}").',
    invalid: '{{label}} "{{uri}}" is not a valid URL; write the full address of the page, such as "https://acme-books.io/legal/terms".',
  },
  docs: {
    summary: 'Write every page Pleo links to (client_uri, tos_uri, policy_uri, initiation_uri, settings_uri, a logo URL) as an absolute https: URL.',
    why: 'Pleo shows these links to users on its consent screen and opens the initiation and settings pages with a signed pleo_id_token in the query. Over http: anyone on the network can read the token or replace the page; javascript:, data: or file: URLs run code or read local files instead of opening a page.',
    bad: 'client_uri: http://acme-books.io/\ntos_uri: acme-books.io/legal/terms\npolicy_uri: javascript:alert(1)',
    good: 'client_uri: https://acme-books.io/\ntos_uri: https://acme-books.io/legal/terms\npolicy_uri: https://acme-books.io/legal/privacy',
    fix: 'Write the full https:// address of the page. A logo may also be a path relative to the manifest (./brand/logo.png).',
    source: 'RFC 7591 §2 and §5 (displayed URLs must be valid web pages); OpenID Connect Registration 1.0 §2 (initiate_login_uri MUST use https); Pleo OAuth security guidance (all OAuth traffic over HTTPS)',
  },
  check(manifest, context) {
    for (const { label, path, raw } of webUris(manifest.data)) {
      const uri = quoteUri(raw, context);
      const scheme = schemeOf(raw);
      const url = parseUrl(raw);
      if (scheme === 'https' && url?.hostname) continue;
      if (scheme === undefined) {
        context.report({ messageId: 'notAbsolute', path, data: { label, uri, suggestion: quoteUri(suggestAbsolute(raw), context) } });
      } else if (FORBIDDEN_SCHEMES.has(scheme)) {
        context.report({ messageId: 'forbiddenScheme', path, data: { label, uri, scheme } });
      } else if (scheme === 'http' && url?.hostname) {
        context.report({ messageId: 'http', path, data: { label, uri, suggestion: quoteUri(`https:${cleanUri(raw).slice(5)}`, context) } });
      } else if (scheme === 'http' || scheme === 'https') {
        context.report({ messageId: 'invalid', path, data: { label, uri } });
      } else {
        context.report({ messageId: 'otherScheme', path, data: { label, uri, scheme: clip(scheme, 30) } });
      }
    }
  },
});
