import { ruleTester } from '../test-support/rule-tester.js';
import rule from './uri-canonical.js';

ruleTester(rule, {
  valid: [
    'client_uri: https://acme-books.io/',
    { name: 'no path is fine here (redirect-uri-exact asks for one on redirect URIs)', code: 'client_uri: https://acme-books.io' },
    'tos_uri: https://acme-books.io:8443/legal/terms?lang=en&v=2#section-2',
    'policy_uri: https://xn--80ak6aa92e.com/privacy',
    'initiation_uri: https://app.acme-books.io/pleo/connect?next=%2Fhome',
    'settings_uri: https://app.acme-books.io/a|b/~me',
    'logo: ./brand/Logo%7e.png',
    { name: 'other schemes are left to uri-https', code: 'client_uri: javascript:alert(1)\ntos_uri: mailto:X@Y.io' },
    { name: 'unparsable URIs are left to uri-https', code: 'client_uri: "HTTPS://a b.io/"' },
    { name: 'redirect URIs are left to redirect-uri-exact', code: 'redirect_uris:\n  - HTTPS://App.Acme.io:443/cb' },
    { name: 'wrong types are skipped', code: 'client_uri: 1\ntos_uri: [x]\npolicy_uri: null' },
  ],
  invalid: [
    {
      code: 'client_uri: "  https://acme-books.io/ "',
      errors: [{ messageId: 'whitespace', path: '/client_uri', line: 1, severity: 'warning', includes: ['write "https://acme-books.io/"'] }],
    },
    {
      code: 'client_name: Acme\ntos_uri: "https://acme-books.io/legal/\\tterms"',
      errors: [{ messageId: 'whitespace', line: 2, includes: ['\\u{0009}', '"https://acme-books.io/legal/terms"'] }],
    },
    {
      code: 'policy_uri: "https://acme-books.io\\\\legal\\\\privacy"',
      errors: [{ messageId: 'backslash', includes: ['"https://acme-books.io/legal/privacy"'] }],
    },
    { code: 'client_uri: "https:acme-books.io/"', errors: [{ messageId: 'slashes', includes: ['no slashes', '"https://acme-books.io/"'] }] },
    { code: 'client_uri: "https:////acme-books.io/"', errors: [{ messageId: 'slashes', includes: ['"////"'] }] },
    {
      code: 'initiation_uri: HTTPS://App.Acme-Books.io/pleo/connect',
      errors: [
        { messageId: 'schemeCase', line: 1, includes: ['"HTTPS:"', '"https://app.acme-books.io/pleo/connect"'] },
        { messageId: 'hostCase', line: 1, includes: ['"App.Acme-Books.io"', '"https://app.acme-books.io/pleo/connect"'] },
      ],
    },
    { code: 'client_uri: https://аррӏе.com/', errors: [{ messageId: 'unicodeHost', includes: ['"https://xn--80ak6aa92e.com/"'] }] },
    { code: 'settings_uri: https://app.acme-books.io:443/settings', errors: [{ messageId: 'defaultPort', includes: ['":443"', '"https://app.acme-books.io/settings"'] }] },
    { code: 'settings_uri: http://app.acme-books.io:80/settings', errors: [{ messageId: 'defaultPort', includes: ['":80"'] }] },
    { code: 'settings_uri: https://app.acme-books.io:0443/', errors: [{ messageId: 'portFormat', includes: ['":0443"', 'the default port 443'] }] },
    { code: 'settings_uri: https://app.acme-books.io:/', errors: [{ messageId: 'portFormat', includes: ['":"'] }] },
    { code: 'tos_uri: https://acme-books.io/legal/./terms', errors: [{ messageId: 'dotSegments', includes: ['"."', '"https://acme-books.io/legal/terms"'] }] },
    { code: 'tos_uri: https://acme-books.io/x/../terms', errors: [{ messageId: 'dotSegments', includes: ['".."', '"https://acme-books.io/terms"'] }] },
    {
      name: 'encoded dot segments are dot segments, reported once',
      code: 'tos_uri: https://acme-books.io/x/%2e%2E/terms',
      errors: [{ messageId: 'dotSegments', includes: ['"%2e%2E"', '"https://acme-books.io/terms"'] }],
    },
    {
      code: 'client_uri: https://2130706433/',
      errors: [{ messageId: 'ipv4Notation', includes: ['"2130706433"', 'read as 127.0.0.1', '"https://127.0.0.1/"'] }],
    },
    { code: 'client_uri: https://0x7f.1/', errors: [{ messageId: 'ipv4Notation', includes: ['"0x7f.1"', '127.0.0.1'] }] },
    { code: 'client_uri: https://127.1/', errors: [{ messageId: 'ipv4Notation', includes: ['"127.1"'] }] },
    { code: 'client_uri: https://0177.0.0.1/', errors: [{ messageId: 'ipv4Notation', includes: ['"0177.0.0.1"'] }] },
    { code: 'client_uri: https://[0:0:0:0:0:0:0:1]/', errors: [{ messageId: 'ipv6Notation', includes: ['[::1]'] }] },
    { code: 'tos_uri: https://acme-books.io/terms%zz', errors: [{ messageId: 'invalidPercent', includes: ['"%zz"', '"https://acme-books.io/terms%25zz"'] }] },
    { code: 'tos_uri: https://acme-books.io/terms?off=50%', errors: [{ messageId: 'invalidPercent', includes: ['"%"'] }] },
    { code: 'tos_uri: https://acme-books.io/a%2fb', errors: [{ messageId: 'lowercasePercent', includes: ['"%2f"', '"https://acme-books.io/a%2Fb"'] }] },
    { code: 'tos_uri: https://acme-books.io/%7Eacme', errors: [{ messageId: 'encodedUnreserved', includes: ['"~" as "%7E"', '"https://acme-books.io/~acme"'] }] },
    { code: 'tos_uri: https://acme-books.io/legal terms', errors: [{ messageId: 'unencoded', includes: ['a space', '"https://acme-books.io/legal%20terms"'] }] },
    { code: 'logo: https://cdn.acme-books.io/logo é.png', errors: [{ messageId: 'unencoded', path: '/logo' }] },
    {
      name: 'several differences, each its own message, all naming the same form',
      code: 'client_uri: "HTTPS://Acme-Books.io:443/./x/%7e%zz "',
      errors: ['whitespace', 'schemeCase', 'hostCase', 'defaultPort', 'dotSegments', 'invalidPercent', 'encodedUnreserved'].map((messageId) => ({
        messageId,
        includes: ['"https://acme-books.io/x/~%25zz"'],
      })),
    },
    {
      name: 'the canonical form leaves user information out',
      code: 'client_uri: HTTPS://admin:hunter2hunter2@acme-books.io/',
      errors: [{ messageId: 'schemeCase', includes: ['write it in lower case: "https://acme-books.io/"'], excludes: ['hunter2hunter2'] }],
    },
  ],
});
