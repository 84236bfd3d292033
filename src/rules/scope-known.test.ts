import { describe, expect, it } from 'vitest';
import { createCatalogue } from '../scopes.js';
import { shippedCatalogue, shippedSettings } from '../resources.js';
import { ruleTester, runRule } from '../test-support/rule-tester.js';
import { SUGGESTION_BUDGET } from './utils/scopes.js';
import rule from './scope-known.js';

const withTeamScopes = { ...shippedSettings(), scopes: shippedCatalogue([{ scope: 'expenses:read', status: 'documented' }]) };

ruleTester(rule, {
  valid: [
    'scopes:\n  - export-jobs:read\n  - export-jobs:write\n  - export-items:read\n  - accounts:read\n  - accounts:write\n  - vendors:read\n  - vendors:write\n  - users:read',
    { name: 'test:test in staging', code: 'environment: staging\nscopes:\n  - test:test\n  - users:read' },
    { name: 'a scope the team added to the catalogue', code: 'scopes:\n  - expenses:read', settings: withTeamScopes },
    { name: 'a team entry overrides a shipped status', code: 'scopes:\n  - users:write', settings: { ...shippedSettings(), scopes: shippedCatalogue([{ scope: 'users:write', status: 'documented' }]) } },
    { name: 'malformed scopes are scope-format\'s', code: 'scopes:\n  - employees.read\n  - Users:read\n  - " users:read"\n  - export-jobs:admin\n  - ""' },
    { name: 'scopes as one string', code: 'scopes: "export:read test:test"' },
    { name: 'scopes: 5', code: 'scopes: 5' },
    { name: 'items of the wrong type', code: 'scopes: [1, null, {a: 1}, [export:read]]' },
    { name: 'scopes as a mapping of scopes', code: 'scopes: {export:read: 1}' },
  ],
  invalid: [
    {
      name: 'test:test in production is an error',
      code: 'environment: production\nscopes:\n  - users:read\n  - test:test',
      errors: [{ messageId: 'testInProduction', path: '/scopes/1', line: 4, column: 5, severity: 'error', includes: ['"test:test"', 'production'] }],
    },
    {
      name: 'test:test with no environment (production by default)',
      code: 'scopes: [test:test]',
      errors: [{ messageId: 'testInProduction', line: 1, severity: 'error' }],
    },
    {
      name: 'test:test with an invalid environment (production by default)',
      code: 'environment: prod\nscopes: [test:test]',
      errors: [{ messageId: 'testInProduction', severity: 'error' }],
    },
    {
      name: 'legacy export:read names its replacement',
      code: 'scopes:\n  - export:read\n  - export:write',
      errors: [
        { messageId: 'legacy', path: '/scopes/0', line: 2, severity: 'warning', includes: ['"export:read"', 'request "export-jobs:read"'] },
        { messageId: 'legacy', path: '/scopes/1', line: 3, severity: 'warning', includes: ['"export-jobs:write"'] },
      ],
    },
    {
      name: 'legacy expense:read has no replacement',
      code: 'scopes:\n  - expense:read',
      errors: [{ messageId: 'legacyNoReplacement', line: 2, severity: 'warning', includes: ['"expense:read"', 'no documented scope replaces it'] }],
    },
    {
      name: 'unknown, close to a known scope',
      code: 'scopes:\n  - export-jobs:read\n  - export-job:read',
      errors: [{ messageId: 'unknownSuggestion', path: '/scopes/1', line: 3, severity: 'warning', includes: ['"export-job:read"', 'did you mean "export-jobs:read"'] }],
    },
    {
      name: 'unknown, with the API name for a resource',
      code: 'scopes:\n  - employees:read',
      errors: [{ messageId: 'unknownSuggestion', includes: ['"users:read"'] }],
    },
    {
      name: 'unknown, nothing close',
      code: 'scopes:\n  - invoices:read\n  - expenses:read',
      errors: [
        { messageId: 'unknown', line: 2, severity: 'warning', includes: ['"invoices:read"', '.pleo-register.yaml'], excludes: ['did you mean'] },
        { messageId: 'unknown', line: 3, excludes: ['did you mean'] },
      ],
    },
    {
      name: 'unverified scopes are info',
      code: 'scopes:\n  - users:write\n  - tag-groups:read\n  - companies:read',
      errors: [
        { messageId: 'unverified', path: '/scopes/0', line: 2, severity: 'info', includes: ['"users:write"', '(Manage employees)', 'confirm it with Pleo'] },
        { messageId: 'unverified', line: 3, severity: 'info' },
        { messageId: 'unverified', line: 4, severity: 'info' },
      ],
    },
    {
      name: 'unverified in staging is info too',
      code: 'environment: staging\nscopes: [tax-codes:write]',
      errors: [{ messageId: 'unverified', severity: 'info' }],
    },
    {
      name: 'wrong items skipped, good ones judged',
      code: 'scopes: [1, null, {a: 1}, export:read]',
      errors: [{ messageId: 'legacy', path: '/scopes/3' }],
    },
    {
      name: 'a duplicate is judged at each place (scope-unique reports the repeat)',
      code: 'scopes:\n  - export:read\n  - export:read',
      errors: [
        { messageId: 'legacy', line: 2 },
        { messageId: 'legacy', line: 3 },
      ],
    },
    {
      name: 'an empty catalogue knows nothing',
      code: 'scopes: [users:read]',
      settings: { ...shippedSettings(), scopes: createCatalogue([]) },
      errors: [{ messageId: 'unknown' }],
    },
    {
      name: 'a team legacy entry without a description',
      code: 'scopes: [old:read]',
      settings: { ...shippedSettings(), scopes: createCatalogue([{ scope: 'old:read', status: 'legacy', replacement: 'new:read' }, { scope: 'new:read', status: 'documented' }]) },
      errors: [{ messageId: 'legacy', includes: ['Scope "old:read" is an old name; request "new:read" instead.'] }],
    },
  ],
});

describe('scope-known on long lists', () => {
  it(`suggests for the first ${SUGGESTION_BUDGET} unknown scopes only`, () => {
    const code = `scopes:\n${Array.from({ length: SUGGESTION_BUDGET + 2 }, () => '  - export-job:read').join('\n')}\n`;
    const ids = runRule(rule, code).map((p) => p.messageId);
    expect(ids).toEqual([...Array(SUGGESTION_BUDGET).fill('unknownSuggestion'), 'unknown', 'unknown']);
  });
});
