import { describe, expect, it } from 'vitest';
import type { Problem, Severity } from '../diagnostics.js';
import { lint as lintManifest } from '../index.js';
import type { Rule, RuleMeta, RuleSettings } from '../rules/define-rule.js';

export interface ValidCase {
  name?: string;
  /** Manifest text; only the keys the rule looks at are needed. */
  code: string;
  settings?: RuleSettings;
}

export interface ExpectedProblem {
  messageId: string;
  /** JSON Pointer, e.g. "/redirect_uris/1". */
  path?: string;
  line?: number;
  column?: number;
  severity?: Severity;
  /** Substrings the rendered message must contain. */
  includes?: string[];
  /** Substrings the rendered message must not contain (secrets). */
  excludes?: string[];
}

export interface InvalidCase extends ValidCase {
  errors: ExpectedProblem[];
}

/** Lints `code` with only `rule` enabled. */
export function runRule(rule: Rule | RuleMeta, code: string, settings?: RuleSettings): Problem[] {
  return lintManifest(code, { file: 'pleo-client.yaml', rules: [rule], settings }).problems;
}

/**
 * A table of cases for one rule, in the manner of ESLint's RuleTester: valid cases must report
 * nothing; invalid cases must report exactly the listed problems, in source order.
 */
export function ruleTester(rule: Rule | RuleMeta, cases: { valid: (string | ValidCase)[]; invalid: InvalidCase[] }): void {
  describe(rule.id, () => {
    const valid = cases.valid.map((c) => (typeof c === 'string' ? { code: c } : c));
    it.each(valid.map((c) => [c.name ?? firstLine(c.code), c] as const))('valid: %s', (_, c) => {
      expect(runRule(rule, c.code, c.settings).map(summary)).toEqual([]);
    });
    it.each(cases.invalid.map((c) => [c.name ?? firstLine(c.code), c] as const))('invalid: %s', (_, c) => {
      expectProblems(runRule(rule, c.code, c.settings), c.errors);
    });
  });
}

/** Exactly the expected problems, in order, each matching what its entry names. */
export function expectProblems(problems: Problem[], errors: ExpectedProblem[]): void {
  expect(problems.map((p) => p.messageId), problems.map(summary).join('\n')).toEqual(errors.map((e) => e.messageId));
  errors.forEach((expected, i) => {
    const problem = problems[i]!;
    if (expected.path !== undefined) expect(problem.path).toBe(expected.path);
    if (expected.line !== undefined) expect(problem.range.line).toBe(expected.line);
    if (expected.column !== undefined) expect(problem.range.column).toBe(expected.column);
    if (expected.severity !== undefined) expect(problem.severity).toBe(expected.severity);
    for (const text of expected.includes ?? []) expect(problem.message).toContain(text);
    for (const text of expected.excludes ?? []) expect(problem.message).not.toContain(text);
  });
}

/** One line per problem, for failure messages. */
export function summary(problem: Problem): string {
  return `${problem.range.line}:${problem.range.column} ${problem.ruleId}/${problem.messageId} ${problem.severity} ${problem.path} ${problem.message}`;
}

/** A case's name when it has none: its first line that is not a comment, clipped. */
export function firstLine(code: string): string {
  const line = code.split('\n').find((l) => l.trim() && !l.trim().startsWith('#')) ?? code;
  return line.length > 70 ? line.slice(0, 69) + '…' : line;
}
