import { describe, expect, it } from 'vitest';
import { createCatalogue } from '../scopes.js';
import { shippedCatalogue, shippedSettings } from '../resources.js';
import { ruleTester, runRule } from '../test-support/rule-tester.js';
import rule from './scope-format.js';
import { isWellFormed, SUGGESTION_BUDGET, suggestScope } from './utils/scopes.js';

ruleTester(rule, {
  valid: [
    'scopes:\n  - export-jobs:read\n  - export-items:read\n  - users:write',
    { name: 'the test scope is well-formed (it is in the catalogue)', code: 'environment: staging\nscopes:\n  - test:test' },
    { name: 'an unknown but well-formed scope is scope-known\'s concern', code: 'scopes:\n  - invoices2:write' },
    { name: 'a legacy scope is well-formed', code: 'scopes:\n  - export:read' },
    { name: 'a scope a team added to the catalogue', code: 'scopes:\n  - expenses:approve', settings: { ...shippedSettings(), scopes: createCatalogue([{ scope: 'expenses:approve', status: 'documented' }]) } },
    { name: 'scopes as one string: the schema rule reports the type', code: 'scopes: "export-jobs:read users:read"' },
    { name: 'scopes as a number', code: 'scopes: 5' },
    { name: 'scopes as a mapping', code: 'scopes:\n  a: 1' },
    { name: 'scopes null', code: 'scopes:' },
    { name: 'items of the wrong type', code: 'scopes: [1, null, {a: 1}, [x], true]' },
    { name: 'no scopes key', code: 'client_name: Acme Books' },
    { name: 'quoted scope', code: 'scopes: ["export-jobs:read"]' },
  ],
  invalid: [
    {
      name: 'dot instead of colon, with the API name for a resource',
      code: 'scopes:\n  - export-jobs:read\n  - employees.read',
      errors: [{ messageId: 'malformedSuggestion', path: '/scopes/1', line: 3, column: 5, severity: 'error', includes: ['"employees.read"', '"users:read"'] }],
    },
    {
      name: 'underscore instead of hyphen',
      code: 'scopes:\n  - export_jobs:write',
      errors: [{ messageId: 'malformedSuggestion', line: 2, includes: ['"export-jobs:write"'] }],
    },
    {
      name: 'not a scope at all, nothing close',
      code: 'scopes:\n  - clarence.actions',
      errors: [{ messageId: 'malformed', line: 2, includes: ['"clarence.actions"', 'resource:permission'], excludes: ['did you mean'] }],
    },
    {
      name: 'no permission',
      code: 'scopes:\n  - export-jobs',
      errors: [{ messageId: 'malformedSuggestion', includes: ['"export-jobs:read"'] }],
    },
    {
      name: 'resource starting with a digit',
      code: 'scopes:\n  - 2fa:read',
      errors: [{ messageId: 'malformed', line: 2 }],
    },
    {
      name: 'two colons',
      code: 'scopes:\n  - export:jobs:read',
      errors: [{ messageId: 'malformedSuggestion', includes: ['"export-jobs:read"'] }],
    },
    {
      name: 'upper-case',
      code: 'scopes:\n  - Export-Jobs:READ',
      errors: [{ messageId: 'upperCase', path: '/scopes/0', line: 2, includes: ['"Export-Jobs:READ"', 'write "export-jobs:read"'] }],
    },
    {
      name: 'upper-case test scope',
      code: 'environment: staging\nscopes:\n  - TEST:test',
      errors: [{ messageId: 'upperCase', line: 3, includes: ['"test:test"'] }],
    },
    {
      name: 'upper-case and white space: one report, with the fixed form',
      code: 'scopes:\n  - " Users:read"',
      errors: [{ messageId: 'upperCase', includes: ['write "users:read"'] }],
    },
    {
      name: 'unknown permission',
      code: 'scopes:\n  - export-jobs:admin',
      errors: [{ messageId: 'unknownPermission', line: 2, severity: 'error', includes: ['"admin"', '"export-jobs:read" or "export-jobs:write"'] }],
    },
    {
      name: 'unknown permission in upper case names the lower-case resource',
      code: 'scopes:\n  - Vendors:Manage',
      errors: [{ messageId: 'unknownPermission', includes: ['"manage"', '"vendors:read"'] }],
    },
    {
      name: 'surrounding white space',
      code: 'scopes:\n  - "export-jobs:read "\n  - "\\tusers:read"',
      errors: [
        { messageId: 'whitespace', line: 2, includes: ['"export-jobs:read "', 'write "export-jobs:read"'] },
        { messageId: 'whitespace', line: 3, includes: ['\\u{0009}users:read', 'write "users:read"'] },
      ],
    },
    {
      name: 'several scopes in one item',
      code: 'scopes:\n  - export-jobs:read users:read\n  - vendors:read',
      errors: [{ messageId: 'severalScopes', path: '/scopes/0', line: 2, includes: ['2 scopes', '"export-jobs:read", "users:read"'] }],
    },
    {
      name: 'several scopes, separated by tabs and runs of spaces',
      code: 'scopes:\n  - "a:read \\t  b:write  c:read"',
      errors: [{ messageId: 'severalScopes', includes: ['3 scopes', '"a:read", "b:write", "c:read"'] }],
    },
    {
      name: 'empty and blank items',
      code: 'scopes:\n  - ""\n  - "   "',
      errors: [
        { messageId: 'empty', line: 2 },
        { messageId: 'empty', line: 3 },
      ],
    },
    {
      name: 'wrong items are skipped, bad strings still reported',
      code: 'scopes: [1, null, {a: 1}, "Users:read"]',
      errors: [{ messageId: 'upperCase', path: '/scopes/3', line: 1 }],
    },
    {
      name: 'a long value is clipped in the message',
      code: `scopes:\n  - ${'x'.repeat(5000)}`,
      errors: [{ messageId: 'malformed', includes: ['…'], excludes: ['x'.repeat(100)] }],
    },
    {
      name: 'an invisible character is spelled out',
      code: 'scopes:\n  - "users:read\\u200b"',
      errors: [{ messageId: 'unknownPermission', includes: ['\\u{200B}'] }],
    },
  ],
});

describe('scope-format helpers', () => {
  const catalogue = shippedCatalogue();

  it('isWellFormed accepts catalogue scopes and the documented form only', () => {
    expect(isWellFormed('test:test', catalogue)).toBe(true);
    expect(isWellFormed('invoices:read', catalogue)).toBe(true);
    expect(isWellFormed('invoices:admin', catalogue)).toBe(false);
    expect(isWellFormed('Invoices:read', catalogue)).toBe(false);
    expect(isWellFormed('-x:read', catalogue)).toBe(false);
  });

  it.each([
    ['export-job:read', 'export-jobs:read'],
    ['employees.read', 'users:read'],
    ['employees:write', 'users:write'],
    ['vendor:read', 'vendors:read'],
    ['tags:read', 'tag-groups:read'],
    ['export:reed', 'export-jobs:read'],
    ['expenses:read', undefined],
    ['foo:bar', undefined],
    ['x'.repeat(100), undefined],
  ])('suggestScope(%j) is %j', (input, expected) => {
    expect(suggestScope(input, catalogue)).toBe(expected);
  });

  it('never suggests a legacy scope, but its replacement', () => {
    expect(suggestScope('export:wirte', catalogue)).toBe('export-jobs:write');
  });

  it('works with an empty catalogue', () => {
    expect(suggestScope('users:read', createCatalogue([]))).toBeUndefined();
  });
});

describe('scope-format on long lists', () => {
  it(`suggests for the first ${SUGGESTION_BUDGET} malformed scopes only`, () => {
    const code = `scopes:\n${Array.from({ length: SUGGESTION_BUDGET + 1 }, () => '  - employees.read').join('\n')}\n`;
    const ids = runRule(rule, code).map((p) => p.messageId);
    expect(ids).toEqual([...Array(SUGGESTION_BUDGET).fill('malformedSuggestion'), 'malformed']);
  });
});
