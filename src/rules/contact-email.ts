import { defineRule } from './define-rule.js';
import { removeRepeatFix, trimItemFix, trimmedRepeats } from './utils/fixes.js';
import { clip } from '../text/describe.js';
import { ASCII_ONLY, lazyPattern } from '../text/patterns.js';

/** RFC 5322 dot-atom characters of a local part. */
const LOCAL_ASCII = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
/** The same, with any letter or digit (RFC 6531 internationalised local parts). */
const LOCAL_UNICODE = lazyPattern(() => /^[\p{L}\p{M}\p{N}!#$%&'*+/=?^_`{|}~-]+(?:\.[\p{L}\p{M}\p{N}!#$%&'*+/=?^_`{|}~-]+)*$/u);
/** A DNS label: letters (any script: IDN), digits, inner hyphens, at most 63 characters. */
const LABEL = lazyPattern(() => /^(?=.{1,63}$)[\p{L}\p{M}\p{N}](?:[\p{L}\p{M}\p{N}-]*[\p{L}\p{M}\p{N}])?$/u);
/** The same for ASCII text, where the two match alike (see lazyPattern). */
const LABEL_ASCII = /^(?=.{1,63}$)[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/;
/** Reserved for documentation and testing (RFC 2606, RFC 6761): no mail reaches them. */
const EXAMPLE_DOMAIN = /(?:^|\.)(?:example\.(?:com|net|org)|example|test|invalid|localhost)$/i;

export default defineRule({
  id: 'contact-email',
  severity: 'error',
  severities: { duplicate: 'warning', exampleDomain: 'warning', nonAsciiLocalPart: 'warning' },
  messages: {
    mailto: 'Contact "{{value}}" starts with "mailto:"; write the address only: "{{address}}".',
    displayName: 'Contact "{{value}}" has a display name; keep only the address: "{{address}}".',
    invalid: 'Contact "{{value}}" is not an e-mail address: {{reason}}. Write it as name@your-domain.com.',
    nonAsciiLocalPart: 'Contact "{{value}}" has non-ASCII characters before the "@"; many mail systems refuse such addresses (RFC 6531), so prefer an ASCII address.',
    duplicate: 'Contact "{{value}}" repeats "{{first}}" (item {{index}}); list each address once.',
    exampleDomain: 'Contact "{{value}}" is at "{{domain}}", a domain reserved for examples that receives no mail; list a real address of your team.',
  },
  docs: {
    summary: 'List each contact as one plain, deliverable e-mail address.',
    why: 'Pleo writes to these addresses about your integration (security issues, changes to the API). An address Pleo cannot parse, or one at a reserved example domain, means those messages never arrive.',
    bad: 'contacts:\n  - "Integrations Team <integrations@acme-books.io>"\n  - mailto:dev@acme-books.io\n  - dev@example.com',
    good: 'contacts:\n  - integrations@acme-books.io\n  - dev@acme-books.io',
    fix: 'Write each contact as local@domain with a dotted domain, without a display name or "mailto:", list it once, and use a team address at your own domain.',
    source: 'Pleo "OAuth 2.0 Client Registration" (Contacts: e-mail addresses); RFC 7591 §2 (contacts); RFC 5321 §4.1.2, §4.5.3.1 (address syntax, lengths); RFC 2606 and RFC 6761 (reserved domains)',
  },
  check(manifest, context) {
    const contacts = manifest.data.contacts;
    if (!Array.isArray(contacts)) return;
    const seen = new Map<string, { value: string; index: number }>();
    const repeats = trimmedRepeats(contacts);
    contacts.forEach((value: unknown, index) => {
      if (typeof value !== 'string') return;
      const path = ['contacts', index];
      // White space around an address is removed, and an exact repeat (once trimmed) goes.
      const repeatOf = repeats[index];
      const fix = trimItemFix('contacts', index, value, repeatOf) ?? (repeatOf === undefined ? undefined : removeRepeatFix('contacts', index, value, repeatOf, []));
      const report: typeof context.report = (found) => context.report({ ...found, fix });
      const shown = clip(value);
      const remember = (address: string) => {
        const key = address.normalize('NFC').toLowerCase();
        if (!seen.has(key)) seen.set(key, { value, index });
        return key;
      };
      const mailto = /^\s*mailto:([^?]*)/i.exec(value);
      const named = /^(.*?)<([^<>]*)>\s*$/s.exec(value);
      if (mailto || named) {
        // Reported for its form; its address still counts for duplicates.
        const address = (mailto ? mailto[1]! : named![2]!).trim();
        remember(address);
        return report({ messageId: mailto ? 'mailto' : 'displayName', path, data: { value: shown, address: clip(address) } });
      }
      const reason = problemWith(value);
      if (reason) return report({ messageId: 'invalid', path, data: { value: shown, reason } });

      const at = value.lastIndexOf('@');
      const domain = value.slice(at + 1);
      if (!LOCAL_ASCII.test(value.slice(0, at))) report({ messageId: 'nonAsciiLocalPart', path, data: { value: shown } });
      const key = value.normalize('NFC').toLowerCase();
      const first = seen.get(key);
      if (first) report({ messageId: 'duplicate', path, data: { value: shown, first: clip(first.value), index: first.index + 1 } });
      else seen.set(key, { value, index });
      if (EXAMPLE_DOMAIN.test(domain)) report({ messageId: 'exampleDomain', path, data: { value: shown, domain: clip(domain) } });
    });
  },
});

/** Why `value` is not a plain address (dot-atom local part @ dotted domain), or undefined when it is one. */
function problemWith(value: string): string | undefined {
  if (value.trim() === '') return 'it is empty';
  if (/\s/.test(value)) return 'it contains whitespace';
  const at = value.lastIndexOf('@');
  if (at === -1) return 'there is no "@"';
  const local = value.slice(0, at);
  const domain = value.slice(at + 1);
  if (local === '') return 'nothing comes before the "@"';
  if (local.includes('@')) return 'it has more than one "@"';
  if (local.startsWith('"')) return 'quoted local parts are not accepted';
  if (!(ASCII_ONLY.test(local) ? LOCAL_ASCII : LOCAL_UNICODE()).test(local)) return `the part before the "@" ("${clip(local)}") has a character an address cannot hold, or a dot at its start, end or twice in a row`;
  if (local.length > 64) return 'the part before the "@" is longer than 64 characters';
  if (domain === '') return 'nothing comes after the "@"';
  if (domain.startsWith('[')) return 'an IP address literal is not a mail domain';
  if (domain.endsWith('.')) return 'the domain ends with a dot';
  const labels = domain.split('.');
  if (labels.length < 2) return `the domain "${clip(domain)}" has no dot`;
  const bad = labels.find((label) => !(ASCII_ONLY.test(label) ? LABEL_ASCII : LABEL()).test(label));
  if (bad !== undefined) return bad === '' ? 'the domain has an empty label ("..")' : `the domain label "${clip(bad)}" may hold only letters, digits and inner hyphens`;
  if (/^\d+$/.test(labels[labels.length - 1]!)) return 'the domain ends in a number, not a top-level domain';
  if (value.length > 254) return 'it is longer than 254 characters';
  return undefined;
}
