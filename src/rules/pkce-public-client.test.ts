import { ruleTester } from '../test-support/rule-tester.js';
import rule from './pkce-public-client.js';

ruleTester(rule, {
  valid: [
    'client_type: public\npkce: S256',
    { name: 'the other client type', code: 'client_type: confidential\npkce: none' },
    { name: 'no client type', code: 'pkce: none' },
    { name: 'an invalid client type', code: 'client_type: Public\npkce: none' },
    { name: 'client type of the wrong type', code: 'client_type: [public]' },
    { name: 'plain is pkce-s256\'s', code: 'client_type: public\npkce: plain' },
    { name: 'wrong case is pkce-s256\'s', code: 'client_type: public\npkce: s256' },
    { name: 'true is pkce-s256\'s', code: 'client_type: public\npkce: true' },
    { name: 'a list is pkce-s256\'s', code: 'client_type: public\npkce: [S256]' },
    { name: 'a number is pkce-s256\'s', code: 'client_type: public\npkce: 5' },
  ],
  invalid: [
    {
      name: 'pkce absent: points at client_type',
      code: 'client_name: Acme Books\nclient_type: public\nscopes: [users:read]',
      errors: [{ messageId: 'missing', path: '/client_type', line: 2, column: 14, severity: 'error', includes: ['pkce: S256'] }],
    },
    {
      name: 'pkce none: points at pkce',
      code: 'client_type: public\nredirect_uris: [https://a.example/cb]\npkce: none',
      errors: [{ messageId: 'disabled', path: '/pkce', line: 3, column: 7, severity: 'error', includes: ['pkce is "none"', 'pkce: S256'] }],
    },
    {
      name: 'pkce before client_type',
      code: 'pkce: none\nclient_type: public',
      errors: [{ messageId: 'disabled', path: '/pkce', line: 1 }],
    },
    {
      name: 'pkce false',
      code: 'client_type: public\npkce: false',
      errors: [{ messageId: 'disabled', path: '/pkce', line: 2, includes: ['pkce is false'] }],
    },
    {
      name: 'pkce with no value: points at the key',
      code: 'client_type: public\npkce:',
      errors: [{ messageId: 'disabled', path: '/pkce', line: 2, column: 1, includes: ['pkce is empty'] }],
    },
    {
      name: 'quoted client type',
      code: 'client_type: "public"',
      errors: [{ messageId: 'missing', line: 1 }],
    },
  ],
});
