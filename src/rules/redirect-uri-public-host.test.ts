import { describe, expect, it } from 'vitest';
import { lint as lintManifest } from '../index.js';
import type { Outcome } from '../services/http-outcome.js';
import { ruleTester } from '../test-support/rule-tester.js';
import rule from './redirect-uri-public-host.js';

const staging = (...uris: string[]) => `environment: staging\nredirect_uris:\n${uris.map((u) => `  - ${u}`).join('\n')}`;
const production = (...uris: string[]) => `environment: production\nredirect_uris:\n${uris.map((u) => `  - ${u}`).join('\n')}`;

ruleTester(rule, {
  valid: [
    production('https://app.acme-books.io/oauth/pleo/callback', 'https://app.acme-books.io:8443/cb?x=1', 'https://xn--80ak6aa92e.com/cb'),
    { name: 'staging loopback redirects', code: staging('http://localhost:3000/callback', 'http://127.0.0.1:8080/cb', 'http://[::1]/cb', 'https://localhost/cb') },
    { name: 'staging loopback in any spelling the parser reads as the documented hosts', code: staging('http://LOCALHOST:3000/cb', 'http://2130706433/cb', 'http://[0:0:0:0:0:0:0:1]/cb') },
    { name: 'staging public hosts', code: staging('https://staging.acme-books.io/cb') },
    { name: 'other schemes are redirect-uri-https\'s concern', code: production('com.example.app://localhost/cb', 'javascript://localhost/%0aalert(1)', 'localhost:3000/cb') },
    { name: 'other keys are uri-public-host\'s concern', code: 'client_uri: https://localhost/' },
    { name: 'wrong types are skipped', code: 'redirect_uris:\n  - 127\n  - [localhost]\n  - {localhost: 1}' },
  ],
  invalid: [
    {
      code: production('http://localhost:3000/callback'),
      errors: [{ messageId: 'loopbackProduction', path: '/redirect_uris/0', line: 3, column: 5, severity: 'error', includes: ['"http://localhost:3000/callback"', 'Keep loopback redirects in the staging manifest'] }],
    },
    {
      name: 'production is the default',
      code: 'redirect_uris:\n  - https://127.0.0.1/cb\n  - https://[::1]/cb\n  - https://2130706433/cb\n  - https://0x7f.1/cb\n  - https://[::ffff:127.0.0.1]/cb',
      errors: [2, 3, 4, 5, 6].map((line) => ({ messageId: 'loopbackProduction', line })),
    },
    {
      name: 'staging: other loopback spellings are not the documented list',
      code: staging('http://127.0.0.2/cb', 'http://localhost./cb', 'http://[::ffff:7f00:1]/cb'),
      errors: [
        { messageId: 'loopbackNotExact', line: 3, includes: ['127.0.0.2', 'only localhost, 127.0.0.1 and [::1]'] },
        { messageId: 'loopbackNotExact', line: 4 },
        { messageId: 'loopbackNotExact', line: 5 },
      ],
    },
    {
      name: 'staging: private addresses and local names are still errors',
      code: staging('http://10.0.0.5/cb', 'https://192.168.1.20/cb', 'https://devbox/cb', 'https://app.local/cb', 'https://api.internal/cb', 'http://app.localhost/cb'),
      errors: [
        { messageId: 'ipAddress', line: 3, severity: 'error', includes: ['10.0.0.5: a private (RFC 1918) address'] },
        { messageId: 'ipAddress', line: 4 },
        { messageId: 'singleLabel', line: 5, includes: ['"devbox"'] },
        { messageId: 'localName', line: 6, includes: ['".local"'] },
        { messageId: 'localName', line: 7, includes: ['".internal"'] },
        { messageId: 'localName', line: 8, includes: ['".localhost"'] },
      ],
    },
    { code: production('https://169.254.169.254/cb'), errors: [{ messageId: 'ipAddress', includes: ['cloud metadata'] }] },
    { code: production('https://203.0.113.10/cb'), errors: [{ messageId: 'ipAddress', includes: ['documentation'] }] },
    { code: production('https://[2606:4700::1111]/cb'), errors: [{ messageId: 'ipAddress', includes: ['a public address'] }] },
    { code: production('https://[fe80::1]/cb'), errors: [{ messageId: 'ipAddress', includes: ['link-local'] }] },
    { code: production('https://example.com/cb'), errors: [{ messageId: 'reservedDomain', severity: 'warning', includes: ['(example.com)'] }] },
    { code: staging('https://app.acme.test/cb'), errors: [{ messageId: 'reservedDomain', severity: 'warning', includes: ['(.test)'] }] },
    {
      name: 'a password is masked',
      code: production('https://u:hunter2hunter2@localhost/cb'),
      errors: [{ messageId: 'loopbackProduction', excludes: ['hunter2hunter2'] }],
    },
  ],
});

describe('redirect-uri-public-host, online', () => {
  it('reports a redirect host that resolves to a special-use address; skips what the text already judged', async () => {
    const requested: string[] = [];
    const text = 'environment: staging\nredirect_uris:\n  - http://localhost:3000/cb\n  - https://callback.acme-books.io/cb\n  - https://app.acme-books.io/cb\n';
    const result = await lintManifest(text, { file: 'pleo-client.yaml', rules: [rule] }, {
      online: true,
      request: async (url): Promise<Outcome> => {
        requested.push(url);
        return url.startsWith('https://callback.')
          ? { kind: 'blocked', url, redirects: [], address: '169.254.169.254', range: 'cloud metadata service', stage: 'on-connect' }
          : { kind: 'response', url, redirects: [], status: 400 };
      },
      loadLogo: async () => ({ kind: 'absent' }),
    });
    expect(requested.sort()).toEqual(['https://app.acme-books.io/cb', 'https://callback.acme-books.io/cb']);
    expect(result.problems.map((p) => `${p.range.line} ${p.severity} ${p.messageId}`)).toEqual(['4 error resolvesPrivate']);
    expect(result.problems[0]!.message).toContain('169.254.169.254, a cloud metadata service address');
  });
});
