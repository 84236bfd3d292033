import { ruleTester } from '../test-support/rule-tester.js';
import rule from './uri-https.js';

ruleTester(rule, {
  valid: [
    'client_uri: https://acme-books.io/',
    'tos_uri: https://acme-books.io:8443/legal/terms?lang=en#section-2',
    'policy_uri: https://xn--80ak6aa92e.com/privacy',
    'initiation_uri: HTTPS://App.Acme-Books.io/pleo/connect',
    'settings_uri: https://app.acme-books.io/pleo/settings',
    { name: 'a relative logo path is a file, not a URI', code: 'logo: ./brand/logo.png' },
    'logo: brand/logo.png',
    'logo: ../logo.png',
    'logo: "C:\\\\brand\\\\logo.png"',
    'logo: https://cdn.acme-books.io/logo.png',
    { name: 'redirect URIs have their own rule', code: 'redirect_uris:\n  - http://app.acme-books.io/cb' },
    { name: 'x- keys are ignored', code: 'x-docs: http://intranet/docs' },
    { name: 'wrong types are left to schema', code: 'client_uri: 42\ntos_uri: [http://a.io]\npolicy_uri: {url: http://a.io}\ninitiation_uri: null\nsettings_uri: true\nlogo: 7' },
    { name: 'empty strings are left to schema', code: 'client_uri: ""\ntos_uri: "  "' },
  ],
  invalid: [
    {
      code: 'client_uri: http://acme-books.io/',
      errors: [{ messageId: 'http', path: '/client_uri', line: 1, column: 13, severity: 'error', includes: ['"http://acme-books.io/"', 'use https: ("https://acme-books.io/")'] }],
    },
    {
      code: 'client_name: Acme\ntos_uri: HTTP://acme-books.io/terms',
      errors: [{ messageId: 'http', path: '/tos_uri', line: 2, includes: ['"https://acme-books.io/terms"'] }],
    },
    {
      code: 'policy_uri: javascript:alert(1)',
      errors: [{ messageId: 'forbiddenScheme', line: 1, severity: 'error', includes: ['javascript:', '"javascript:alert(1)"'] }],
    },
    {
      name: 'a tab inside the scheme still reads as javascript:',
      code: 'policy_uri: "java\\tscript:alert(1)"',
      errors: [{ messageId: 'forbiddenScheme', includes: ['the javascript: scheme', '\\u{0009}'] }],
    },
    { code: 'settings_uri: vbscript:msgbox(1)', errors: [{ messageId: 'forbiddenScheme', includes: ['vbscript:'] }] },
    { code: 'logo: data:image/png;base64,iVBORw0KGgo=', errors: [{ messageId: 'forbiddenScheme', path: '/logo', includes: ['data:'] }] },
    { code: 'logo: file:///Users/me/logo.png', errors: [{ messageId: 'forbiddenScheme', includes: ['file:'] }] },
    { code: 'client_uri: blob:https://acme-books.io/1234', errors: [{ messageId: 'forbiddenScheme', includes: ['blob:'] }] },
    { code: 'client_uri: about:blank', errors: [{ messageId: 'forbiddenScheme', includes: ['about:'] }] },
    { code: 'client_uri: ftp://acme-books.io/', errors: [{ messageId: 'otherScheme', includes: ['the ftp: scheme'] }] },
    { code: 'tos_uri: mailto:legal@acme-books.io', errors: [{ messageId: 'otherScheme', includes: ['mailto:'] }] },
    {
      code: 'tos_uri: acme-books.io/legal/terms',
      errors: [{ messageId: 'notAbsolute', includes: ['"acme-books.io/legal/terms"', '"https://acme-books.io/legal/terms"'] }],
    },
    { code: 'tos_uri: /legal/terms', errors: [{ messageId: 'notAbsolute', includes: ['"https://<your domain>/legal/terms"'] }] },
    { code: 'client_uri: //acme-books.io/', errors: [{ messageId: 'notAbsolute', includes: ['"https://acme-books.io/"'] }] },
    { code: 'client_uri: localhost:3000/', errors: [{ messageId: 'notAbsolute', includes: ['"https://localhost:3000/"'] }] },
    { name: 'a protocol-relative logo is a URL', code: 'logo: //cdn.acme-books.io/logo.png', errors: [{ messageId: 'notAbsolute', path: '/logo' }] },
    { code: 'client_uri: https://', errors: [{ messageId: 'invalid', includes: ['"https://"'] }] },
    { code: 'client_uri: https://acme books.io/', errors: [{ messageId: 'invalid' }] },
    { code: 'client_uri: https://acme-books.io:99999/', errors: [{ messageId: 'invalid' }] },
    {
      name: 'a password is masked',
      code: 'client_uri: http://admin:correct-horse@acme-books.io/',
      errors: [{ messageId: 'http', excludes: ['correct-horse'] }],
    },
    {
      name: 'every key, in file order',
      code: [
        'client_uri: http://a.io/',
        'logo: javascript:alert(1)',
        'tos_uri: a.io/terms',
        'policy_uri: mailto:x@a.io',
        'initiation_uri: https://',
        'settings_uri: data:text/html,<b>hi</b>',
      ].join('\n'),
      errors: [
        { messageId: 'http', line: 1 },
        { messageId: 'forbiddenScheme', line: 2 },
        { messageId: 'notAbsolute', line: 3 },
        { messageId: 'otherScheme', line: 4 },
        { messageId: 'invalid', line: 5 },
        { messageId: 'forbiddenScheme', line: 6 },
      ],
    },
    {
      name: 'a long value is clipped',
      code: `client_uri: http://acme-books.io/${'a'.repeat(5000)}`,
      errors: [{ messageId: 'http', excludes: ['a'.repeat(200)] }],
    },
  ],
});
