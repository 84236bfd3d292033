import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Severity } from '../diagnostics.js';
import { defineRule, type Rule } from '../rules/define-rule.js';
import { allRules as rules } from '../engine/rule-list.js';
import { validManifest } from '../test-support/cli.js';
import { lint as lintManifest } from '../index.js';
import { MAX_PROBLEMS_PER_FILE, MAX_PROBLEMS_PER_RULE } from './problem-limits.js';

// However many problems a file holds, its report lists at most 100 per rule and 1,000 in all, and
// says how many it left out, at the list they are in: one small file once made 400,000 problems.

/** A rule that reports every item of `x-list`, with the severity the item names. */
const everyItem = (id: string) =>
  defineRule({
    id,
    severity: 'warning',
    severities: { bad: 'error' },
    messages: { item: 'item {{i}}', bad: 'bad item {{i}}' },
    docs: { summary: '', why: '', bad: '', good: '', fix: '', source: '' },
    check(manifest, context) {
      const list = manifest.data['x-list'];
      if (!Array.isArray(list)) return;
      list.forEach((value, i) => context.report({ messageId: value === 'bad' ? 'bad' : 'item', path: ['x-list', i], data: { i } }));
    },
  });

const list = (items: string[], key = 'x-list') => `x-other: 1\n${key}:\n${items.map((item) => `  - ${item}\n`).join('')}`;
const summaries = (text: string, ruleList: readonly Rule[] = [everyItem('every-item')]) =>
  lintManifest(text, { file: 'x', rules: ruleList }).problems.filter((p) => p.messageId === 'moreProblems');

describe('problems per rule', () => {
  it.each([
    ['one past: 100 listed, then "1 more", at that one item', 101, 100, ['/x-list/100 103 warning 1 more every-item problem in "x-list[100]" is not listed']],
    ['250: 100 listed, then one summary at the list', 250, 100, ['/x-list 2 warning 150 more every-item problems in "x-list" are not listed']],
  ] as const)('%s', (_, count, listed, expected) => {
    const problems = lintManifest(list(Array(count).fill('a')), { file: 'x', rules: [everyItem('every-item')] }).problems;
    expect(problems.filter((p) => p.messageId === 'item')).toHaveLength(listed);
    const more = problems.filter((p) => p.messageId === 'moreProblems');
    expect(more.map((p) => `${p.path} ${p.range.line} ${p.severity} ${p.message.split(':')[0]}`)).toEqual(expected);
  });

  it('the summary sorts before the items, at the key of their list, and names the limits', () => {
    const problems = lintManifest(list(Array(150).fill('a')), { file: 'x', rules: [everyItem('every-item')] }).problems;
    expect(problems[0]).toMatchObject({ ruleId: 'every-item', messageId: 'moreProblems', path: '/x-list', range: { line: 2, column: 1 } });
    expect(problems[0]!.message).toContain(`at most ${MAX_PROBLEMS_PER_RULE} problems per rule and 1,000 per file`);
    expect(problems[0]!.docsUrl).toMatch(/\/docs\/rules\/every-item\.md$/);
  });

  it('the summary is as severe as the worst problem it stands for, so the exit code stays', () => {
    const more = summaries(list([...Array(100).fill('a'), 'a', 'bad', 'a']));
    expect(more.map((p) => p.severity)).toEqual(['error' satisfies Severity]);
  });

  it('problems in different places are summarised at the document', () => {
    const rule = defineRule({
      id: 'everywhere',
      severity: 'warning',
      messages: { here: 'here' },
      docs: { summary: '', why: '', bad: '', good: '', fix: '', source: '' },
      check(_, context) {
        for (let i = 0; i < 150; i++) context.report({ messageId: 'here', path: [i % 2 ? 'x-a' : 'x-b', i] });
      },
    });
    const more = summaries('x-a: [1]\nx-b: [2]\n', [rule]);
    expect(more.map((p) => `${p.path}|${p.range.line}|${p.message.split(':')[0]}`)).toEqual(['|1|50 more everywhere problems in this file are not listed']);
  });

  it('no rule words the summary: its message is defined once, in the engine, for all', () => {
    for (const rule of rules) expect(rule.messages, rule.id).not.toHaveProperty('moreProblems');
  });
});

describe('problems per file', () => {
  it(`at most ${MAX_PROBLEMS_PER_FILE} listed, in file order, and one summary for each rule that lost some`, () => {
    const many = Array.from({ length: 15 }, (_, i) => everyItem(`rule-${String(i).padStart(2, '0')}`));
    const problems = lintManifest(list(Array(100).fill('a')), { file: 'x', rules: many }).problems;
    const listed = problems.filter((p) => p.messageId !== 'moreProblems');
    const more = problems.filter((p) => p.messageId === 'moreProblems');
    expect(listed).toHaveLength(MAX_PROBLEMS_PER_FILE);
    // 15 rules × 100 items, sorted by line then rule: the first 66 items of every rule, then rule-00 to -09 of item 67.
    expect(listed.at(-1)).toMatchObject({ ruleId: 'rule-09', path: '/x-list/66' });
    expect(more).toHaveLength(15);
    expect(more.reduce((n, p) => n + Number(p.message.split(' ')[0]), 0)).toBe(15 * 100 - MAX_PROBLEMS_PER_FILE);
  });
});

describe('lists past the schema\'s limit', () => {
  const fixture = readFileSync(validManifest, 'utf8');
  const withRedirects = (uris: string[]) =>
    fixture.replace(/^redirect_uris:\n(?:  - .*\n)+/m, `redirect_uris:\n${uris.map((uri) => `  - ${uri}\n`).join('')}`);

  it('are reported by the schema; the other rules check the items a registration can hold', () => {
    const uris = Array.from({ length: 5_000 }, (_, i) => `http://app.acme-books.io/cb/${i}`);
    const problems = lintManifest(withRedirects(uris), { file: 'x' }).problems;
    expect(problems.filter((p) => p.ruleId === 'schema').map((p) => p.messageId)).toEqual(['maxItems']);
    const https = problems.filter((p) => p.ruleId === 'redirect-uri-https');
    expect(https.map((p) => p.path)).toEqual(uris.slice(0, 100).map((_, i) => `/redirect_uris/${i}`));
  });

  it('a manifest with a list at its limit lints as before (nothing reported); one item more is the schema\'s', () => {
    const uris = Array.from({ length: 101 }, (_, i) => `https://app.acme-books.io/oauth/pleo/callback/${i}`);
    expect(lintManifest(withRedirects(uris.slice(0, 100)), { file: 'x' }).problems.map((p) => `${p.ruleId}/${p.messageId}`)).toEqual([]);
    expect(lintManifest(withRedirects(uris), { file: 'x' }).problems.map((p) => `${p.ruleId}/${p.messageId} ${p.path}`)).toEqual(['schema/maxItems /redirect_uris']);
  });
});

describe('problems past the limit', () => {
  /** A rule of 10,000 problems that records which ones the engine reads past their id and path. */
  const watched = (touched: Set<number>) =>
    defineRule({
      id: 'watched',
      severity: 'warning',
      messages: { item: 'item {{i}}' },
      docs: { summary: '', why: '', bad: '', good: '', fix: '', source: '' },
      check(_, context) {
        for (let i = 0; i < 10_000; i++) {
          context.report({
            messageId: 'item',
            path: ['x-a'],
            get offsets() {
              touched.add(i);
              return undefined;
            },
            get target() {
              touched.add(i);
              return undefined;
            },
            get data() {
              touched.add(i);
              return { i };
            },
          });
        }
      },
    });

  // Only a directive naming the rule can silence one of its problems, so only then must the engine
  // find the line of a problem it will not list.
  it.each([
    ['without a directive', 'x-a: 1\n'],
    ['with directives that name other rules', '# pleo-register-disable schema -- a draft\n# pleo-register-disable-next-line schema -- a draft\nx-a: 1\n'],
  ])('%s, only the listed ones are located and worded', (_, text) => {
    const touched = new Set<number>();
    const problems = lintManifest(text, { file: 'x', rules: [watched(touched)] }).problems;
    expect([...touched].sort((a, b) => a - b)).toEqual(Array.from({ length: MAX_PROBLEMS_PER_RULE }, (_, i) => i));
    expect(problems.map((p) => p.message.split(':')[0]).at(-1)).toBe('9,900 more watched problems in "x-a" are not listed');
  });
});
