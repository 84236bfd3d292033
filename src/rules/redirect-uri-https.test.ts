import { ruleTester } from '../test-support/rule-tester.js';
import rule from './redirect-uri-https.js';

const staging = (...uris: string[]) => `environment: staging\nredirect_uris:\n${uris.map((u) => `  - ${u}`).join('\n')}`;
const production = (...uris: string[]) => `environment: production\nredirect_uris:\n${uris.map((u) => `  - ${u}`).join('\n')}`;

ruleTester(rule, {
  valid: [
    production('https://app.acme-books.io/oauth/pleo/callback'),
    production('https://app.acme-books.io:8443/cb?tenant=eu', 'https://xn--80ak6aa92e.com/cb'),
    { name: 'staging allows http on the loopback hosts', code: staging('http://localhost:3000/callback', 'http://127.0.0.1:8080/cb', 'http://[::1]/cb') },
    { name: 'upper-case scheme and host are left to redirect-uri-exact', code: staging('HTTP://LocalHost:3000/cb', 'HTTPS://App.Acme.io/cb') },
    { name: 'odd IPv4 notation of 127.0.0.1 is left to redirect-uri-exact', code: staging('http://2130706433/cb') },
    { name: 'https on loopback is redirect-uri-public-host\'s concern', code: production('https://localhost/cb') },
    { name: 'environment defaults to production, but https is fine', code: 'redirect_uris:\n  - https://app.acme-books.io/cb' },
    { name: 'wrong types are skipped', code: 'redirect_uris:\n  - 42\n  - [http://a.io]\n  - {u: http://a.io}\n  - null' },
    { code: 'redirect_uris: http://app.acme-books.io/cb' },
    { code: 'redirect_uris:\n  - ""' },
  ],
  invalid: [
    {
      code: production('http://localhost:3000/cb'),
      errors: [{ messageId: 'httpProduction', path: '/redirect_uris/0', line: 3, column: 5, severity: 'error', includes: ['Redirect URI "http://localhost:3000/cb" uses http:; production allows only https:', 'allowed in staging'] }],
    },
    { name: 'production is the default', code: 'redirect_uris:\n  - http://127.0.0.1:8080/cb\n  - http://[::1]/cb', errors: [{ messageId: 'httpProduction', line: 2 }, { messageId: 'httpProduction', line: 3 }] },
    {
      code: production('http://app.acme-books.io/cb'),
      errors: [{ messageId: 'http', line: 3, includes: ['"http://app.acme-books.io/cb"', 'use https:'] }],
    },
    { name: 'staging allows http on loopback only', code: staging('http://app.acme-books.io/cb'), errors: [{ messageId: 'http', line: 3 }] },
    {
      name: 'staging loopback is exactly the documented list (not all of 127.0.0.0/8)',
      code: staging('http://127.0.0.2/cb', 'http://app.localhost/cb', 'http://[::ffff:127.0.0.1]/cb', 'http://10.0.0.5/cb', 'http://localhost./cb'),
      errors: [3, 4, 5, 6, 7].map((line) => ({ messageId: 'http', line })),
    },
    { code: production('javascript:alert(1)'), errors: [{ messageId: 'forbiddenScheme', includes: ['the javascript: scheme'] }] },
    { code: staging('data:text/html,<script>alert(1)</script>'), errors: [{ messageId: 'forbiddenScheme', includes: ['data:'] }] },
    { code: production('vbscript:x', 'file:///etc/passwd', 'blob:https://a.io/1', 'about:blank'), errors: [3, 4, 5, 6].map((line) => ({ messageId: 'forbiddenScheme', line })) },
    {
      name: 'custom app schemes are not supported',
      code: staging('com.example.app:/oauth2redirect', 'myapp://callback'),
      errors: [
        { messageId: 'unsupportedScheme', line: 3, includes: ['com.example.app:', 'only https:'] },
        { messageId: 'unsupportedScheme', line: 4, includes: ['the myapp: scheme'] },
      ],
    },
    { code: production('ftp://acme-books.io/cb'), errors: [{ messageId: 'unsupportedScheme', includes: ['ftp:'] }] },
    { code: production('/oauth/callback'), errors: [{ messageId: 'invalid', includes: ['"/oauth/callback"', 'starting with https://'] }] },
    { code: production('localhost:3000/cb'), errors: [{ messageId: 'invalid' }] },
    { code: production('//app.acme-books.io/cb'), errors: [{ messageId: 'invalid' }] },
    { code: production('https://'), errors: [{ messageId: 'invalid' }] },
    { code: production('"https://app acme.io/cb"'), errors: [{ messageId: 'invalid' }] },
    {
      name: 'a password is masked',
      code: production('http://admin:hunter2hunter2@app.acme-books.io/cb'),
      errors: [{ messageId: 'http', excludes: ['hunter2hunter2'] }],
    },
  ],
});
