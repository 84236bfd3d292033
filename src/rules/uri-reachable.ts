import { defineIoRule } from './define-rule.js';
import { describeOutcome, isBudgetSpent, isInconclusive, PAGE_REQUEST } from './utils/outcome.js';
import { cleanUri, onPlaceholderHost, quoteUri, schemeOf, webUris } from '../uri/uri.js';

export default defineIoRule({
  id: 'uri-reachable',
  severity: 'error',
  requires: ['network'],
  severities: { unverified: 'warning', notChecked: 'warning', placeholder: 'info' },
  messages: {
    unreachable: '{{key}} "{{uri}}" is not reachable: {{reason}}. Users follow this link from Pleo; fix the page or the URL.',
    unverified: 'Could not verify {{key}} "{{uri}}": {{reason}}. Check that the page is up.',
    notChecked: '{{key}} "{{uri}}" was {{reason}}; give --network-budget more time to check it.',
    placeholder: '{{key}} "{{uri}}" was not checked: its host is a placeholder domain (uri-public-host).',
  },
  docs: {
    summary: 'Make every page the registration links to answer 2xx over https.',
    why: 'Pleo shows these links on the consent screen and sends users to the initiation and settings pages; RFC 7591 requires them to point to valid web pages. A 404 privacy policy is the first thing a careful user (or Pleo\'s review) will notice.',
    bad: 'policy_uri: https://acme-books.io/legal/privacy-old   # answers 404',
    good: 'policy_uri: https://acme-books.io/legal/privacy     # answers 200',
    fix: 'Publish the page, or point the key at the page that exists. Redirects are followed (at most 5, https only, public addresses only); a timeout or an unreachable network is a warning, since it says nothing about the page.',
    source: 'RFC 7591 §2 ("MUST point to a valid web page"); house rule for what a check requests and how long it waits',
  },
  async check(manifest, context) {
    const pages = webUris(manifest.data).filter((uri) => uri.label !== 'logo' && schemeOf(uri.raw) === 'https');
    // A placeholder domain is not a page that is down: it is never requested, and said so once per link.
    for (const { label, path, raw } of pages.filter((uri) => onPlaceholderHost(uri.raw))) {
      context.report({ messageId: 'placeholder', path, data: { key: label, uri: quoteUri(raw, context) } });
    }
    const uris = pages.filter((uri) => !onPlaceholderHost(uri.raw));
    const outcomes = await Promise.all(uris.map(({ raw }) => context.services.request(cleanUri(raw), PAGE_REQUEST)));
    // Reported in the manifest's order, whichever answered first, so the report is the same on every run.
    uris.forEach(({ label, path, raw }, i) => {
      const outcome = outcomes[i]!;
      // Refused addresses are uri-public-host's to report; unusable URLs are uri-https's.
      if (outcome.kind === 'blocked' || outcome.kind === 'invalid-url') return;
      if (outcome.kind === 'response' && outcome.status >= 200 && outcome.status < 300) return;
      const data = { key: label, uri: quoteUri(raw, context), reason: describeOutcome(outcome) };
      context.report({ messageId: isBudgetSpent(outcome) ? 'notChecked' : isInconclusive(outcome) ? 'unverified' : 'unreachable', path, data });
    });
  },
});
