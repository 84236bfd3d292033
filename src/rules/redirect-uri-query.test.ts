import { ruleTester } from '../test-support/rule-tester.js';
import rule from './redirect-uri-query.js';

const list = (...uris: string[]) => `redirect_uris:\n${uris.map((u) => `  - ${u}`).join('\n')}`;

ruleTester(rule, {
  valid: [
    list('https://app.acme-books.io/callback', 'http://localhost:3000/callback'),
    { name: 'a ? in the fragment is not a query', code: list('https://app.acme-books.io/cb#x?code=1') },
    { name: 'an encoded ? is not a query', code: list('https://app.acme-books.io/cb%3Fcode=1') },
    { name: 'other keys may have queries', code: 'initiation_uri: https://app.acme-books.io/connect?code=1' },
    { name: 'wrong types are skipped', code: 'redirect_uris:\n  - 1\n  - ["?code=1"]' },
  ],
  invalid: [
    {
      code: list('https://app.acme-books.io/callback?tenant=eu'),
      errors: [{ messageId: 'query', path: '/redirect_uris/0', line: 2, column: 5, severity: 'warning', includes: ['("?tenant=eu")', 'state parameter'] }],
    },
    {
      code: list('https://app.acme-books.io/callback', 'https://app.acme-books.io/callback?state=fixed'),
      errors: [{ messageId: 'responseParameter', path: '/redirect_uris/1', line: 3, severity: 'error', includes: ['has "state" in its query', 'Remove it'] }],
    },
    {
      name: 'several response parameters in one report',
      code: list('https://app.acme-books.io/cb?code=1&tenant=eu&state=2&code=3'),
      errors: [{ messageId: 'responseParameter', severity: 'error', includes: ['"code", "state"', 'Remove them'] }],
    },
    ...['code', 'state', 'error', 'error_description', 'error_uri', 'iss', 'access_token', 'id_token', 'token_type', 'expires_in', 'session_state'].map((name) => ({
      name: `the response parameter ${name}`,
      code: list(`https://app.acme-books.io/cb?x=1&${name}=y`),
      errors: [{ messageId: 'responseParameter', severity: 'error' as const, includes: [`"${name}"`] }],
    })),
    { name: 'a parameter without a value', code: list('https://app.acme-books.io/cb?iss'), errors: [{ messageId: 'responseParameter' }] },
    { name: 'an encoded parameter name', code: list('https://app.acme-books.io/cb?%63ode=1'), errors: [{ messageId: 'responseParameter', includes: ['"code"'] }] },
    { name: 'names are case-sensitive', code: list('https://app.acme-books.io/cb?Code=1'), errors: [{ messageId: 'query', severity: 'warning' }] },
    { name: 'a value that looks like a name is only a query', code: list('https://app.acme-books.io/cb?next=code'), errors: [{ messageId: 'query' }] },
    { code: list('https://app.acme-books.io/cb?x=%zz'), errors: [{ messageId: 'query' }] },
    { code: list('https://app.acme-books.io/cb?'), errors: [{ messageId: 'emptyQuery', severity: 'warning', includes: ['empty query "?"'] }] },
    { code: list('https://app.acme-books.io/cb?#x'), errors: [{ messageId: 'emptyQuery' }] },
    {
      name: 'a long query is clipped',
      code: list(`https://app.acme-books.io/cb?x=${'a'.repeat(500)}`),
      errors: [{ messageId: 'query', excludes: ['a'.repeat(100)] }],
    },
  ],
});
