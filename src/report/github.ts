import type { FileResult, Problem, Severity } from '../diagnostics.js';
import type { FormatOptions, Formatter } from './types.js';

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
export const github: Formatter = (results) => {
  const problems = results.flatMap((result) => result.problems.map((problem) => ({ file: result.file, problem })));
  const budget = budgets(problems.map(({ problem }) => problem.severity));
  const used: Record<Command, number> = { error: 0, warning: 0, notice: 0 };
  const lines: string[] = [];
  for (const { file, problem } of problems) {
    const command = COMMAND[problem.severity];
    if (used[command] >= budget[command]) continue;
    used[command]++;
    lines.push(annotation(command, file, problem));
  }
  const hidden = problems.length - lines.length;
  if (hidden > 0) {
    const message =
      `pleo-register found ${plural(problems.length, 'problem')}; ${plural(hidden, 'more problem')} ${hidden === 1 ? 'is' : 'are'} not shown as annotations ` +
      `(GitHub shows ${ANNOTATIONS_PER_KIND} errors and ${ANNOTATIONS_PER_KIND} warnings per step). The full report is in the job summary.`;
    lines.push(`::notice::${escapeData(message)}`);
  }
  return lines.map((line) => line + '\n').join('');
};

/** Ten of each kind; when some are hidden, one notice slot goes to the notice that says so. */
function budgets(severities: readonly Severity[]): Record<Command, number> {
  const count = (s: Severity) => severities.filter((x) => x === s).length;
  const overflow = count('error') > ANNOTATIONS_PER_KIND || count('warning') > ANNOTATIONS_PER_KIND || count('info') > ANNOTATIONS_PER_KIND;
  return { error: ANNOTATIONS_PER_KIND, warning: ANNOTATIONS_PER_KIND, notice: overflow ? ANNOTATIONS_PER_KIND - 1 : ANNOTATIONS_PER_KIND };
}

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

/** The whole report as Markdown for `$GITHUB_STEP_SUMMARY`: a summary line, then a table per file. */
export function githubStepSummary(results: readonly FileResult[], _options: FormatOptions): string {
  const errors = results.reduce((n, r) => n + r.errorCount, 0);
  const warnings = results.reduce((n, r) => n + r.warningCount, 0);
  const infos = results.reduce((n, r) => n + r.infoCount, 0);
  const total = errors + warnings + infos;
  const out = ['## pleo-register', ''];
  out.push(
    total === 0
      ? `✔ ${plural(results.length, 'file')} checked, no problems`
      : `✖ ${plural(total, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')}, ${plural(infos, 'info')}) in ${plural(results.length, 'file')}`,
    '',
  );
  for (const result of results) {
    if (result.problems.length === 0) continue;
    out.push(`### ${markdownText(result.file)}${result.environment === 'staging' ? ' (staging)' : ''}`, '');
    out.push('| Line | Severity | Rule | Message |', '|---:|---|---|---|');
    for (const p of result.problems) {
      out.push(`| ${p.range.line}:${p.range.column} | ${p.severity} | [${markdownText(p.ruleId)}](${markdownUrl(p.docsUrl)}) | ${markdownCell(p.message)} |`);
    }
    out.push('');
  }
  const notRun = results.flatMap((r) => r.skipped.filter((s) => s.reason !== 'disabled').map((s) => `${s.ruleId} (${s.reason})`));
  if (notRun.length > 0) out.push(`Not run: ${markdownText([...new Set(notRun)].join(', '))}`, '');
  return out.join('\n');
}

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
