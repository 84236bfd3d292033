import { ruleTester } from '../test-support/rule-tester.js';
import rule from './pkce-confidential-client.js';

ruleTester(rule, {
  valid: [
    'client_type: confidential\npkce: S256',
    { name: 'the other client type', code: 'client_type: public\npkce: none' },
    { name: 'no client type', code: 'pkce: none' },
    { name: 'an invalid client type', code: 'client_type: Confidential\npkce: none' },
    { name: 'client type of the wrong type', code: 'client_type: [confidential]' },
    { name: 'plain is pkce-s256\'s', code: 'client_type: confidential\npkce: plain' },
    { name: 'wrong case is pkce-s256\'s', code: 'client_type: confidential\npkce: s256' },
    { name: 'true is pkce-s256\'s', code: 'client_type: confidential\npkce: true' },
    { name: 'a list is pkce-s256\'s', code: 'client_type: confidential\npkce: [S256]' },
    { name: 'a number is pkce-s256\'s', code: 'client_type: confidential\npkce: 5' },
  ],
  invalid: [
    {
      name: 'pkce absent: points at client_type',
      code: 'client_name: Acme Books\nclient_type: confidential\nscopes: [users:read]',
      errors: [{ messageId: 'missing', path: '/client_type', line: 2, column: 14, severity: 'warning', includes: ['pkce: S256'] }],
    },
    {
      name: 'pkce none: points at pkce',
      code: 'client_type: confidential\nredirect_uris: [https://a.example/cb]\npkce: none',
      errors: [{ messageId: 'disabled', path: '/pkce', line: 3, column: 7, severity: 'warning', includes: ['pkce is "none"', 'pkce: S256'] }],
    },
    {
      name: 'pkce before client_type',
      code: 'pkce: none\nclient_type: confidential',
      errors: [{ messageId: 'disabled', path: '/pkce', line: 1 }],
    },
    {
      name: 'pkce false',
      code: 'client_type: confidential\npkce: false',
      errors: [{ messageId: 'disabled', path: '/pkce', line: 2, includes: ['pkce is false'] }],
    },
    {
      name: 'pkce with no value: points at the key',
      code: 'client_type: confidential\npkce:',
      errors: [{ messageId: 'disabled', path: '/pkce', line: 2, column: 1, includes: ['pkce is empty'] }],
    },
    {
      name: 'quoted client type',
      code: 'client_type: "confidential"',
      errors: [{ messageId: 'missing', line: 1 }],
    },
  ],
});
