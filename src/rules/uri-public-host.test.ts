import { describe, expect, it } from 'vitest';
import { lint as lintManifest } from '../index.js';
import type { Outcome } from '../services/http-outcome.js';
import { ruleTester } from '../test-support/rule-tester.js';
import rule from './uri-public-host.js';

ruleTester(rule, {
  valid: [
    'client_uri: https://acme-books.io/',
    'tos_uri: https://legal.acme-books.co.uk:8443/terms?x=1',
    { name: 'an IDN host as A-labels', code: 'policy_uri: https://xn--80ak6aa92e.com/privacy' },
    { name: 'a name that merely contains "example"', code: 'settings_uri: https://myexample.com/settings\ninitiation_uri: https://example.company.io/' },
    { name: 'a name that merely ends in "local"', code: 'client_uri: https://acme.locally.io/\ntos_uri: https://acme-local.io/' },
    'logo: ./brand/logo.png',
    { name: 'redirect URIs have their own rule', code: 'redirect_uris:\n  - https://localhost/cb' },
    { name: 'other schemes and unparsable values are left to uri-https', code: 'client_uri: mailto:x@localhost\ntos_uri: https://\npolicy_uri: localhost' },
    { name: 'wrong types are skipped', code: 'client_uri: 127\ntos_uri: {host: localhost}' },
  ],
  invalid: [
    {
      code: 'client_uri: https://localhost:3000/',
      errors: [{ messageId: 'localhost', path: '/client_uri', line: 1, column: 13, severity: 'error', includes: ['"https://localhost:3000/"', 'points at localhost'] }],
    },
    { code: 'client_uri: https://LOCALHOST./', errors: [{ messageId: 'localhost', includes: ['localhost.'] }] },
    {
      code: 'client_name: Acme\ntos_uri: https://127.0.0.1/terms',
      errors: [{ messageId: 'ipAddress', line: 2, includes: ['127.0.0.1: a loopback address'] }],
    },
    { name: 'an IPv4 address as one number', code: 'tos_uri: https://2130706433/terms', errors: [{ messageId: 'ipAddress', includes: ['127.0.0.1: a loopback address'] }] },
    { code: 'tos_uri: https://0x7f.1/terms', errors: [{ messageId: 'ipAddress', includes: ['127.0.0.1'] }] },
    { code: 'policy_uri: https://10.0.0.5/privacy', errors: [{ messageId: 'ipAddress', includes: ['private (RFC 1918)'] }] },
    { code: 'policy_uri: https://169.254.169.254/latest/meta-data/', errors: [{ messageId: 'ipAddress', includes: ['cloud metadata'] }] },
    { code: 'policy_uri: https://8.8.8.8/privacy', errors: [{ messageId: 'ipAddress', includes: ['a public address', 'use your public domain name'] }] },
    { code: 'policy_uri: https://[::1]/privacy', errors: [{ messageId: 'ipAddress', includes: ['[::1]: a loopback address'] }] },
    {
      name: 'IPv4-mapped IPv6',
      code: 'policy_uri: https://[::ffff:169.254.169.254]/privacy',
      errors: [{ messageId: 'ipAddress', includes: ['[::ffff:a9fe:a9fe]', 'cloud metadata service'] }],
    },
    { code: 'policy_uri: https://[fd12:3456::1]/privacy', errors: [{ messageId: 'ipAddress', includes: ['unique local'] }] },
    { code: 'initiation_uri: https://intranet/connect', errors: [{ messageId: 'singleLabel', includes: ['"intranet"'] }] },
    { code: 'initiation_uri: https://printer.local/connect', errors: [{ messageId: 'localName', includes: ['".local"'] }] },
    { code: 'initiation_uri: https://app.corp.internal/connect', errors: [{ messageId: 'localName', includes: ['".internal"'] }] },
    { code: 'initiation_uri: https://app.localhost/connect', errors: [{ messageId: 'localName', includes: ['".localhost"'] }] },
    { code: 'initiation_uri: https://nas.home.arpa/connect', errors: [{ messageId: 'localName', includes: ['".home.arpa"'] }] },
    {
      code: 'settings_uri: https://example.com/settings',
      errors: [{ messageId: 'reservedDomain', severity: 'warning', includes: ['"example.com" (example.com)'] }],
    },
    { code: 'settings_uri: https://app.example.org/settings', errors: [{ messageId: 'reservedDomain', severity: 'warning', includes: ['(example.org)'] }] },
    { code: 'settings_uri: https://acme.test/settings', errors: [{ messageId: 'reservedDomain', severity: 'warning', includes: ['(.test)'] }] },
    { code: 'settings_uri: https://acme.example/settings', errors: [{ messageId: 'reservedDomain', includes: ['(.example)'] }] },
    { code: 'settings_uri: https://acme.invalid/settings', errors: [{ messageId: 'reservedDomain', includes: ['(.invalid)'] }] },
    { name: 'a logo URL', code: 'logo: http://localhost/logo.png', errors: [{ messageId: 'localhost', path: '/logo' }] },
    {
      name: 'every key',
      code: [
        'client_uri: https://localhost/',
        'logo: https://10.1.1.1/logo.png',
        'tos_uri: https://intranet/terms',
        'policy_uri: https://a.local/privacy',
        'initiation_uri: https://example.net/',
        'settings_uri: https://acme-books.io/ok',
      ].join('\n'),
      errors: [
        { messageId: 'localhost', line: 1, severity: 'error' },
        { messageId: 'ipAddress', line: 2, severity: 'error' },
        { messageId: 'singleLabel', line: 3, severity: 'error' },
        { messageId: 'localName', line: 4, severity: 'error' },
        { messageId: 'reservedDomain', line: 5, severity: 'warning' },
      ],
    },
  ],
});

describe('uri-public-host, online', () => {
  const blocked = (url: string): Outcome => ({ kind: 'blocked', url, redirects: [], address: '10.1.2.3', range: 'private (RFC 1918)', stage: 'before-connect' });

  async function lintOnline(text: string, outcomes: Record<string, Outcome>, online = true) {
    const requested: string[] = [];
    const result = await lintManifest(text, { file: 'pleo-client.yaml', rules: [rule] }, {
      online,
      request: async (url) => {
        requested.push(url);
        return outcomes[url] ?? { kind: 'response', url, redirects: [], status: 200 };
      },
      loadLogo: async () => ({ kind: 'absent' }),
    });
    return { requested, problems: result.problems.map((p) => `${p.range.line} ${p.severity} ${p.messageId}: ${p.message}`) };
  }

  it('reports a public-looking name that resolves to a private address (nothing is requested from it)', async () => {
    const { problems } = await lintOnline('client_uri: https://intranet.acme-books.io/\ntos_uri: https://acme-books.io/terms\n', {
      'https://intranet.acme-books.io/': blocked('https://intranet.acme-books.io/'),
    });
    expect(problems).toEqual([
      '1 error resolvesPrivate: client_uri "https://intranet.acme-books.io/" leads to 10.1.2.3, a private (RFC 1918) address, which is never requested; users cannot reach it. Publish the page on a public address.',
    ]);
  });

  it('does not request hosts the text already rules out, and requests nothing offline', async () => {
    const text = 'client_uri: https://10.0.0.5/\ntos_uri: https://localhost/terms\npolicy_uri: https://acme-books.io/privacy\n';
    expect((await lintOnline(text, {})).requested).toEqual(['https://acme-books.io/privacy']);
    expect((await lintOnline(text, {}, false)).requested).toEqual([]);
  });
});
