import { defineRule } from './define-rule.js';
import { cleanUri, parseUrl, quoteUri } from '../uri/uri.js';

export default defineRule({
  id: 'legal-uris-distinct',
  severity: 'warning',
  messages: {
    samePage: 'policy_uri "{{policy}}" is the same page as tos_uri "{{tos}}"; link the privacy policy and the terms of service to pages of their own.',
    sameSectionOfPage: 'policy_uri "{{policy}}" and tos_uri "{{tos}}" differ only after "#", so both open the same page; link the privacy policy and the terms of service to pages of their own.',
  },
  docs: {
    summary: 'Link the terms of service and the privacy policy to two different pages.',
    why: 'Pleo shows both links on its consent screen and its review checks that each document exists. One page behind both links usually means one of the two documents is missing, or a placeholder was copied.',
    bad: 'tos_uri: https://acme-books.io/legal\npolicy_uri: https://acme-books.io/legal/',
    good: 'tos_uri: https://acme-books.io/legal/terms\npolicy_uri: https://acme-books.io/legal/privacy',
    fix: 'Point policy_uri at your privacy policy and tos_uri at your terms of service, each on its own page.',
    source: 'Pleo Developer Partner Registration form (separate Terms of Service and Privacy Policy links); RFC 7591 §2 (tos_uri, policy_uri)',
  },
  check(manifest, context) {
    const { tos_uri: tos, policy_uri: policy } = manifest.data;
    if (typeof tos !== 'string' || typeof policy !== 'string' || cleanUri(tos) === '') return;
    const a = pageOf(tos);
    const b = pageOf(policy);
    if (a.page !== b.page) return;
    const data = { tos: quoteUri(tos, context), policy: quoteUri(policy, context) };
    context.report({ messageId: a.fragment !== b.fragment ? 'sameSectionOfPage' : 'samePage', path: ['policy_uri'], data });
  },
});

/**
 * The page a URI opens, ignoring the fragment, letter case of scheme and host, the default port, a
 * trailing slash and http versus https (one server answers both); the text itself when it does not parse.
 */
function pageOf(raw: string): { page: string; fragment: string } {
  const url = parseUrl(raw);
  if (!url || url.hostname === '') {
    const [page = '', fragment = ''] = cleanUri(raw).split('#', 2);
    return { page, fragment };
  }
  const scheme = url.protocol === 'http:' ? 'https:' : url.protocol;
  const port = url.protocol === 'http:' && url.port === '' ? '' : url.port;
  return { page: `${scheme}//${url.hostname}${port ? `:${port}` : ''}${url.pathname.replace(/\/$/, '')}${url.search}`, fragment: url.hash };
}
