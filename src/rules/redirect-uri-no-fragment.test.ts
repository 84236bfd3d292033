import { ruleTester } from '../test-support/rule-tester.js';
import rule from './redirect-uri-no-fragment.js';

ruleTester(rule, {
  valid: [
    'redirect_uris:\n  - https://app.acme-books.io/callback\n  - https://app.acme-books.io/callback?tenant=eu',
    { name: 'an encoded # is a character', code: 'redirect_uris:\n  - https://app.acme-books.io/cb?x=%23' },
    { name: 'other keys may have a fragment', code: 'tos_uri: https://acme-books.io/legal#terms' },
    { name: 'wrong types are skipped', code: 'redirect_uris:\n  - 3\n  - ["#"]' },
  ],
  invalid: [
    {
      code: 'redirect_uris:\n  - https://app.acme-books.io/#/oauth/callback',
      errors: [{ messageId: 'fragment', path: '/redirect_uris/0', line: 2, column: 5, severity: 'error', includes: ['"#/oauth/callback"', 'Register "https://app.acme-books.io/"'] }],
    },
    {
      name: 'an empty fragment, which url.hash does not show',
      code: 'redirect_uris:\n  - https://app.acme-books.io/cb\n  - https://app.acme-books.io/callback#',
      errors: [{ messageId: 'emptyFragment', line: 3, includes: ['empty fragment "#"', 'Register "https://app.acme-books.io/callback"'] }],
    },
    { code: 'redirect_uris:\n  - https://app.acme-books.io/cb?x=1#y', errors: [{ messageId: 'fragment', includes: ['"#y"', '"https://app.acme-books.io/cb?x=1"'] }] },
    { name: 'one report however many #', code: 'redirect_uris:\n  - "https://a.io/cb#x#y"', errors: [{ messageId: 'fragment', includes: ['"#x#y"'] }] },
    { code: 'redirect_uris:\n  - "https://a.io/cb# "', errors: [{ messageId: 'emptyFragment' }] },
    {
      name: 'a password is masked, also in the fixed form',
      code: 'redirect_uris:\n  - https://u:hunter2hunter2@a.io/cb#x',
      errors: [{ messageId: 'fragment', excludes: ['hunter2hunter2'] }],
    },
  ],
});
