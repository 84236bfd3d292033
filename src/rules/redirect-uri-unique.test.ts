import { describe, expect, it, vi } from 'vitest';
import { ruleTester, runRule } from '../test-support/rule-tester.js';
import { shippedCatalogue } from '../resources.js';
import rule from './redirect-uri-unique.js';

// Counted: URIs the rule parses, and raw URIs it splits to word a difference.
const calls = vi.hoisted(() => ({ parseUrl: 0, splitRaw: 0 }));
vi.mock('../uri/uri.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../uri/uri.js')>();
  return {
    ...actual,
    parseUrl: (raw: string) => (calls.parseUrl++, actual.parseUrl(raw)),
    splitRaw: (raw: string) => (calls.splitRaw++, actual.splitRaw(raw)),
  };
});

const list = (...uris: string[]) => `redirect_uris:\n${uris.map((u) => `  - ${u}`).join('\n')}`;

ruleTester(rule, {
  valid: [
    list('https://app.acme-books.io/callback', 'https://eu.acme-books.io/callback', 'https://app.acme-books.io/callback?tenant=eu'),
    { name: 'path case matters', code: list('https://app.acme.io/Callback', 'https://app.acme.io/callback') },
    { name: 'ports other than the default', code: list('https://app.acme.io/cb', 'https://app.acme.io:8443/cb') },
    { name: 'http and https', code: `environment: staging\n${list('http://localhost/cb', 'https://localhost/cb')}` },
    { name: 'loopback variants are different hosts', code: `environment: staging\n${list('http://localhost:3000/callback', 'http://127.0.0.1:3000/callback', 'http://[::1]:3000/callback')}` },
    { name: 'wrong types are skipped', code: 'redirect_uris:\n  - 1\n  - 1\n  - [a]\n  - [a]\n  - null\n  - null' },
    { name: 'other keys', code: 'client_uri: https://a.io/\ntos_uri: https://a.io/' },
  ],
  invalid: [
    {
      code: list('https://app.acme.io/cb', 'https://app.acme.io/other', 'https://app.acme.io/cb'),
      errors: [{ messageId: 'duplicate', path: '/redirect_uris/2', line: 4, column: 5, severity: 'error', includes: ['"https://app.acme.io/cb" is listed twice (first as redirect_uris[0])'] }],
    },
    {
      name: 'every later copy names the first',
      code: list('custom:x', 'custom:x', 'custom:x'),
      errors: [{ messageId: 'duplicate', line: 3, includes: ['[0]'] }, { messageId: 'duplicate', line: 4, includes: ['[0]'] }],
    },
    {
      code: list('https://app.acme.io/cb', 'https://app.acme.io/cb/'),
      errors: [{ messageId: 'nearDuplicate', path: '/redirect_uris/1', line: 3, severity: 'warning', includes: ['differs from redirect_uris[0] "https://app.acme.io/cb" only by a trailing slash'] }],
    },
    { code: list('https://app.acme.io', 'https://app.acme.io/'), errors: [{ messageId: 'nearDuplicate', includes: ['a trailing slash'] }] },
    { code: list('https://app.acme.io/cb', 'HTTPS://App.Acme.io/cb'), errors: [{ messageId: 'nearDuplicate', severity: 'warning', includes: ['only by letter case'] }] },
    { code: list('https://app.acme.io/cb', 'https://app.acme.io:443/cb'), errors: [{ messageId: 'nearDuplicate', includes: ['only by the default port'] }] },
    { code: list('HTTPS://app.acme.io:443/cb/', 'https://app.acme.io/cb'), errors: [{ messageId: 'nearDuplicate', includes: ['letter case and the default port and a trailing slash'] }] },
    {
      name: 'other spellings of one URL',
      code: list('https://127.0.0.1/cb', 'https://2130706433/cb'),
      errors: [{ messageId: 'nearDuplicate', includes: ['how it is written (both are read as "https://127.0.0.1/cb")'] }],
    },
    {
      name: 'an exact copy of a near-duplicate is a duplicate, once',
      code: list('https://app.acme.io/cb', 'https://app.acme.io/cb/', 'https://app.acme.io/cb/'),
      errors: [{ messageId: 'nearDuplicate', line: 3 }, { messageId: 'duplicate', line: 4, includes: ['first as redirect_uris[1]'] }],
    },
    {
      name: 'an empty fragment or query is not set aside',
      code: list('https://app.acme.io/cb', 'https://app.acme.io/cb#', 'https://app.acme.io/cb?', 'https://app.acme.io/cb/#'),
      errors: [{ messageId: 'nearDuplicate', line: 5, includes: ['redirect_uris[1]', 'a trailing slash'] }],
    },
    {
      name: 'a password is masked',
      code: list('https://u:hunter2hunter2@a.io/cb', 'https://u:hunter2hunter2@a.io/cb', 'https://u:hunter2hunter2@A.io/cb'),
      errors: [{ messageId: 'duplicate', excludes: ['hunter2hunter2'] }, { messageId: 'nearDuplicate', excludes: ['hunter2hunter2'] }],
    },
  ],
});

describe('redirect-uri-unique on long lists', () => {
  it('stays linear on 10,000 redirect URIs', () => {
    // The rule on its own: the engine gives rules at most the schema's 100 items, and lists 100 problems.
    const uris = Array.from({ length: 10_000 }, (_, i) => `https://app.acme.io/cb/${i % 5000}${i >= 7500 ? '/' : ''}`);
    const found: { messageId: string; data?: Record<string, string | number> }[] = [];
    const context = { report: (r: (typeof found)[number]) => void found.push(r), redact: () => undefined, settings: { scopes: shippedCatalogue() } };
    calls.parseUrl = calls.splitRaw = 0;
    rule.check({ data: { redirect_uris: uris }, environment: 'production', comments: [] }, context as never);
    expect(found.filter((p) => p.messageId === 'duplicate')).toHaveLength(2500);
    expect(found.filter((p) => p.messageId === 'nearDuplicate')).toHaveLength(2500);
    // Linear: each distinct URI parsed once (7,500), two split for each near duplicate; comparing
    // every pair would parse or split tens of millions.
    expect(calls.parseUrl, 'URIs parsed').toBeLessThanOrEqual(7500);
    expect(calls.splitRaw, 'URIs split').toBeLessThanOrEqual(2 * 2500);
    expect(runRule(rule, list(...uris.slice(0, 99), uris[0]!))[0]!.message).toContain('first as redirect_uris[0]');
  });
});
