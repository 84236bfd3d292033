import { domainToUnicode } from 'node:url';
import type { JsonPath } from '../diagnostics.js';
import { defineRule } from './define-rule.js';
import { clip } from '../text/describe.js';
import { findName, fold, head, words } from '../text/fold.js';

/** Pleo's domain: every service in Pleo's docs lives under it (app., auth., external., developers., staging.). */
const PLEO_DOMAIN = ['pleo', 'io'];
const URI_KEYS = ['client_uri', 'tos_uri', 'policy_uri', 'initiation_uri', 'settings_uri', 'logo'] as const;
/** Words around the name that claim affiliation: "for Pleo", "by Pleo", "Pleo Connector", "official Pleo …". */
const CLAIM_BEFORE = new Set(['for', 'by', 'from', 'with', 'official', 'officially', 'certified', 'approved']);
const CLAIM_AFTER = new Set(['connector', 'connect', 'integration', 'integrations', 'app', 'apps', 'application', 'official', 'partner', 'plugin', 'extension', 'addon', 'add', 'certified', 'approved', 'verified', 'client']);

export default defineRule({
  id: 'no-pleo-branding',
  severity: 'error',
  messages: {
    claimsAffiliation: 'Client name "{{name}}" presents the app as Pleo\'s ("{{phrase}}"); Pleo asks partners not to claim to be a Pleo client, so use your product\'s name alone ("Example Client", not "Example Client for Pleo").',
    nameContainsPleo: 'Client name "{{name}}" contains "{{found}}", which reads as "Pleo"; Pleo does not allow its name or branding in client information, so use your own product name.',
    pleoDomain: '{{key}} is on "{{host}}", Pleo\'s domain (pleo.io) or a look-alike of it; the consent screen must send users to your own pages, so use a URL on your own domain.',
    pleoContact: 'Contact "{{contact}}" is at "{{domain}}", Pleo\'s domain (pleo.io) or a look-alike of it; list an address of your own team.',
    logoName: 'Logo file "{{file}}" is named after Pleo; the logo must be your own app\'s, not Pleo\'s, so use your app\'s logo and name the file after it.',
  },
  docs: {
    summary: 'Keep Pleo\'s name, domain and logo out of the client information users see.',
    why: 'Pleo\'s consent screen shows your client name, links and logo; Pleo asks partners not to use Pleo branding there or claim to be a Pleo client. Look-alike spellings (Cyrillic "Р", "P1eo", a zero-width space inside the word) are treated as the name itself.',
    bad: 'client_name: Acme Books for Pleo\nclient_uri: https://acme.pleo.io/\nlogo: ./brand/pleo-logo.png\ncontacts:\n  - dev@pleo.io',
    good: 'client_name: Acme Books\nclient_uri: https://acme-books.io/\nlogo: ./brand/logo.png\ncontacts:\n  - integrations@acme-books.io',
    fix: 'Name the client after your own product ("Example Client", not "Example Client for Pleo"), link to pages on your own domain, list your own team\'s addresses, and use your own logo. Paths such as https://acme-books.io/pleo/connect are fine.',
    source: 'Pleo "OAuth 2.0 Client Registration" ("Do not use Pleo branding in your client information"); Pleo "How to register an OAuth client"; Unicode UTS #39 confusables',
  },
  check(manifest, context) {
    const data = manifest.data;
    const name = typeof data.client_name === 'string' ? head(data.client_name) : undefined;
    if (name !== undefined) {
      const list = words(name);
      const match = findName(name, 'pleo', list);
      if (match) {
        const before = list[match.first - 1];
        const after = list[match.last + 1];
        const plain = (word: { start: number; end: number }) => name.slice(word.start, word.end).normalize('NFKC').toLowerCase();
        const claimBefore = before && CLAIM_BEFORE.has(plain(before));
        const claimAfter = after && CLAIM_AFTER.has(plain(after));
        if (claimBefore || claimAfter) {
          const phrase = name.slice(claimBefore ? before.start : match.start, claimAfter ? after.end : match.end);
          context.report({ messageId: 'claimsAffiliation', path: ['client_name'], data: { name: clip(name), phrase: clip(phrase) } });
        } else {
          context.report({ messageId: 'nameContainsPleo', path: ['client_name'], data: { name: clip(name), found: clip(name.slice(match.start, match.end)) } });
        }
      }
    }

    const checkUri = (value: unknown, path: JsonPath, key: string) => {
      const host = typeof value === 'string' ? hostOf(value) : undefined;
      if (host && onPleoDomain(host)) context.report({ messageId: 'pleoDomain', path, data: { key, host: clip(host) } });
    };
    for (const key of URI_KEYS) checkUri(data[key], [key], key);
    if (Array.isArray(data.redirect_uris)) data.redirect_uris.forEach((uri, i) => checkUri(uri, ['redirect_uris', i], `redirect_uris[${i}]`));

    if (Array.isArray(data.contacts)) {
      data.contacts.forEach((contact, i) => {
        const domain = typeof contact === 'string' ? /@([^\s@<>]+)>?\s*$/.exec(contact)?.[1] : undefined;
        if (domain && onPleoDomain(domain)) context.report({ messageId: 'pleoContact', path: ['contacts', i], data: { contact: clip(contact as string), domain: clip(domain) } });
      });
    }

    if (typeof data.logo === 'string') {
      const file = data.logo.replace(/[?#].*$/s, '').split(/[/\\]/).pop() ?? '';
      if (findName(safeDecode(file).replace(/(\.[A-Za-z0-9]{1,5})+$/, ''), 'pleo')) context.report({ messageId: 'logoName', path: ['logo'], data: { file: clip(file) } });
    }
  },
});

/** The host of an absolute URL, as written (the URL parser would reject some look-alikes before we see them). */
function hostOf(uri: string): string | undefined {
  const host = /^\s*[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#\\]*@)?(\[[^\]]*\]|[^:/?#\\\s]*)/i.exec(uri)?.[1];
  return host || undefined;
}

/** `pleo.io`, its subdomains, a host that carries it (`pleo.io.example.net`), and folded look-alikes (`рleo.io`, `p1eo.io`). */
function onPleoDomain(host: string): boolean {
  const lower = host.toLowerCase(); // hosts ignore case, so capital I is not a look-alike of l here
  const unicode = /(?:^|\.)xn--/.test(lower) ? domainToUnicode(lower) || lower : lower;
  const labels = unicode.replace(/\.$/, '').split(/[.\u3002\uFF0E\uFF61]/).map(fold);
  return labels.some((label, i) => label === PLEO_DOMAIN[0] && labels[i + 1] === PLEO_DOMAIN[1]);
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
