import type { FileResult, Problem } from '../diagnostics.js';
import { wholeReport, type Formatter, type ReportFormat } from './types.js';

/**
 * JUnit XML for GitLab, Jenkins and Azure DevOps: a `<testsuite>` per file and a `<testcase>` per
 * problem, so each problem is a row of the CI's test view with its position.
 *
 * Only errors are `<failure>`s. Every JUnit consumer paints a failure red, whatever its `type`, and a
 * warning must not turn a pipeline red when the exit code says the run passed; warnings and infos are
 * passing test cases that carry their details in `<system-out>`. A file without problems gets one
 * passing test case so it shows up as checked, and a rule that could not run (offline) a `<skipped>` one.
 */
export const junitReport: ReportFormat = () => {
  const totals = { tests: 0, failures: 0, skipped: 0 };
  return {
    headWaits: true,
    head: () =>
      '<?xml version="1.0" encoding="UTF-8"?>\n' +
      `<testsuites name="pleo-register" tests="${totals.tests}" failures="${totals.failures}" errors="0" skipped="${totals.skipped}">\n`,
    file(result) {
      const suite = testsuite(result);
      totals.tests += suite.tests;
      totals.failures += suite.failures;
      totals.skipped += suite.skipped;
      return suite.lines.map((line) => line + '\n').join('');
    },
    tail: () => '</testsuites>\n',
  };
};

export const junit: Formatter = wholeReport(junitReport);

interface Suite {
  lines: string[];
  tests: number;
  failures: number;
  skipped: number;
}

function testsuite(result: FileResult): Suite {
  const file = attribute(result.file);
  const cases = result.problems.map((problem) => testcase(result, problem));
  if (cases.length === 0) cases.push([`    <testcase name="no problems" classname="${file}" file="${file}"/>`]);
  const notRun = result.skipped.filter((s) => s.reason !== 'disabled');
  for (const s of notRun) {
    cases.push([
      `    <testcase name="${attribute(s.ruleId)}" classname="${file}" file="${file}">`,
      `      <skipped message="${attribute(`not run: ${s.reason}`)}"/>`,
      '    </testcase>',
    ]);
  }
  const tests = cases.length;
  const failures = result.problems.filter((p) => p.severity === 'error').length;
  return {
    tests,
    failures,
    skipped: notRun.length,
    lines: [
      `  <testsuite name="${file}" tests="${tests}" failures="${failures}" errors="0" skipped="${notRun.length}">`,
      ...cases.flat(),
      '  </testsuite>',
    ],
  };
}

function testcase(result: FileResult, problem: Problem): string[] {
  const { line, column } = problem.range;
  const file = attribute(result.file);
  const open = `    <testcase name="${attribute(`${line}:${column} ${problem.ruleId}`)}" classname="${file}" file="${file}" line="${line}">`;
  const details = text(`${result.file}:${line}:${column} ${problem.severity} ${problem.message} (${problem.ruleId})\n${problem.docsUrl}`);
  const body =
    problem.severity === 'error'
      ? `      <failure type="${attribute(problem.ruleId)}" message="${attribute(problem.message)}">${details}</failure>`
      : `      <system-out>${details}</system-out>`;
  return [open, body, '    </testcase>'];
}

/** Text content: `&` and `<` escaped, `>` too (for `]]>`), characters XML 1.0 forbids made visible. */
export function text(value: string): string {
  return legal(value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
}

/** An attribute value in double quotes; tabs and line breaks as references so parsers keep them. */
export function attribute(value: string): string {
  return text(value).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}

// XML 1.0 §2.2: no C0 controls but tab/LF/CR, no surrogates (unpaired, here), no U+FFFE/U+FFFF. Not even
// as `&#1;`, so they are written out as `\u0001`. C1 controls are allowed but invisible: references.
const ILLEGAL = /[^\t\n\r\u0020-\u007E\u00A0-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

function legal(value: string): string {
  return value.replace(ILLEGAL, (char) => {
    const code = char.codePointAt(0)!;
    if (code >= 0x7f && code <= 0x9f) return `&#x${code.toString(16).toUpperCase()};`;
    return `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
  });
}
