import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allRules as rules } from '../engine/rule-list.js';
import { rulePage, rulesMarkdown, withRules } from './rules-markdown.js';

describe('the README rule reference', () => {
  it('is generated from the rules and up to date (run `npm run docs`)', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    expect(withRules(readme, rules)).toBe(readme);
  });

  it('links every rule to its page, which shows a failing and a passing example', () => {
    const markdown = rulesMarkdown(rules);
    for (const rule of rules) {
      expect(markdown).toContain(`| [\`${rule.id}\`](docs/rules/${rule.id}.md) |`);
      expect(rulePage(rule)).toContain('```yaml\n' + rule.docs.bad + '\n```');
      expect(rulePage(rule)).toContain('```yaml\n' + rule.docs.good + '\n```');
    }
  });
});
