import { describe, expect, it } from 'vitest';
import { parseConfig } from './config.js';

describe('parseConfig', () => {
  it('reads rule severities and scope entries', () => {
    const config = parseConfig('rules:\n  schema: warning\n  scope-known: off\nscopes:\n  - scope: expenses:read\n    status: documented\n    api: Expenses\n', 'c.yaml');
    expect(config.rules).toEqual({ schema: 'warning', 'scope-known': 'off' });
    expect(config.scopes).toEqual([{ scope: 'expenses:read', status: 'documented', api: 'Expenses' }]);
  });

  it('accepts an empty file and empty sections', () => {
    expect(parseConfig('', 'c.yaml')).toEqual({ file: 'c.yaml', rules: {}, scopes: [] });
    expect(parseConfig('rules:\nscopes:\n', 'c.yaml')).toEqual({ file: 'c.yaml', rules: {}, scopes: [] });
  });

  it.each([
    ['not YAML', 'rules: [\n', /^c\.yaml:2:1: not valid YAML/],
    ['a list at the root', '- schema\n', 'c.yaml:1:1: the configuration must be a mapping with "rules" and/or "scopes"'],
    ['an unknown top-level key', 'rule:\n  schema: off\n', 'c.yaml:1:1: unknown key "rule" (did you mean "rules"?); a configuration has "rules" and "scopes"'],
    ['an unknown rule', 'rules:\n  scheme: off\n', 'c.yaml:2:3: unknown rule "scheme" (did you mean "schema"?); `pleo-register rules` lists them'],
    ['a bad severity', 'rules:\n  schema: warn\n', 'c.yaml:2:11: rule "schema": severity must be one of off, info, warning, error, found "warn"'],
    ['rules as a list', 'rules:\n  - schema\n', 'c.yaml:2:3: "rules" must map rule ids to off, info, warning or error'],
    ['a scope without status', 'scopes:\n  - scope: expenses:read\n', 'c.yaml:2:5: scope "expenses:read": status must be one of documented, unverified, legacy, test, found null'],
    ['a malformed scope', 'scopes:\n  - { scope: Expenses, status: documented }\n', 'c.yaml:2:5: scope "Expenses" must be resource:permission, permission read or write'],
    ['an unknown scope field', 'scopes:\n  - scope: expenses:read\n    staus: documented\n', 'c.yaml:3:5: unknown scope field "staus" (did you mean "status"?)'],
    ['a duplicate key', 'rules:\n  schema: off\n  schema: error\n', /^c\.yaml:3:3: not valid YAML: Map keys must be unique/],
  ])('names the file, line and column of %s', (_, text, message) => {
    expect(() => parseConfig(text, 'c.yaml')).toThrow(message);
  });
});
