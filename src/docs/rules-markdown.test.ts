import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { rulesMarkdown, withRules } from './rules-markdown.js';

describe('the README rule reference', () => {
  it('is generated from the rules and up to date (run `npm run docs`)', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    expect(withRules(readme, rules)).toBe(readme);
  });

  it('has an anchor, a failing and a passing example for every rule', () => {
    const markdown = rulesMarkdown(rules);
    for (const rule of rules) {
      expect(markdown).toContain(`<a id="rule-${rule.id}"></a>`);
      expect(markdown).toContain('```yaml\n' + rule.docs.bad + '\n```');
      expect(markdown).toContain('```yaml\n' + rule.docs.good + '\n```');
    }
  });
});
