import { defineRule } from './define-rule.js';
import { clip } from '../text/describe.js';
import { describeOutcome, LOGO_REQUEST, PAGE_REQUEST } from './utils/outcome.js';
import { classifyHost, cleanUri, isWebUrl, parseUrl, placeholderDomain, quoteUri, webUris } from '../uri/uri.js';

export default defineRule({
  id: 'uri-public-host',
  severity: 'error',
  severities: { reservedDomain: 'warning', reservedDomainShared: 'warning' },
  messages: {
    localhost: '{{label}} "{{uri}}" points at {{host}}, the user\'s own computer, not your site; use the public https:// address of the page.',
    ipAddress: '{{label}} "{{uri}}" uses an IP address as its host ({{host}}: {{range}}); use your public domain name.',
    singleLabel: '{{label}} "{{uri}}" has the host "{{host}}" without a dot, which resolves only inside a local network; use a fully qualified public domain name.',
    localName: '{{label}} "{{uri}}" has the host "{{host}}" under "{{suffix}}", which exists only inside a local network or computer; use a public domain name.',
    reservedDomain: '{{label}} "{{uri}}" uses the reserved example domain "{{host}}" ({{suffix}}), which nobody can register; replace it with your own domain.',
    reservedDomainShared: '{{label}} "{{uri}}" and {{count}} more links use the placeholder domain "{{host}}" ({{suffix}}), which nobody can register; replace it with your own domain everywhere (the links on it are not requested).',
    resolvesPrivate: '{{label}} "{{uri}}" {{reason}}; users cannot reach it. Publish the page on a public address.',
  },
  docs: {
    summary: 'Point every page Pleo links to at a public domain name: no localhost, IP addresses, single-label or local-network names, no example domains.',
    why: 'Pleo shows these links to every user of your integration, on their own computers: localhost, 10.0.0.5 or intranet names lead nowhere (or somewhere else) for them. Example domains are placeholders that were never replaced.',
    bad: 'client_uri: https://localhost:3000/\ntos_uri: https://10.0.0.5/legal/terms\npolicy_uri: https://acme.example.com/privacy',
    good: 'client_uri: https://acme-books.io/\ntos_uri: https://acme-books.io/legal/terms\npolicy_uri: https://acme-books.io/legal/privacy',
    fix: 'Use the public address of the page on your own domain. Online, the rule also follows the name (and its redirects) to the address it resolves to, and reports a private or special-use address, which is never requested.',
    source: 'RFC 6761 (localhost, .test, .example, .invalid, example.com/.net/.org), RFC 6762 (.local), RFC 8375 (home.arpa), ICANN resolution on .internal (2024), RFC 1918 / RFC 6598 / RFC 3927 (private, CGNAT, link-local addresses); RFC 7591 §5',
  },
  check(manifest, context) {
    // A placeholder domain (init's starter, a copied example) is one warning, at its first link.
    const onPlaceholder = new Map<string, number>();
    const found = webUris(manifest.data).flatMap(({ label, path, raw }) => {
      const url = parseUrl(raw);
      if (!isWebUrl(url)) return [];
      const host = classifyHost(url.hostname);
      if (host.kind === 'public') return [];
      const domain = host.kind === 'reserved' ? placeholderDomain(url.hostname, host.suffix ?? '') : url.hostname;
      if (host.kind === 'reserved') onPlaceholder.set(domain, (onPlaceholder.get(domain) ?? 0) + 1);
      return [{ label, path, raw, url, host, domain }];
    });
    const reported = new Set<string>();
    for (const { label, path, raw, url, host, domain } of found) {
      const shared = onPlaceholder.get(domain) ?? 0;
      if (host.kind === 'reserved') {
        if (reported.has(domain)) continue;
        reported.add(domain);
      }
      const messageId =
        host.kind === 'ip' ? 'ipAddress' : host.kind === 'reserved' ? (shared > 1 ? 'reservedDomainShared' : 'reservedDomain') : (host.kind as 'localhost' | 'singleLabel' | 'localName');
      const data = { label, uri: quoteUri(raw, context), host: clip(shared > 1 ? domain : url.hostname), range: host.range ?? '', suffix: host.suffix ?? '', count: shared - 1 };
      context.report({ messageId, path, data });
    }
  },
  async checkOnline(manifest, context) {
    const named = webUris(manifest.data).filter(({ raw }) => {
      const url = parseUrl(raw);
      return url?.protocol === 'https:' && classifyHost(url.hostname).kind === 'public';
    });
    await Promise.all(
      named.map(async ({ label, path, raw }) => {
        const outcome = await context.services.request(cleanUri(raw), label === 'logo' ? LOGO_REQUEST : PAGE_REQUEST);
        if (outcome.kind !== 'blocked') return;
        context.report({ messageId: 'resolvesPrivate', path, data: { label, uri: quoteUri(raw, context), reason: describeOutcome(outcome) } });
      }),
    );
  },
});
