import { ruleTester } from '../test-support/rule-tester.js';
import rule from './uri-no-userinfo.js';

ruleTester(rule, {
  valid: [
    'client_uri: https://acme-books.io/',
    { name: 'an @ in the path is not user information', code: 'tos_uri: https://acme-books.io/@acme/terms' },
    { name: 'an @ in the query is not user information', code: 'policy_uri: https://acme-books.io/privacy?contact=legal@acme-books.io' },
    { name: 'an @ in the fragment is not user information', code: 'settings_uri: https://acme-books.io/settings#a@b' },
    'redirect_uris:\n  - https://app.acme-books.io/callback\n  - http://localhost:3000/callback',
    { name: 'mailto: has no authority', code: 'tos_uri: mailto:legal@acme-books.io' },
    { name: 'a relative logo path is not a URI', code: 'logo: ./brand/me@2x.png' },
    { name: 'wrong types are skipped', code: 'client_uri: 5\nredirect_uris: https://u:p@a.io/\nlogo: [https://u:p@a.io/]' },
    { code: 'redirect_uris:\n  - 42\n  - null\n  - {uri: "https://u:p@a.io/"}' },
  ],
  invalid: [
    {
      name: 'a host before @ is user information; the host is after it',
      code: 'client_uri: https://good.com@evil.com/cb',
      errors: [{ messageId: 'hostConfusion', path: '/client_uri', line: 1, severity: 'error', includes: ['leads to the host "evil.com", not "good.com"', 'Remove "good.com@"'] }],
    },
    {
      code: 'redirect_uris:\n  - https://app.acme-books.io/cb\n  - https://app.acme-books.io@evil.example/cb',
      errors: [{ messageId: 'hostConfusion', path: '/redirect_uris/1', line: 3, includes: ['Redirect URI', '"evil.example"'] }],
    },
    {
      name: 'a password is masked in the message',
      code: 'tos_uri: https://admin:correct-horse-battery@acme-books.io/terms',
      errors: [{ messageId: 'credentials', line: 1, includes: ['"admin:…@"', 'host "acme-books.io"', 'corr…(21 chars)'], excludes: ['correct-horse-battery'] }],
    },
    {
      name: 'a short password is masked too',
      code: 'redirect_uris:\n  - https://user:pass@app.acme-books.io/cb',
      errors: [{ messageId: 'credentials', path: '/redirect_uris/0', line: 2, excludes: [':pass@'] }],
    },
    {
      code: 'initiation_uri: https://:hunter2@acme-books.io/',
      errors: [{ messageId: 'credentials', excludes: ['hunter2'] }],
    },
    {
      code: 'settings_uri: https://admin@acme-books.io/settings',
      errors: [{ messageId: 'userinfo', includes: ['("admin@")', 'host "acme-books.io"'] }],
    },
    { name: 'an empty user information still has @', code: 'client_uri: https://@acme-books.io/', errors: [{ messageId: 'userinfo', includes: ['("@")'] }] },
    {
      name: 'the last @ ends the user information',
      code: 'client_uri: https://a@b@acme-books.io/',
      errors: [{ messageId: 'userinfo', includes: ['("a@b@")', 'host "acme-books.io"'] }],
    },
    {
      name: 'a backslash before @ splits browsers and other parsers',
      code: 'policy_uri: "https://evil.com\\\\@good.com/cb"',
      errors: [{ messageId: 'backslashConfusion', path: '/policy_uri', includes: ['browsers go to the host "evil.com"', 'go to "good.com"'] }],
    },
    {
      code: 'redirect_uris:\n  - "https://evil.com\\\\@good.com:8443/cb"',
      errors: [{ messageId: 'backslashConfusion', line: 2, includes: ['go to "good.com"'] }],
    },
    { name: 'a logo URL', code: 'logo: https://cdn@acme-books.io/logo.png', errors: [{ messageId: 'userinfo', path: '/logo' }] },
    {
      name: 'every URI key and every redirect URI',
      code: 'client_uri: https://a@acme-books.io/\ntos_uri: https://b@acme-books.io/\nredirect_uris:\n  - https://c@acme-books.io/cb\n  - https://d@acme-books.io/cb',
      errors: [
        { messageId: 'userinfo', line: 1 },
        { messageId: 'userinfo', line: 2 },
        { messageId: 'userinfo', line: 4 },
        { messageId: 'userinfo', line: 5 },
      ],
    },
  ],
});
