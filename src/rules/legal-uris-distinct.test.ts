import { ruleTester } from '../test-support/rule-tester.js';
import rule from './legal-uris-distinct.js';

ruleTester(rule, {
  valid: [
    'tos_uri: https://acme-books.io/legal/terms\npolicy_uri: https://acme-books.io/legal/privacy',
    { name: 'different queries are different pages', code: 'tos_uri: https://acme-books.io/legal?doc=terms\npolicy_uri: https://acme-books.io/legal?doc=privacy' },
    { name: 'different hosts', code: 'tos_uri: https://terms.acme-books.io/\npolicy_uri: https://privacy.acme-books.io/' },
    { name: 'path case matters', code: 'tos_uri: https://acme-books.io/Legal\npolicy_uri: https://acme-books.io/legal' },
    { name: 'a non-default port is another server', code: 'tos_uri: https://acme-books.io:8443/legal\npolicy_uri: https://acme-books.io/legal' },
    { name: 'only one of them', code: 'tos_uri: https://acme-books.io/legal' },
    { name: 'wrong types are skipped', code: 'tos_uri: [https://acme-books.io/legal]\npolicy_uri: https://acme-books.io/legal' },
    { name: 'two empty values are left to schema', code: 'tos_uri: ""\npolicy_uri: ""' },
  ],
  invalid: [
    {
      code: 'tos_uri: https://acme-books.io/legal\npolicy_uri: https://acme-books.io/legal',
      errors: [{ messageId: 'samePage', path: '/policy_uri', line: 2, column: 13, severity: 'warning', includes: ['policy_uri "https://acme-books.io/legal"', 'tos_uri "https://acme-books.io/legal"'] }],
    },
    {
      name: 'case of scheme and host, default port and trailing slash set aside',
      code: 'tos_uri: HTTPS://Acme-Books.io:443/legal/\npolicy_uri: https://acme-books.io/legal',
      errors: [{ messageId: 'samePage', line: 2 }],
    },
    { name: 'http and https', code: 'policy_uri: http://acme-books.io/legal\ntos_uri: https://acme-books.io/legal', errors: [{ messageId: 'samePage', line: 1 }] },
    { name: 'bare origins', code: 'tos_uri: https://acme-books.io\npolicy_uri: https://acme-books.io/', errors: [{ messageId: 'samePage' }] },
    {
      name: 'sections of one page',
      code: 'tos_uri: https://acme-books.io/legal#terms\npolicy_uri: https://acme-books.io/legal#privacy',
      errors: [{ messageId: 'sameSectionOfPage', line: 2, includes: ['differ only after "#"'] }],
    },
    { code: 'tos_uri: https://acme-books.io/legal\npolicy_uri: https://acme-books.io/legal#privacy', errors: [{ messageId: 'sameSectionOfPage' }] },
    { name: 'unparsable values compared as text', code: 'tos_uri: acme-books.io/legal\npolicy_uri: " acme-books.io/legal"', errors: [{ messageId: 'samePage' }] },
    {
      name: 'a password is masked',
      code: 'tos_uri: https://u:hunter2hunter2@acme-books.io/legal\npolicy_uri: https://u:hunter2hunter2@acme-books.io/legal',
      errors: [{ messageId: 'samePage', excludes: ['hunter2hunter2'] }],
    },
  ],
});
