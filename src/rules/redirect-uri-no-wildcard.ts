import { defineRule } from './define-rule.js';
import { quoteUri, redirectUris, splitRaw } from '../uri/uri.js';

export default defineRule({
  id: 'redirect-uri-no-wildcard',
  severity: 'error',
  messages: {
    wildcardHost: 'Redirect URI "{{uri}}" has "*" in its host or port; Pleo matches redirect URIs exactly and has no wildcards (parsers even accept "*" as a literal host), so list each host in full.',
    wildcard: 'Redirect URI "{{uri}}" contains "*"; Pleo matches redirect URIs exactly and has no wildcards, so list each redirect URI in full.',
  },
  docs: {
    summary: 'Write every redirect URI in full: no "*" anywhere.',
    why: 'Pleo compares the redirect URI of each request with the registered ones character by character; a "*" is not a pattern but a literal character, so the registration will never match. Where servers do honour wildcards, they send authorization codes to any subdomain or path an attacker can take over.',
    bad: 'redirect_uris:\n  - https://*.acme-books.io/callback\n  - https://app.acme-books.io/callback/*',
    good: 'redirect_uris:\n  - https://app.acme-books.io/callback\n  - https://eu.acme-books.io/callback',
    fix: 'List each redirect URI your application uses, in full. Carry per-tenant context in the state parameter instead of the host or path.',
    source: 'Pleo "OAuth Client Configuration" (must match exactly: no aliases, no wildcards); RFC 9700 §2.1 and §4.1.1',
  },
  check(manifest, context) {
    for (const { path, raw } of redirectUris(manifest.data)) {
      if (!raw.includes('*')) continue;
      const inHost = splitRaw(raw)?.authority.includes('*') ?? false;
      context.report({ messageId: inHost ? 'wildcardHost' : 'wildcard', path, data: { uri: quoteUri(raw, context) } });
    }
  },
});
