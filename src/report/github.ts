import type { FileResult, Problem, Severity } from '../diagnostics.js';
import { wholeReport, type Formatter, type ReportFormat } from './types.js';

/** GitHub shows this many annotations of each kind per step (actions/toolkit#734). */
export const ANNOTATIONS_PER_KIND = 10;

type Command = 'error' | 'warning' | 'notice';

const COMMAND: Record<Severity, Command> = { error: 'error', warning: 'warning', info: 'notice' };

/**
 * GitHub Actions workflow commands (`::error file=…,line=…::message`), which GitHub turns into
 * annotations on the pull request. GitHub keeps only 10 error and 10 warning annotations per step and
 * drops the rest without a word, so past that budget we print one notice with the count instead; the
 * CLI writes the full report to the job summary (`githubStepSummary`).
 */
export const githubReport: ReportFormat = () => {
  // At most ten kept of each kind, in problem order: all a report of any size can print.
  const kept: { command: Command; line: string }[] = [];
  const seen: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  return {
    headWaits: false,
    head: () => '',
    file(result) {
      for (const problem of result.problems) {
        const command = COMMAND[problem.severity];
        if (seen[problem.severity]++ < ANNOTATIONS_PER_KIND) kept.push({ command, line: annotation(command, result.file, problem) });
      }
      return '';
    },
    tail() {
      const total = seen.error + seen.warning + seen.info;
      const overflow = seen.error > ANNOTATIONS_PER_KIND || seen.warning > ANNOTATIONS_PER_KIND || seen.info > ANNOTATIONS_PER_KIND;
      // When some are hidden, the last notice slot goes to the notice that says so.
      let notices = overflow ? ANNOTATIONS_PER_KIND - 1 : ANNOTATIONS_PER_KIND;
      const lines = kept.filter((k) => k.command !== 'notice' || notices-- > 0).map((k) => k.line);
      const hidden = total - lines.length;
      if (hidden > 0) {
        const message =
          `pleo-register found ${plural(total, 'problem')}; ${plural(hidden, 'more problem')} ${hidden === 1 ? 'is' : 'are'} not shown as annotations ` +
          `(GitHub shows ${ANNOTATIONS_PER_KIND} errors and ${ANNOTATIONS_PER_KIND} warnings per step). The full report is in the job summary.`;
        lines.push(`::notice::${escapeData(message)}`);
      }
      return lines.map((line) => line + '\n').join('');
    },
  };
};

export const github: Formatter = wholeReport(githubReport);

function annotation(command: Command, file: string, problem: Problem): string {
  const { line, column, endLine, endColumn } = problem.range;
  // GitHub refuses col/endColumn on an annotation that spans several lines.
  const sameLine = line === endLine;
  const properties = [
    `file=${escapeProperty(file)}`,
    `line=${line}`,
    ...(sameLine ? [`col=${column}`] : []),
    `endLine=${endLine}`,
    ...(sameLine ? [`endColumn=${endColumn}`] : []),
    `title=${escapeProperty(problem.ruleId)}`,
  ];
  return `::${command} ${properties.join(',')}::${escapeData(problem.message)}`;
}

/** As `escapeData` of @actions/core (src/command.ts): the message of a command. */
export function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** As `escapeProperty` of @actions/core: a property value, where `:` and `,` are syntax. */
export function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * GitHub takes at most 1 MiB of summary per step and drops a larger one whole, with an error. The
 * tables stop short of it; the head, the note of what was left out and the rules not run fit in the rest.
 */
export const STEP_SUMMARY_TABLE_BYTES = 1_000_000;

/**
 * The whole report as Markdown for `$GITHUB_STEP_SUMMARY`: a summary line, then a table per file, as
 * far as GitHub's limit allows.
 */
export const githubStepSummaryReport: ReportFormat = () => {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  let files = 0;
  let tableBytes = 0;
  let notListed = 0;
  const notRun = new Set<string>();
  const fits = (lines: readonly string[]) => {
    const bytes = lines.reduce((n, line) => n + Buffer.byteLength(line) + 1, 0);
    if (tableBytes + bytes > STEP_SUMMARY_TABLE_BYTES) return false;
    tableBytes += bytes;
    return true;
  };
  return {
    headWaits: true,
    head() {
      const total = counts.error + counts.warning + counts.info;
      const summary =
        total === 0
          ? `✔ ${plural(files, 'file')} checked, no problems`
          : `✖ ${plural(total, 'problem')} (${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${plural(counts.info, 'info')}) in ${plural(files, 'file')}`;
      return `## pleo-register\n\n${summary}\n`;
    },
    file(result) {
      files++;
      counts.error += result.errorCount;
      counts.warning += result.warningCount;
      counts.info += result.infoCount;
      for (const s of result.skipped) if (s.reason !== 'disabled') notRun.add(`${s.ruleId} (${s.reason})`);
      if (result.problems.length === 0) return '';
      const out = ['', `### ${markdownText(result.file)}${result.environment === 'staging' ? ' (staging)' : ''}`, ''];
      out.push('| Line | Severity | Rule | Message |', '|---:|---|---|---|');
      if (notListed > 0 || !fits(out)) {
        notListed += result.problems.length;
        return '';
      }
      for (const [i, p] of result.problems.entries()) {
        const row = `| ${p.range.line}:${p.range.column} | ${p.severity} | [${markdownText(p.ruleId)}](${markdownUrl(p.docsUrl)}) | ${markdownCell(p.message)} |`;
        if (!fits([row])) {
          notListed += result.problems.length - i;
          // No heading without a row under it.
          if (i === 0) return '';
          break;
        }
        out.push(row);
      }
      return out.map((line) => line + '\n').join('');
    },
    tail() {
      const out: string[] = [];
      if (notListed > 0) {
        out.push(
          `${plural(notListed, 'more problem')} ${notListed === 1 ? 'is' : 'are'} not listed here: GitHub takes at most 1 MiB of summary per step. ` +
            'Lint with `-f stylish` or `-f json` to see every problem.',
        );
      }
      if (notRun.size > 0) out.push(`Not run: ${markdownText([...notRun].join(', '))}`);
      return out.map((line) => `\n${line}\n`).join('');
    },
  };
};

export const githubStepSummary: Formatter = wholeReport(githubStepSummaryReport);

/** A message in a table cell: its `code spans` stay code, everything else is plain text. */
function markdownCell(value: string): string {
  return value
    .replace(/\r?\n|\r/g, ' ')
    .split(/(`[^`\n]+`)/)
    .map((part, i) => (i % 2 === 1 ? part.replace(/\|/g, '\\|') : markdownText(part)))
    .join('');
}

/** Plain text in Markdown: HTML-ish characters as entities, emphasis, link and table syntax escaped. */
export function markdownText(value: string): string {
  return value
    .replace(/\r?\n|\r/g, ' ')
    .replace(/[\u0000-\u001F\u007F]/g, '\uFFFD')
    .replace(/[\\`*_[\]|~]/g, '\\$&')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

function markdownUrl(url: string): string {
  return url.replace(/[\s()<>|]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0'));
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
