import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { lint as lintManifest } from '../index.js';
import { shippedCatalogue, shippedSettings } from '../resources.js';
import { commentsOf, isSubMultiset, problemKeys } from '../test-support/fix-checks.js';
import { fixBytes, fixManifest, type FixOptions } from './fix.js';

const settings = shippedSettings();
const MODELINE = '# yaml-language-server: $schema=https://unpkg.com/pleo-register@0.1.0/schemas/pleo-client.schema.json\n';
/** fixtures/valid/complete.yaml with the modeline fixManifest writes: a manifest with nothing to fix. */
const base = readFileSync(new URL('../../fixtures/valid/complete.yaml', import.meta.url), 'utf8').replace(/^#.*\n/, MODELINE);
const options: FixOptions = { version: '0.1.0' };

function fix(text: string, extra: FixOptions = {}) {
  return fixManifest(text, settings, { ...options, ...extra });
}

/** [name, text to replace in the base manifest, before, after (undefined: unchanged), rule ids of the fixes] */
type Case = [string, string, string, string | undefined, string[]];

const cases: Case[] = [
  // Surrounding white space, in each kind of string value and scalar style.
  ['white space around a double-quoted name', 'client_name: Acme Books', 'client_name: "  Acme Books "', 'client_name: "Acme Books"', ['client-name']],
  ['white space around a single-quoted URI', 'tos_uri: https://acme-books.io/legal/terms', "tos_uri: ' https://acme-books.io/legal/terms\t'", "tos_uri: 'https://acme-books.io/legal/terms'", ['uri-canonical']],
  ['a block scalar\'s final line break', 'client_name: Acme Books\n', 'client_name: |\n  Acme Books\n', 'client_name: Acme Books\n', ['client-name']],
  ['white space around a scope', '  - export-items:read', '  - " export-items:read"', '  - "export-items:read"', ['scope-format']],
  ['white space around a contact', '  - integrations@acme-books.io', "  - 'integrations@acme-books.io '", "  - 'integrations@acme-books.io'", ['contact-email']],
  ['white space around a redirect URI', '  - https://app.acme-books.io/oauth/pleo/callback', '  - "https://app.acme-books.io/oauth/pleo/callback "', '  - "https://app.acme-books.io/oauth/pleo/callback"', ['redirect-uri-exact']],
  ['white space around pkce', 'pkce: S256', 'pkce: " S256"', 'pkce: "S256"', ['pkce-s256']],
  ['white space in a flow list', 'scopes:\n  - export-jobs:read\n  - export-items:read', "scopes: [export-jobs:read, ' export-items:read']", "scopes: [export-jobs:read, 'export-items:read']", ['scope-format']],
  ['nothing but white space (left for a person)', 'client_name: Acme Books', 'client_name: "   "', undefined, []],
  // Scheme and host case, default port.
  ['upper-case scheme and host, default port', 'client_uri: https://acme-books.io/', 'client_uri: HTTPS://Acme-Books.io:443/', 'client_uri: https://acme-books.io/', ['uri-canonical']],
  ['upper-case host of a quoted URI', 'settings_uri: https://app.acme-books.io/pleo/settings', 'settings_uri: "https://App.Acme-Books.io/pleo/settings"', 'settings_uri: "https://app.acme-books.io/pleo/settings"', ['uri-canonical']],
  ['a logo URL', 'logo: ./brand/logo.png', 'logo: https://CDN.acme-books.io:443/logo.png', 'logo: https://cdn.acme-books.io/logo.png', ['uri-canonical']],
  ['white space and case together', 'client_uri: https://acme-books.io/', 'client_uri: " HTTPS://acme-books.io/"', 'client_uri: "https://acme-books.io/"', ['uri-canonical', 'uri-canonical']],
  ['a logo path keeps its case', 'logo: ./brand/logo.png', 'logo: ./Brand/Logo.png', undefined, []],
  ['not with a dot segment too', 'tos_uri: https://acme-books.io/legal/terms', 'tos_uri: HTTPS://acme-books.io/legal/./terms', undefined, []],
  ['not a non-default port', 'client_uri: https://acme-books.io/', 'client_uri: https://Acme-Books.io:8443/', 'client_uri: https://acme-books.io:8443/', ['uri-canonical']],
  ['not a redirect URI (Pleo compares it with what the app sends)', '  - https://app.acme-books.io/oauth/pleo/callback', '  - HTTPS://App.Acme-Books.io:443/oauth/pleo/callback', undefined, []],
  // Legacy scopes.
  ['a legacy scope becomes its replacement', '  - export-jobs:read', '  - export:read', '  - export-jobs:read', ['scope-known']],
  ['a legacy scope goes when its replacement is listed', '  - export-items:read', '  - export-items:read\n  - export:read   # old name', '  - export-items:read\n  # old name', ['scope-known']],
  ['a legacy scope without a replacement stays', '  - export-items:read', '  - export-items:read\n  - expense:read', undefined, []],
  // Exact repeats.
  [
    'a repeated redirect URI, its comment kept',
    '  - https://app.acme-books.io/oauth/pleo/callback',
    '  - https://app.acme-books.io/oauth/pleo/callback\n  # the staging one\n  - https://app.acme-books.io/oauth/pleo/callback   # copied by mistake',
    '  - https://app.acme-books.io/oauth/pleo/callback\n  # the staging one\n  # copied by mistake',
    ['redirect-uri-unique'],
  ],
  ['a repeated scope', '  - export-items:read', '  - export-items:read\n  - export-jobs:read', '  - export-items:read', ['scope-unique']],
  ['repeats in a flow list', 'scopes:\n  - export-jobs:read\n  - export-items:read', 'scopes: [export-jobs:read, export-items:read, export-jobs:read, export-items:read]', 'scopes: [export-jobs:read, export-items:read]', ['scope-unique', 'scope-unique']],
  ['a repeat once trimmed', '  - export-items:read', '  - export-items:read\n  - "export-items:read "', '  - export-items:read', ['scope-format']],
  ['a repeat under its legacy name', '  - export-jobs:read', '  - export:read\n  - export-jobs:read', '  - export-jobs:read', ['scope-known']],
  ['a repeated contact', '  - integrations@acme-books.io', '  - integrations@acme-books.io\n  - integrations@acme-books.io', '  - integrations@acme-books.io', ['contact-email']],
  ['not a repeat that differs in case', '  - export-items:read', '  - export-items:read\n  - Export-Items:read', undefined, []],
  // What is never touched.
  ['x-* values', 'x-owner: team-integrations', 'x-owner: "  HTTPS://Acme-Books.io:443/ "\nx-scopes: [export:read, export:read]', undefined, []],
  ['values that are not strings', 'subject_type: company', 'subject_type: 42', undefined, []],
  ['an anchored value and its alias', 'client_uri: https://acme-books.io/', 'client_uri: &home HTTPS://Acme-Books.io/', undefined, []],
  ['a line a directive points at', '  - export-items:read', '  - export-items:read\n  # pleo-register-disable-next-line scope-unique -- kept on purpose\n  - export-items:read', undefined, []],
  ['a fix a directive turns off', 'client_uri: https://acme-books.io/', '# pleo-register-disable-next-line uri-canonical -- the form wants it so\nclient_uri: HTTPS://acme-books.io/', undefined, []],
  // The modeline.
  ['a missing modeline', MODELINE, '', MODELINE, ['schema-modeline']],
  ['a modeline elsewhere is kept', MODELINE, '# yaml-language-server: $schema=./node_modules/pleo-register/schemas/pleo-client.schema.json\n', undefined, []],
];

describe('fixManifest', () => {
  it.each(cases)('%s', (_, anchor, before, after, ruleIds) => {
    expect(base).toContain(anchor);
    const input = base.replace(anchor, before);
    const result = fix(input);
    expect(result.text).toBe(after === undefined ? input : base.replace(anchor, after));
    expect(result.fixes.map((f) => f.ruleId)).toEqual(ruleIds);
    // Each fix names a problem the original has, at the place it names.
    const problems = lintManifest(input, { file: 'pleo-client.yaml', settings }).problems;
    for (const f of result.fixes.filter((f) => f.ruleId !== 'schema-modeline')) {
      expect(problems.some((p) => p.ruleId === f.ruleId && p.path === f.path)).toBe(true);
      expect(input.split('\n')[f.line - 1]).toMatch(/\S/);
    }
    // Idempotent: the output has nothing left to fix.
    expect(fix(result.text)).toEqual({ text: result.text, fixes: [] });
  });

  it('describes each fix in words, with its line', () => {
    const input = base
      .replace(MODELINE, '')
      .replace('client_uri: https://acme-books.io/', 'client_uri: HTTPS://Acme-Books.io:443/')
      .replace('  - export-items:read', '  - export-items:read\n  - export:write\n  - export-items:read  # again');
    expect(fix(input).fixes).toEqual([
      { ruleId: 'schema-modeline', line: 1, path: '', action: 'insert', description: 'Added the schema modeline for https://unpkg.com/pleo-register@0.1.0/schemas/pleo-client.schema.json.' },
      { ruleId: 'uri-canonical', line: 5, path: '/client_uri', action: 'replace', description: 'Wrote client_uri "HTTPS://Acme-Books.io:443/" as "https://acme-books.io/" (lower-case scheme, lower-case host, no default port).' },
      { ruleId: 'scope-known', line: 23, path: '/scopes/2', action: 'replace', description: 'Replaced the legacy scope "export:write" with "export-jobs:write", its documented replacement.' },
      { ruleId: 'scope-unique', line: 24, path: '/scopes/3', action: 'remove', description: 'Removed scopes[3] "export-items:read", a repeat of scopes[1]; its comment stays on a line of its own.' },
    ].map((f) => expect.objectContaining(f)));
  });

  it('adds no modeline without a version, and none when it is turned off', () => {
    const input = base.replace(MODELINE, '');
    expect(fixManifest(input, settings)).toEqual({ text: input, fixes: [] });
    expect(fix(input, { severities: { 'schema-modeline': 'off' } }).fixes).toEqual([]);
    expect(fix(input, { schemaLocation: './schema.json' }).text).toBe(`# yaml-language-server: $schema=./schema.json\n${input}`);
  });

  it('makes no fix for a rule turned off', () => {
    const input = base.replace('client_uri: https://acme-books.io/', 'client_uri: HTTPS://acme-books.io/').replace('  - export-items:read', '  - export-items:read\n  - export-items:read');
    const result = fix(input, { severities: { 'uri-canonical': 'off' } });
    expect(result.fixes.map((f) => f.ruleId)).toEqual(['scope-unique']);
    expect(result.text).toContain('client_uri: HTTPS://acme-books.io/');
  });

  it('returns a file with YAML syntax problems unchanged', () => {
    for (const text of ['client_name: "  a "\nclient_name: b\n', 'scopes: [export:read\n', '\tclient_name: x\n', 'a: 1\n---\nb: 2\n', '- a\n', '']) {
      expect(fix(text)).toEqual({ text, fixes: [] });
    }
  });

  it('keeps CRLF line breaks', () => {
    const input = base.replace(MODELINE, '').replace('  - export-items:read', '  - export-items:read\n  - export-items:read  # twice').replace(/\n/g, '\r\n');
    const result = fix(input);
    expect(result.text).toBe(base.replace('  - export-items:read', '  - export-items:read\n  # twice').replace(/\n/g, '\r\n'));
  });

  it('keeps a byte order mark first', () => {
    const input = `\ufeff${base.replace(MODELINE, '')}`;
    expect(fix(input).text).toBe(`\ufeff${base}`);
  });

  it('fixBytes fixes UTF-8 bytes, and returns others as they are', () => {
    const input = base.replace(MODELINE, '');
    const fixed = fixBytes(Buffer.from(`\ufeff${input}`), settings, options);
    expect(Buffer.from(fixed.bytes).toString('utf8')).toBe(`\ufeff${base}`);
    expect(fixed.fixes.map((f) => f.ruleId)).toEqual(['schema-modeline']);
    expect(fixed.after.length - fixed.before.length).toBe(MODELINE.length);
    for (const bytes of [Buffer.from([0xff, 0xfe, 0x61, 0x00]), Buffer.from([0x61, 0x3a, 0x20, 0xc3]), Buffer.alloc(1024 * 1024 + 1, 0x20)]) {
      const result = fixBytes(bytes, settings, options);
      expect(result.bytes).toBe(bytes);
      expect(result.fixes).toEqual([]);
    }
    const clean = Buffer.from(base);
    expect(fixBytes(clean, settings, options).bytes).toBe(clean);
  });

  describe('a messy manifest', () => {
    const messy = `# Acme Books — the Pleo registration
environment: production   # staging next
client_name:   "  Acme Books "   # shown on the consent screen
client_uri: HTTPS://Acme-Books.io:443/
logo: ' ./brand/logo.png'
tos_uri: &terms https://Acme-Books.io/legal/terms
policy_uri: >-
  https://acme-books.io/legal/privacy
contacts: [ integrations@acme-books.io,  " dev@acme-books.io", integrations@acme-books.io ]

# Pleo-specific integration information
initiation_uri: "https://App.Acme-Books.io/pleo/connect"
settings_uri: https://app.acme-books.io/pleo/settings
client_type: confidential
redirect_uris:
    -   https://app.acme-books.io/oauth/pleo/callback    # production
    # pleo-register-disable-next-line redirect-uri-unique -- both on purpose
    -   https://app.acme-books.io/oauth/pleo/callback
    -   HTTPS://App.Acme-Books.io/oauth/pleo/callback
    -   https://app.acme-books.io/oauth/pleo/callback   # a copy
scopes:
  - export:read        # the old name
  - export-items:read
  - 'export-items:read'
  - " users:read"
  - expense:read
pkce: S256
subject_type: company
x-owner: "  team-integrations "
x-terms: *terms
x-list:
  - HTTPS://X.io:443/
  - HTTPS://X.io:443/
`;
    const result = fix(messy);

    it('fixes what is safe and nothing else', () => {
      expect(result.text).toBe(`${MODELINE}# Acme Books — the Pleo registration
environment: production   # staging next
client_name:   "Acme Books"   # shown on the consent screen
client_uri: https://acme-books.io/
logo: './brand/logo.png'
tos_uri: &terms https://Acme-Books.io/legal/terms
policy_uri: >-
  https://acme-books.io/legal/privacy
contacts: [ integrations@acme-books.io,  "dev@acme-books.io" ]

# Pleo-specific integration information
initiation_uri: "https://app.acme-books.io/pleo/connect"
settings_uri: https://app.acme-books.io/pleo/settings
client_type: confidential
redirect_uris:
    -   https://app.acme-books.io/oauth/pleo/callback    # production
    # pleo-register-disable-next-line redirect-uri-unique -- both on purpose
    -   https://app.acme-books.io/oauth/pleo/callback
    -   HTTPS://App.Acme-Books.io/oauth/pleo/callback
    # a copy
scopes:
  - export-jobs:read        # the old name
  - export-items:read
  - "users:read"
  - expense:read
pkce: S256
subject_type: company
x-owner: "  team-integrations "
x-terms: *terms
x-list:
  - HTTPS://X.io:443/
  - HTTPS://X.io:443/
`);
    });

    it('keeps every comment line', () => {
      const kept = commentsOf(result.text);
      for (const comment of commentsOf(messy)) expect(kept).toContain(comment);
    });

    it('keeps the order of the keys and everything under x-*', () => {
      const before = parse(messy) as Record<string, unknown>;
      const after = parse(result.text) as Record<string, unknown>;
      expect(Object.keys(after)).toEqual(Object.keys(before));
      for (const key of Object.keys(before).filter((k) => k.startsWith('x-'))) expect(after[key]).toEqual(before[key]);
    });

    it('leaves fewer problems, and none new', () => {
      const before = problemKeys(messy, settings);
      const after = problemKeys(result.text, settings, result.fixes);
      expect(isSubMultiset(after, before)).toBe(true);
      expect(after.length).toBeLessThan(before.length);
    });

    it('is idempotent', () => {
      expect(fix(result.text)).toEqual({ text: result.text, fixes: [] });
    });
  });
});
