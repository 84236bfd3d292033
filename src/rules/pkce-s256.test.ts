import { describe, expect, it } from 'vitest';
import { ruleTester } from '../test-support/rule-tester.js';
import rule, { pkceMethod } from './pkce-s256.js';

ruleTester(rule, {
  valid: [
    'pkce: S256',
    'pkce: "S256"',
    'pkce: none',
    { name: 'absent', code: 'client_type: public' },
    { name: 'null means not set', code: 'pkce:' },
    { name: 'explicit null', code: 'pkce: ~' },
    { name: 'false means no PKCE (the client-type rules judge it)', code: 'client_type: public\npkce: false' },
  ],
  invalid: [
    {
      name: 'plain',
      code: 'client_type: confidential\npkce: plain',
      errors: [{ messageId: 'plain', path: '/pkce', line: 2, column: 7, severity: 'error', includes: ['"plain"', 'not supported by Pleo', 'use "S256"'] }],
    },
    { name: 'PLAIN in capitals', code: 'pkce: PLAIN', errors: [{ messageId: 'plain', includes: ['"PLAIN"'] }] },
    { name: 'wrong case s256', code: 'pkce: s256', errors: [{ messageId: 'wrongCase', line: 1, severity: 'error', includes: ['"s256"', 'written "S256"'] }] },
    { name: 'wrong case None', code: 'pkce: None', errors: [{ messageId: 'wrongCase', includes: ['"None"', 'written "none"'] }] },
    { name: 'padded S256', code: 'pkce: " S256"', errors: [{ messageId: 'wrongCase', includes: ['written "S256"'] }] },
    { name: 'true', code: 'pkce: true', errors: [{ messageId: 'boolean', path: '/pkce', severity: 'error', includes: ['write "S256"', 'boolean true'] }] },
    { name: 'the registration form\'s "Supported"', code: 'pkce: Supported', errors: [{ messageId: 'boolean', includes: ['"Supported"', 'write "S256"'] }] },
    { name: 'yes (a string in YAML 1.2)', code: 'pkce: yes', errors: [{ messageId: 'boolean', includes: ['"yes"'] }] },
    { name: 'no (a string in YAML 1.2)', code: 'pkce: no', errors: [{ messageId: 'negative', includes: ['"no"', 'write "none"'] }] },
    { name: 'disabled', code: 'pkce: disabled', errors: [{ messageId: 'negative' }] },
    { name: 'another method', code: 'pkce: S512', errors: [{ messageId: 'invalid', includes: ['"S512"', 'must be "S256"'] }] },
    { name: 'empty string', code: 'pkce: ""', errors: [{ messageId: 'invalid', includes: ['""'] }] },
    { name: 'a number', code: 'pkce: 256', errors: [{ messageId: 'invalid', includes: ['number 256'] }] },
    {
      name: 'a list holding S256',
      code: 'client_type: public\npkce: [S256]',
      errors: [{ messageId: 'invalid', path: '/pkce', line: 2, column: 1, includes: ['a list'] }],
    },
    { name: 'a block list', code: 'pkce:\n  - S256', errors: [{ messageId: 'invalid', line: 1 }] },
    { name: 'a mapping', code: 'pkce: {method: S256}', errors: [{ messageId: 'invalid', includes: ['a mapping'] }] },
    {
      name: 'a long value is clipped',
      code: `pkce: ${'p'.repeat(1000)}`,
      errors: [{ messageId: 'invalid', includes: ['…'], excludes: ['p'.repeat(100)] }],
    },
  ],
});

describe('pkceMethod', () => {
  it.each([
    ['S256', 'S256'],
    [undefined, 'none'],
    [null, 'none'],
    [false, 'none'],
    ['none', 'none'],
    ['plain', 'invalid'],
    ['s256', 'invalid'],
    [true, 'invalid'],
    [['S256'], 'invalid'],
    [0, 'invalid'],
  ])('%j is %s', (value, method) => {
    expect(pkceMethod(value)).toBe(method);
  });
});
