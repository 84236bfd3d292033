import type { FileResult, Problem, Severity } from '../diagnostics.js';
import { NO_COLOR, type Palette } from './ansi.js';
import { codeFrame } from './code-frame.js';
import { wholeReport, type Formatter, type ReportFormat } from './types.js';

/**
 * The report for people: problems grouped by file, `line:col  severity  message  rule-id`, a code frame
 * under each, a summary line. Like ESLint's stylish, with the frame added. `paint` colours it
 * (report/ansi.ts); `stylish` is the report without colour. Written a file at a time.
 */
export const stylishReportWith =
  (paint: Palette): ReportFormat =>
  () => {
    let errors = 0;
    let warnings = 0;
    let infos = 0;
    let files = 0;
    let listed = 0;
    const skipped = new Map<string, Set<string>>();
    return {
      headWaits: false,
      head: () => '',
      file(result) {
        files++;
        errors += result.errorCount;
        warnings += result.warningCount;
        infos += result.infoCount;
        for (const s of result.skipped) {
          if (s.reason === 'disabled') continue;
          if (!skipped.has(s.reason)) skipped.set(s.reason, new Set());
          skipped.get(s.reason)!.add(s.ruleId);
        }
        if (result.problems.length === 0) return '';
        // A blank line between files, none before the first.
        const out = listed++ === 0 ? [] : [''];
        out.push(paint.underline(result.file) + paint.dim(result.environment === 'staging' ? '  (staging)' : ''));
        const positionWidth = result.problems.reduce((width, p) => Math.max(width, position(p).length), 0);
        // Problems on the same span (several missing keys) are listed together under one frame.
        const problems = result.problems;
        for (let i = 0; i < problems.length; i++) {
          const problem = problems[i]!;
          out.push(row(problem, positionWidth, paint));
          const next = problems[i + 1];
          if (next && sameSpan(problem, next)) continue;
          const lines = frame(result, problem, paint);
          out.push(...(lines ? [lines] : []), '');
        }
        return out.map((line) => line + '\n').join('');
      },
      tail() {
        const out: string[] = [];
        const total = errors + warnings + infos;
        if (total > 0) {
          const colour = errors > 0 ? paint.red : warnings > 0 ? paint.yellow : paint.blue;
          const symbol = errors > 0 ? '✖' : warnings > 0 ? '⚠' : 'ℹ';
          out.push(
            colour(
              paint.bold(
                `${symbol} ${plural(total, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')}, ${plural(infos, 'info')}) in ${plural(files, 'file')}`,
              ),
            ),
          );
        } else {
          out.push(paint.green(`✔ ${plural(files, 'file')} checked, no problems`));
        }
        for (const [reason, ids] of skipped) out.push(paint.dim(`Skipped (${reason}): ${[...ids].join(', ')}`));
        return out.map((line) => line + '\n').join('');
      },
    };
  };

export const stylishWith = (paint: Palette): Formatter => wholeReport(stylishReportWith(paint));

export const stylish: Formatter = stylishWith(NO_COLOR);

function sameSpan(a: Problem, b: Problem): boolean {
  return a.range.line === b.range.line && a.range.column === b.range.column && a.range.endColumn === b.range.endColumn && a.range.endLine === b.range.endLine;
}

function position(problem: Problem): string {
  return `${problem.range.line}:${problem.range.column}`;
}

function row(problem: Problem, positionWidth: number, paint: Palette): string {
  return [
    '  ' + paint.dim(position(problem).padEnd(positionWidth)),
    severityLabel(problem.severity, paint),
    problem.message,
    paint.dim(problem.ruleId),
  ].join('  ');
}

function severityLabel(severity: Severity, paint: Palette): string {
  const label = severity.padEnd(7);
  return severity === 'error' ? paint.red(label) : severity === 'warning' ? paint.yellow(label) : paint.blue(label);
}

function frame(result: FileResult, problem: Problem, paint: Palette): string {
  const marker = problem.severity === 'error' ? paint.red : problem.severity === 'warning' ? paint.yellow : paint.blue;
  return codeFrame(result.source, problem.range, { gutter: paint.dim, marker });
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
