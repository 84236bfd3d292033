import fc from 'fast-check';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseText } from '../manifest/parse.js';
import { shippedSettings } from '../resources.js';
import { commentsOf, isSubMultiset, problemKeys } from '../test-support/fix-checks.js';
import { fixManifest } from './fix.js';

const settings = shippedSettings();
const fix = (text: string) => fixManifest(text, settings, { version: '0.1.0' });

// Manifests built from the kinds of mess fixManifest meets: white space in every quoting style,
// scheme and host case, default ports, legacy scopes, repeats in block and flow lists, comments,
// directives, anchors and aliases, x-* keys, CRLF, a missing modeline; and values that break the
// schema or the YAML outright.

const space = fc.constantFrom('', '', '', ' ', '  ', '\t');
const comment = fc.option(fc.constantFrom('# note', '# pleo-register-disable-next-line scope-unique -- on purpose', '#', '# a: b'), { nil: undefined });

const uri = fc
  .record({
    scheme: fc.constantFrom('https', 'https', 'HTTPS', 'Https', 'http'),
    host: fc.constantFrom('acme-books.io', 'Acme-Books.io', 'APP.acme-books.io', 'localhost', 'example.com', '127.0.0.1'),
    port: fc.constantFrom('', '', ':443', ':80', ':8443'),
    path: fc.constantFrom('/', '/legal/terms', '/oauth/pleo/callback', '/./x', '/a%7eb', '', '/cb?x=1'),
  })
  .map(({ scheme, host, port, path }) => `${scheme}://${host}${port}${path}`);
const scope = fc.constantFrom('export-jobs:read', 'export:read', 'export:write', 'export-items:read', 'Users:read', 'users:read', 'expense:read', 'test:test', 'a:b c:d');
const contact = fc.constantFrom('integrations@acme-books.io', 'Integrations@acme-books.io', 'dev@acme-books.io', 'mailto:dev@acme-books.io', 'nobody');
const odd = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('Acme Books', 'Pleo Books', 'S256', 'none', 'plain', 'staging', 'public', 'company'));

/** A string value in some quoting style, with white space around it now and then. */
function styled(value: fc.Arbitrary<string>, indent: string) {
  return fc.tuple(value, space, space, fc.constantFrom('plain', 'single', 'double', 'block')).map(([v, before, after, style]) => {
    const raw = before + v + after;
    if (style === 'plain' && raw === v && /^[\w./:@-][^#'"]*$/.test(v) && !/[:]\s|\s$/.test(v)) return v;
    if (style === 'single' && !/[\p{Cc}]/u.test(raw)) return `'${raw.replace(/'/g, "''")}'`;
    if (style === 'block' && /^[^\s\p{Cc}]+$/u.test(v)) return `|\n${indent}  ${v}\n`.replace(/\n$/, '');
    return JSON.stringify(raw);
  });
}

function entry(key: string, value: fc.Arbitrary<string>) {
  return fc.tuple(styled(value, ''), comment, fc.boolean()).map(([v, c, anchored]) => {
    const anchor = anchored && !v.startsWith('|') ? `&${key.replace(/_/g, '')} ` : '';
    return `${key}: ${anchor}${v}${c && !v.startsWith('|') ? `   ${c}` : ''}`;
  });
}

function list(key: string, item: fc.Arbitrary<string>) {
  return fc.tuple(fc.array(fc.tuple(styled(item, '  '), comment, fc.boolean()), { minLength: 1, maxLength: 6 }), fc.boolean()).map(([items, flow]) => {
    if (flow) return `${key}: [${items.map(([v]) => (v.startsWith('|') ? JSON.stringify(v) : v)).join(', ')}]`;
    const lines = [`${key}:`];
    for (const [v, c, own] of items) {
      if (c && own) lines.push(`  ${c}`);
      lines.push(`  - ${v}${c && !own && !v.startsWith('|') ? `  ${c}` : ''}`);
    }
    return lines.join('\n');
  });
}

const manifest = fc
  .record({
    modeline: fc.boolean(),
    crlf: fc.boolean(),
    parts: fc.tuple(
      entry('environment', fc.constantFrom('production', 'staging', 'prod')),
      entry('client_name', odd),
      entry('client_uri', uri),
      entry('logo', fc.oneof(uri, fc.constantFrom('./brand/logo.png', './Brand/Logo.PNG'))),
      entry('tos_uri', uri),
      entry('policy_uri', uri),
      list('contacts', contact),
      entry('initiation_uri', uri),
      entry('settings_uri', uri),
      entry('client_type', fc.constantFrom('confidential', 'public', 'server')),
      list('redirect_uris', fc.oneof(fc.constantFrom('https://app.acme-books.io/cb', 'HTTPS://App.acme-books.io/cb', 'http://localhost:3000/cb'), uri)),
      list('scopes', scope),
      entry('pkce', fc.constantFrom('S256', 'none', 'plain', 's256')),
      entry('subject_type', fc.constantFrom('company', 'organization', 'none')),
    ),
    omit: fc.array(fc.nat(13), { maxLength: 3 }),
    extra: fc.constantFrom('', 'x-owner: "  HTTPS://Acme-Books.io:443/ "\nx-scopes: [export:read, export:read]', 'x-copy: *clienturi', 'x-list:\n  - *scopes0'),
  })
  .map(({ modeline, crlf, parts, omit, extra }) => {
    const lines = parts.filter((_, i) => !omit.includes(i));
    const text = [modeline ? '# yaml-language-server: $schema=./schema.json' : '', ...lines, extra].filter(Boolean).join('\n') + '\n';
    return crlf ? text.replace(/\n/g, '\r\n') : text;
  });

describe('fixManifest on generated manifests', () => {
  it('never throws, keeps comments, keys and x-*, adds no problem, and is idempotent', () => {
    fc.assert(
      fc.property(manifest, (text) => {
        const result = fix(text);
        const before = parseText(text);
        if (before.syntax.length > 0) {
          expect(result).toEqual({ text, fixes: [] });
          return;
        }
        const after = parseText(result.text);
        expect(after.syntax).toEqual([]);
        // Problems: only fewer, by rule and place (list items by the index they had).
        expect(isSubMultiset(problemKeys(result.text, settings, result.fixes), problemKeys(text, settings))).toBe(true);
        // Comments: every comment line of the input is in the output.
        const kept = commentsOf(result.text);
        for (const line of commentsOf(text)) expect(kept).toContain(line);
        // Keys in the same order; x-* untouched.
        const data = parse(text) as Record<string, unknown>;
        const fixed = parse(result.text) as Record<string, unknown>;
        expect(Object.keys(fixed)).toEqual(Object.keys(data));
        for (const key of Object.keys(data).filter((k) => k.startsWith('x-'))) expect(fixed[key]).toEqual(data[key]);
        // Idempotent.
        expect(fix(result.text)).toEqual({ text: result.text, fixes: [] });
      }),
      // Seeded, so that a run of the suite is repeatable; the case below is one an unseeded run found.
      { numRuns: 150, seed: 20261204 },
    );
  });

  // Found by this property unseeded: block-scalar scopes ("|" then a legacy scope) with a disable
  // directive between duplicates took two --fix runs to settle, before the fixer went round until
  // nothing was left to fix.
  it('is idempotent on block-scalar legacy scopes around a disable directive', () => {
    const text = ['scopes:', '  - |', '    export:read', '  # pleo-register-disable-next-line scope-unique -- on purpose', '  - |', '    export:read', '  - export-jobs:read', 'pkce: S256', ''].join('\n');
    const once = fix(text);
    expect(fix(once.text)).toEqual({ text: once.text, fixes: [] });
  });

  it('never throws on any text, and changes none that has YAML syntax problems', () => {
    const text = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.tuple(manifest, fc.nat(), fc.string({ minLength: 1, maxLength: 3 })).map(([m, at, s]) => m.slice(0, at % (m.length + 1)) + s + m.slice(at % (m.length + 1))),
    );
    fc.assert(
      fc.property(text, (t) => {
        const result = fix(t);
        if (parseText(t).syntax.length > 0) expect(result).toEqual({ text: t, fixes: [] });
        else expect(parseText(result.text).syntax).toEqual([]);
      }),
      { numRuns: 200, seed: 20261204 },
    );
  });
});
