import { defineRule } from './define-rule.js';
import { clip } from '../text/describe.js';
import { describeOutcome, PAGE_REQUEST } from './utils/outcome.js';
import { classifyHost, cleanUri, isAllowedLoopback, isWebUrl, parseUrl, quoteUri, redirectUris } from '../uri/uri.js';

export default defineRule({
  id: 'redirect-uri-public-host',
  severity: 'error',
  severities: { reservedDomain: 'warning' },
  messages: {
    loopbackProduction: 'Redirect URI "{{uri}}" points at {{host}}, the user\'s own computer; a production registration needs your public host. Keep loopback redirects in the staging manifest.',
    loopbackNotExact: 'Redirect URI "{{uri}}" uses the loopback host {{host}}; staging allows only localhost, 127.0.0.1 and [::1], written exactly so.',
    ipAddress: 'Redirect URI "{{uri}}" uses an IP address as its host ({{host}}: {{range}}); use a public domain name you control.',
    singleLabel: 'Redirect URI "{{uri}}" has the host "{{host}}" without a dot, which resolves only inside a local network; use a fully qualified public domain name.',
    localName: 'Redirect URI "{{uri}}" has the host "{{host}}" under "{{suffix}}", which exists only inside a local network or computer; use a public domain name.',
    reservedDomain: 'Redirect URI "{{uri}}" uses the reserved example domain "{{host}}" ({{suffix}}), which nobody can register; replace it with your own domain.',
    resolvesPrivate: 'Redirect URI "{{uri}}" {{reason}}; authorization codes would go to that network, not to your application. Use a host that resolves to your public servers.',
  },
  docs: {
    summary: 'Send authorization codes to a public host: no loopback, IP address, single-label or local-network host in production; in staging, loopback (localhost, 127.0.0.1, [::1]) is fine.',
    why: 'An authorization code sent to localhost, a private address or an intranet name reaches whatever answers there on the user\'s machine or network, not your application. Loopback redirects serve development, which Pleo allows in its staging environment only.',
    bad: 'environment: production\nredirect_uris:\n  - https://localhost:3000/callback\n  - https://10.0.0.5/callback\n  - https://intranet/callback',
    good: 'environment: production\nredirect_uris:\n  - https://app.acme-books.io/callback',
    fix: 'Register the public https:// callback of your application. Put development redirects (http://localhost:3000/callback) in a staging manifest. Online, the rule also follows the name to the address it resolves to, and reports a private or special-use address, which is never requested.',
    source: 'Pleo "OAuth Client Configuration" (HTTPS in production, HTTP only for localhost during development); RFC 8252 §7.3 and §8.3; RFC 6761, RFC 6762, RFC 1918; Google OAuth redirect URI rules (no raw IP hosts)',
  },
  check(manifest, context) {
    const staging = manifest.environment === 'staging';
    for (const { path, raw } of redirectUris(manifest.data)) {
      const url = parseUrl(raw);
      if (!isWebUrl(url) || (staging && isAllowedLoopback(url.hostname))) continue;
      const host = classifyHost(url.hostname);
      if (host.kind === 'public') continue;
      // `localhost`, 127.0.0.0/8 and ::1 are loopback; `*.localhost` is reported as a local name.
      const loopback = host.loopback && host.kind !== 'localName';
      const messageId = loopback ? (staging ? 'loopbackNotExact' : 'loopbackProduction') : host.kind === 'ip' ? 'ipAddress' : host.kind === 'reserved' ? 'reservedDomain' : host.kind === 'singleLabel' ? 'singleLabel' : 'localName';
      context.report({ messageId, path, data: { uri: quoteUri(raw, context), host: clip(url.hostname), range: host.range ?? '', suffix: host.suffix ?? '' } });
    }
  },
  async checkOnline(manifest, context) {
    const named = redirectUris(manifest.data).filter(({ raw }) => {
      const url = parseUrl(raw);
      return url?.protocol === 'https:' && classifyHost(url.hostname).kind === 'public';
    });
    await Promise.all(
      named.map(async ({ path, raw }) => {
        const outcome = await context.services.request(cleanUri(raw), PAGE_REQUEST);
        if (outcome.kind !== 'blocked') return;
        context.report({ messageId: 'resolvesPrivate', path, data: { uri: quoteUri(raw, context), reason: describeOutcome(outcome) } });
      }),
    );
  },
});
