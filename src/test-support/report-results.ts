/**
 * The results every formatter's golden test reports, so the goldens of all formats describe the same
 * problems. Only the `schema` and `yaml-syntax` rules run (rules in progress elsewhere cannot change the
 * goldens), plus a hand-made result with an error, a warning and an info of a rule defined here.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { expect } from 'vitest';
import { countBySeverity, type FileResult, type Problem } from '../diagnostics.js';
import { lint as lintManifest } from '../index.js';
import { formatOptions, ruleDocsUrl } from '../resources.js';
import type { FormatOptions } from '../report/types.js';
import { defineRule, type Rule, type RuleMeta } from '../rules/define-rule.js';
import schema from '../rules/schema.js';
import yamlSyntax from '../engine/yaml-syntax.js';

const root = new URL('../../', import.meta.url);


/** A rule of the hand-made result, with messages of all three severities. */
export const exampleRule = defineRule({
  id: 'golden-example',
  severity: 'warning',
  severities: { insecure: 'error', hint: 'info' },
  messages: { insecure: 'insecure', unknown: 'unknown', hint: 'hint' },
  docs: {
    summary: 'A rule that exists only in the report tests.',
    why: 'The golden files need a rule with an error, a warning and an info whose text never changes.',
    bad: 'redirect_uris:\n  - http://app.acme-books.io/callback',
    good: 'redirect_uris:\n  - https://app.acme-books.io/callback',
    fix: 'Nothing to fix: it is a test rule.',
    source: 'house rule',
  },
  check() {},
});

/** What the SARIF goldens list as the driver's rules. */
export const GOLDEN_RULES: readonly (Rule | RuleMeta)[] = [yamlSyntax, schema, exampleRule];

/** Report options that describe `rules` (the golden ones by default). */
export const optionsFor = (rules: readonly RuleMeta[] = GOLDEN_RULES): FormatOptions => formatOptions('0.0.0-test', rules);

export const GOLDEN_OPTIONS: FormatOptions = optionsFor();

/** Report options as the CLI makes them: every rule. */
export const CLI_OPTIONS: FormatOptions = formatOptions('0.0.0-test');

function lintFixture(name: string, file: string): FileResult {
  const text = readFileSync(new URL(`fixtures/golden/inputs/${name}`, root), 'utf8');
  return lintManifest(text, { file, rules: [yamlSyntax, schema] as Rule[] });
}

const handMadeSource = [
  'environment: staging',
  'redirect_uris:',
  '  - http://app.acme-books.io/callback',
  'scopes:',
  '  - expenses:read|write',
  '  - export-jobs:read',
  '  - export-jobs:read',
  'pkce: S256',
  '',
].join('\n');

function problem(severity: Problem['severity'], messageId: string, message: string, path: string, range: Problem['range']): Problem {
  return { ruleId: exampleRule.id, messageId, severity, message, data: {}, path, range, docsUrl: ruleDocsUrl(exampleRule.id) };
}

/** Staging, a space in the path, a multi-line range, Markdown/XML/command syntax in the messages. */
export function handMadeResult(): FileResult {
  const problems: Problem[] = [
    problem('error', 'insecure', 'Redirect URI "http://app.acme-books.io/callback" uses http:; use https:.', '/redirect_uris/0', { line: 3, column: 5, endLine: 3, endColumn: 38 }),
    problem('warning', 'unknown', 'Scope "expenses:read|write" is not a Pleo scope, 100% sure; did you mean <expenses:read> & "export-jobs:read"?', '/scopes/0', { line: 5, column: 5, endLine: 5, endColumn: 24 }),
    problem('info', 'hint', 'Scopes listed twice: `export-jobs:read`; keep one.', '/scopes', { line: 5, column: 3, endLine: 7, endColumn: 21 }),
  ];
  return {
    file: 'services/payments api/pleo-client.staging.yaml',
    environment: 'staging',
    source: handMadeSource,
    problems,
    skipped: [
      { ruleId: 'uri-reachable', reason: 'offline' },
      { ruleId: 'scope-known', reason: 'disabled' },
    ],
    ...countBySeverity(problems),
  };
}

/** The same results for every golden test: three linted fixtures and the hand-made one. */
export function goldenResults(): FileResult[] {
  return [
    lintFixture('schema-problems.yaml', 'apps/web/pleo-client.yaml'),
    lintFixture('yaml-syntax.yaml', 'apps/broken/pleo-client.yaml'),
    lintFixture('clean.yaml', 'pleo-client.yaml'),
    handMadeResult(),
  ];
}

/**
 * Compares with fixtures/golden/<name>. `UPDATE_GOLDEN=1` rewrites the file instead: review the diff
 * by eye before keeping it. A missing golden fails the test.
 */
export function expectGolden(name: string, actual: string): void {
  const url = new URL(`fixtures/golden/${name}`, root);
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(dirname(url.pathname), { recursive: true });
    writeFileSync(url, actual);
    return;
  }
  let expected: string;
  try {
    expected = readFileSync(url, 'utf8');
  } catch {
    throw new Error(`no golden file fixtures/golden/${name}; run with UPDATE_GOLDEN=1 once and review it`);
  }
  expect(actual).toBe(expected);
}

/** A result with the given number of errors, warnings and infos, one line each. */
export function resultWith(file: string, counts: { errors?: number; warnings?: number; infos?: number }): FileResult {
  const severities = [
    ...Array<Problem['severity']>(counts.errors ?? 0).fill('error'),
    ...Array<Problem['severity']>(counts.warnings ?? 0).fill('warning'),
    ...Array<Problem['severity']>(counts.infos ?? 0).fill('info'),
  ];
  const problems = severities.map((severity, i) =>
    problem(severity, 'unknown', `Problem number ${i + 1}.`, `/scopes/${i}`, { line: i + 1, column: 3, endLine: i + 1, endColumn: 10 }),
  );
  return { file, environment: 'production', source: '', problems, skipped: [], ...countBySeverity(problems) };
}
