import { defineRule } from './define-rule.js';
import { clip } from '../text/describe.js';
import { FORBIDDEN_SCHEMES, isAllowedLoopback, parseUrl, quoteUri, redirectUris, schemeOf } from '../uri/uri.js';

export default defineRule({
  id: 'redirect-uri-https',
  severity: 'error',
  messages: {
    httpProduction: 'Redirect URI "{{uri}}" uses http:; production allows only https: (http://localhost is allowed in staging registrations).',
    http: 'Redirect URI "{{uri}}" uses http:; use https: (http: is allowed only for localhost, 127.0.0.1 and [::1] in staging registrations).',
    forbiddenScheme: 'Redirect URI "{{uri}}" uses the {{scheme}}: scheme, which runs code or data instead of reaching your application; use an https:// URL.',
    unsupportedScheme: 'Redirect URI "{{uri}}" uses the {{scheme}}: scheme; Pleo accepts only https: redirect URIs (custom app schemes such as com.example.app: are not supported; a mobile app can use a claimed https: link).',
    invalid: 'Redirect URI "{{uri}}" is not a valid absolute URL; write the full URL, starting with https://.',
  },
  docs: {
    summary: 'Use https: for every redirect URI; http: only for localhost, 127.0.0.1 or [::1] in a staging registration.',
    why: 'The authorization code travels in the redirect URI. Over http: anyone on the network can read it, so Pleo requires HTTPS in production and allows http: only for localhost during development. javascript:, data: and custom app schemes cannot be trusted to reach your application.',
    bad: 'environment: production\nredirect_uris:\n  - http://app.acme-books.io/callback\n  - http://localhost:3000/callback',
    good: 'environment: production\nredirect_uris:\n  - https://app.acme-books.io/callback',
    fix: 'Serve the callback over https: and register the https:// URL. Keep http://localhost redirects in the staging manifest (environment: staging).',
    source: 'Pleo "OAuth Client Configuration" (redirect URIs must use HTTPS in production; HTTP only for localhost during development); RFC 9700 §2.6; RFC 8252 §7.3',
  },
  check(manifest, context) {
    const staging = manifest.environment === 'staging';
    for (const { path, raw } of redirectUris(manifest.data)) {
      const scheme = schemeOf(raw);
      if (scheme === 'https' && parseUrl(raw)?.hostname) continue;
      const url = scheme === undefined ? undefined : parseUrl(raw);
      const report = (messageId: 'httpProduction' | 'http' | 'forbiddenScheme' | 'unsupportedScheme' | 'invalid') =>
        context.report({ messageId, path, data: { uri: quoteUri(raw, context), scheme: clip(scheme ?? '', 30) } });
      if (scheme === 'http' && url?.hostname) {
        if (!isAllowedLoopback(url.hostname)) report('http');
        else if (!staging) report('httpProduction');
      } else if (!url || scheme === 'http' || scheme === 'https') {
        report('invalid');
      } else {
        report(FORBIDDEN_SCHEMES.has(scheme!) ? 'forbiddenScheme' : 'unsupportedScheme');
      }
    }
  },
});
