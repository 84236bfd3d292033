import { ruleTester } from '../test-support/rule-tester.js';
import rule from './redirect-uri-exact.js';

const list = (...uris: string[]) => `redirect_uris:\n${uris.map((u) => `  - ${u}`).join('\n')}`;

ruleTester(rule, {
  valid: [
    list('https://app.acme-books.io/oauth/pleo/callback', 'https://app.acme-books.io:8443/cb?tenant=eu', 'https://xn--80ak6aa92e.com/cb'),
    { name: 'staging loopback redirects', code: `environment: staging\n${list('http://localhost:3000/callback', 'http://127.0.0.1:8080/cb', 'http://[::1]/cb')}` },
    { name: 'escapes that must stay escaped', code: list('https://app.acme-books.io/cb/a%2Fb?next=%2Fhome%3F') },
    { name: 'a fragment is redirect-uri-no-fragment\'s concern', code: list('https://app.acme-books.io/cb#') },
    { name: 'other schemes are redirect-uri-https\'s concern', code: list('com.example.app:/cb', 'javascript:alert(1)', '/cb') },
    { name: 'other keys are uri-canonical\'s concern', code: 'client_uri: HTTPS://Acme-Books.io' },
    { name: 'wrong types are skipped', code: 'redirect_uris:\n  - 8080\n  - [HTTPS://A.io]\n  - null' },
  ],
  invalid: [
    {
      code: list('HTTPS://App.Acme.io/cb'),
      errors: [
        { messageId: 'schemeCase', path: '/redirect_uris/0', line: 2, column: 5, severity: 'warning', includes: ['Redirect URI "HTTPS://App.Acme.io/cb"', '"https://app.acme.io/cb"'] },
        { messageId: 'hostCase', line: 2, includes: ['"App.Acme.io"'] },
      ],
    },
    { code: list('https://app.acme.io:443/cb'), errors: [{ messageId: 'defaultPort', includes: ['":443"', '"https://app.acme.io/cb"'] }] },
    { code: list('"https://app.acme.io/cb "'), errors: [{ messageId: 'whitespace', includes: ['"https://app.acme.io/cb"'] }] },
    { code: list('"https://app.acme.io\\\\cb"'), errors: [{ messageId: 'backslash', includes: ['"https://app.acme.io/cb"'] }] },
    { code: list('https://2130706433/cb'), errors: [{ messageId: 'ipv4Notation', includes: ['"https://127.0.0.1/cb"'] }] },
    {
      name: 'odd loopback notation in staging',
      code: `environment: staging\n${list('http://0x7f.1:3000/cb')}`,
      errors: [{ messageId: 'ipv4Notation', line: 3, includes: ['"0x7f.1"', '"http://127.0.0.1:3000/cb"'] }],
    },
    { code: list('https://app.acme.io/a/../cb'), errors: [{ messageId: 'dotSegments', includes: ['"https://app.acme.io/cb"'] }] },
    { code: list('https://app.acme.io/%63b'), errors: [{ messageId: 'encodedUnreserved', includes: ['"c" as "%63"'] }] },
    { code: list('https://app.acme.io/cb?x=%zz'), errors: [{ messageId: 'invalidPercent' }] },
    { code: list('https://app.acme.io/cb?next=%2fhome'), errors: [{ messageId: 'lowercasePercent' }] },
    {
      name: 'a bare origin, with or without the slash',
      code: list('https://app.acme.io', 'https://app.acme.io/', 'https://app.acme.io/?x=1'),
      errors: [
        { messageId: 'bareOrigin', line: 2, includes: ['"https://app.acme.io"', '"https://app.acme.io/oauth/callback"'] },
        { messageId: 'bareOrigin', line: 3 },
        { messageId: 'bareOrigin', line: 4 },
      ],
    },
    {
      code: list('https://app.acme.io./cb'),
      errors: [{ messageId: 'trailingDot', includes: ['("app.acme.io.")', 'remove the dot'] }],
    },
    {
      name: 'all at once, each fact once',
      code: list('HTTPS://App.Acme.io.:443'),
      errors: [{ messageId: 'schemeCase' }, { messageId: 'hostCase' }, { messageId: 'defaultPort' }, { messageId: 'bareOrigin' }, { messageId: 'trailingDot' }],
    },
  ],
});
