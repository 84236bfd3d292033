import { ruleTester } from '../test-support/rule-tester.js';
import rule from './redirect-uri-no-wildcard.js';

ruleTester(rule, {
  valid: [
    'redirect_uris:\n  - https://app.acme-books.io/callback\n  - https://eu.acme-books.io/callback',
    { name: 'an encoded asterisk is a character, not a wildcard', code: 'redirect_uris:\n  - https://app.acme-books.io/cb/%2A' },
    { name: 'other keys are not redirect URIs', code: 'client_uri: https://*.acme-books.io/' },
    { name: 'wrong types are skipped', code: 'redirect_uris:\n  - 1\n  - ["*"]\n  - {"*": "*"}' },
  ],
  invalid: [
    {
      code: 'redirect_uris:\n  - https://*.acme-books.io/callback',
      errors: [{ messageId: 'wildcardHost', path: '/redirect_uris/0', line: 2, column: 5, severity: 'error', includes: ['"https://*.acme-books.io/callback"', 'no wildcards'] }],
    },
    { code: 'redirect_uris:\n  - https://app.acme-books.io/callback/*', errors: [{ messageId: 'wildcard', line: 2, includes: ['"https://app.acme-books.io/callback/*"'] }] },
    { code: 'redirect_uris:\n  - https://app.acme-books.io/*/callback', errors: [{ messageId: 'wildcard' }] },
    { code: 'redirect_uris:\n  - https://app.acme-books.io/cb?tenant=*', errors: [{ messageId: 'wildcard' }] },
    { code: 'redirect_uris:\n  - https://app.acme-books.io:*/cb', errors: [{ messageId: 'wildcardHost' }] },
    { code: 'redirect_uris:\n  - "*"', errors: [{ messageId: 'wildcard' }] },
    {
      name: 'one report per URI, however many asterisks',
      code: 'redirect_uris:\n  - https://ok.acme-books.io/cb\n  - https://*.*.acme-books.io/*\n  - http://localhost:*/cb',
      errors: [{ messageId: 'wildcardHost', line: 3 }, { messageId: 'wildcardHost', line: 4 }],
    },
  ],
});
