import { ruleTester } from '../test-support/rule-tester.js';
import rule from './scope-unique.js';

ruleTester(rule, {
  valid: [
    'scopes:\n  - export-jobs:read\n  - export-jobs:write\n  - export-items:read',
    { name: 'case variants are scope-format\'s', code: 'scopes:\n  - users:read\n  - Users:read' },
    { name: 'white-space variants are scope-format\'s', code: 'scopes:\n  - users:read\n  - "users:read "' },
    { name: 'repeated wrong types', code: 'scopes: [1, 1, null, null, {a: 1}, {a: 1}]' },
    { name: 'a number and its string', code: 'scopes: [1, "1"]' },
    { name: 'scopes as one string', code: 'scopes: "users:read users:read"' },
    { name: 'scopes: 5', code: 'scopes: 5' },
    { name: 'prototype names are plain strings', code: 'scopes: [__proto__, constructor, toString, hasOwnProperty]' },
  ],
  invalid: [
    {
      name: 'one repeat',
      code: 'scopes:\n  - export-jobs:read\n  - users:read\n  - export-jobs:read',
      errors: [{ messageId: 'duplicate', path: '/scopes/2', line: 4, column: 5, severity: 'warning', includes: ['"export-jobs:read"', 'scopes[0]'] }],
    },
    {
      name: 'every repeat names the first',
      code: 'scopes:\n  - a:read\n  - b:read\n  - a:read\n  - b:read\n  - a:read',
      errors: [
        { messageId: 'duplicate', line: 4, includes: ['scopes[0]'] },
        { messageId: 'duplicate', line: 5, includes: ['scopes[1]'] },
        { messageId: 'duplicate', line: 6, includes: ['scopes[0]'] },
      ],
    },
    {
      name: 'flow list',
      code: 'scopes: [users:read, 1, users:read]',
      errors: [{ messageId: 'duplicate', path: '/scopes/2', line: 1, column: 25 }],
    },
    {
      name: 'malformed repeats are repeats too',
      code: 'scopes:\n  - Users:read\n  - Users:read',
      errors: [{ messageId: 'duplicate', line: 3 }],
    },
    {
      name: 'a long repeat is clipped',
      code: `scopes:\n  - ${'a'.repeat(300)}:read\n  - ${'a'.repeat(300)}:read`,
      errors: [{ messageId: 'duplicate', includes: ['…'], excludes: ['a'.repeat(100)] }],
    },
  ],
});
