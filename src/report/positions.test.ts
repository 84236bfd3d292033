import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { lint as lintManifest } from '../index.js';
import schemaRule from '../rules/schema.js';
import { GOLDEN_OPTIONS, goldenResults } from '../test-support/report-results.js';
import { github } from './github.js';
import { gitlab, type CodeQualityIssue } from './gitlab.js';
import { json, type JsonReport } from './json.js';
import { junit } from './junit.js';
import { sarif, type toSarifLog } from './sarif.js';
import { stylish } from './stylish.js';

/** Where one format puts a problem; `undefined` where the format does not carry that number. */
interface Position {
  line: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
}

const fromJson = (text: string): Position[] =>
  (JSON.parse(text) as JsonReport).results.flatMap((r) => r.problems.map(({ line, column, endLine, endColumn }) => ({ line, column, endLine, endColumn })));

const fromSarif = (text: string): Position[] =>
  (JSON.parse(text) as ReturnType<typeof toSarifLog>).runs[0]!.results.map((r) => {
    const { startLine, startColumn, endLine, endColumn } = r.locations[0]!.physicalLocation.region;
    return { line: startLine, column: startColumn, endLine, endColumn };
  });

const fromGithub = (text: string): Position[] =>
  text
    .split('\n')
    .filter((line) => /^::(error|warning|notice) /.test(line))
    .map((line) => {
      const list = line.slice(line.indexOf(' ') + 1, line.indexOf('::', 2));
      const properties = Object.fromEntries(list.split(',').map((p) => p.split('=') as [string, string]));
      const number = (key: string) => (properties[key] === undefined ? undefined : Number(properties[key]));
      return { line: number('line')!, column: number('col'), endLine: number('endLine'), endColumn: number('endColumn') };
    });

const fromGitlab = (text: string): Position[] =>
  (JSON.parse(text) as CodeQualityIssue[]).map((issue) => ({ line: issue.location.lines.begin, endLine: issue.location.lines.end }));

/** JUnit carries the start in the `line` attribute and `file:line:col` in the details. */
function fromJunit(text: string): Position[] {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => name === 'testsuite' || name === 'testcase' });
  const cases = (parser.parse(text).testsuites.testsuite as { testcase: Record<string, any>[] }[]).flatMap((suite) => suite.testcase);
  return cases
    .filter((c) => c.line !== undefined)
    .map((c) => {
      const details: string = c.failure?.['#text'] ?? c['system-out'];
      const [, line, column] = /:(\d+):(\d+) (?:error|warning|info) /.exec(details)!;
      expect(Number(line)).toBe(Number(c.line));
      return { line: Number(line), column: Number(column) };
    });
}

const fromStylish = (text: string): Position[] =>
  [...text.matchAll(/^ {2}(\d+):(\d+) +(?:error|warning|info) /gm)].map((m) => ({ line: Number(m[1]), column: Number(m[2]) }));

/** Compares the numbers a format carries (JUnit and stylish: the start; GitLab: the lines). */
function expectSame(actual: Position[], expected: Required<Position>[]): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((position, i) => {
    expect(Number.isInteger(position.line)).toBe(true);
    for (const key of ['line', 'column', 'endLine', 'endColumn'] as const) {
      if (position[key] !== undefined) expect({ problem: i, [key]: position[key] }).toEqual({ problem: i, [key]: expected[i]![key] });
    }
  });
}

describe('positions', () => {
  it('are the same 1-based numbers in every format', () => {
    const results = goldenResults();
    const expected = results.flatMap((r) => r.problems.map(({ range }) => ({ ...range })));
    expect(expected.length).toBeGreaterThan(5);
    expectSame(fromJson(json(results, GOLDEN_OPTIONS)), expected);
    expectSame(fromSarif(sarif(results, GOLDEN_OPTIONS)), expected);
    expectSame(fromGithub(github(results, GOLDEN_OPTIONS)), expected);
    expectSame(fromGitlab(gitlab(results, GOLDEN_OPTIONS)), expected);
    expectSame(fromJunit(junit(results, GOLDEN_OPTIONS)), expected);
    expectSame(fromStylish(stylish(results, GOLDEN_OPTIONS)), expected);
  });

  it('count columns in UTF-16 code units, as SARIF declares (columnKind)', () => {
    const value = lintManifest('client_type: "😀"\n', { file: 'a.yaml', rules: [schemaRule] }).problems.find((p) => p.path === '/client_type')!;
    // `"😀"` starts at column 14 and is 4 code units long (the emoji is a surrogate pair).
    expect(value.range).toMatchObject({ line: 1, column: 14, endColumn: 18 });
  });
});
