import { defineIoRule } from './define-rule.js';
import { describeOutcome, isBudgetSpent, isInconclusive, PAGE_REQUEST } from './utils/outcome.js';
import { cleanUri, isAllowedLoopback, onPlaceholderHost, parseUrl, quoteUri, redirectUris, schemeOf } from '../uri/uri.js';

export default defineIoRule({
  id: 'redirect-uri-reachable',
  severity: 'error',
  requires: ['network'],
  severities: { notFound: 'warning', unverified: 'warning', notChecked: 'warning', placeholder: 'info' },
  messages: {
    unreachable: 'Redirect URI "{{uri}}" is not reachable: {{reason}}. Pleo sends users here after they consent; fix the host or its certificate.',
    notFound: 'Redirect URI "{{uri}}" answered HTTP 404; check that the callback route is deployed at this exact path.',
    unverified: 'Could not verify redirect URI "{{uri}}": {{reason}}.',
    notChecked: 'Redirect URI "{{uri}}" was {{reason}}; give --network-budget more time to check it.',
    placeholder: 'Redirect URI "{{uri}}" was not checked: its host is a placeholder domain (redirect-uri-public-host).',
  },
  docs: {
    summary: 'Make every redirect URI resolve to a public host with a valid TLS certificate.',
    why: 'After consent, Pleo sends the user\'s browser to the redirect URI with the authorisation code. A host that does not resolve, or whose certificate fails, strands every user at that step. Any HTTP answer counts: a callback called without a code often answers 400.',
    bad: 'redirect_uris:\n  - https://app.acme-bokos.io/oauth/pleo/callback   # the host does not resolve',
    good: 'redirect_uris:\n  - https://app.acme-books.io/oauth/pleo/callback',
    fix: 'Correct the host name, deploy the callback, or renew the certificate. Loopback redirects in staging are not requested.',
    source: 'Pleo "OAuth 2.0 Client Registration" (redirect URIs must be publicly accessible, except localhost for development)',
  },
  async check(manifest, context) {
    const candidates = redirectUris(manifest.data).filter(
      (uri) => schemeOf(uri.raw) === 'https' && !(manifest.environment === 'staging' && isAllowedLoopback(parseUrl(uri.raw)?.hostname ?? '')),
    );
    // A placeholder domain is never requested: the report says it was not checked, not that it is down.
    for (const { path, raw } of candidates.filter((uri) => onPlaceholderHost(uri.raw))) context.report({ messageId: 'placeholder', path, data: { uri: quoteUri(raw, context) } });
    const uris = candidates.filter((uri) => !onPlaceholderHost(uri.raw));
    const outcomes = await Promise.all(uris.map(({ raw }) => context.services.request(cleanUri(raw), PAGE_REQUEST)));
    // Reported in list order, whichever answered first, so the report is the same on every run.
    uris.forEach(({ path, raw }, i) => {
      const outcome = outcomes[i]!;
      if (outcome.kind === 'blocked' || outcome.kind === 'invalid-url') return;
      const data = { uri: quoteUri(raw, context), reason: describeOutcome(outcome) };
      if (outcome.kind === 'response') {
        if (outcome.status === 404) context.report({ messageId: 'notFound', path, data });
        return;
      }
      context.report({ messageId: isBudgetSpent(outcome) ? 'notChecked' : isInconclusive(outcome) ? 'unverified' : 'unreachable', path, data });
    });
  },
});
