import { describe, expect, it } from 'vitest';
import { allRules as rules } from '../engine/rule-list.js';
import { severitiesOf as severities } from '../rules/define-rule.js';
import { ruleList } from './rules-text.js';

describe('the rules table', () => {
  it('starts every summary in the same column, whatever the longest severity list (scope-known: error/warning/info)', () => {
    const lines = ruleList(rules).split('\n').slice(0, rules.length);
    expect(rules.some((rule) => severities(rule) === 'error/warning/info')).toBe(true);
    const columns = new Set(lines.map((line, i) => line.indexOf(rules[i]!.docs.summary)));
    expect(columns.size).toBe(1);
    for (const [i, line] of lines.entries()) expect(line.startsWith(`${rules[i]!.id} `)).toBe(true);
  });
});
