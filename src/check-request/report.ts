import { countBySeverity, type FileResult, type Problem } from '../diagnostics.js';
import type { Verdict } from './reasons.js';

/** The README section that explains the reasons; every problem of check-request links to it (the caller makes the link). */
export const CHECK_REQUEST_DOCS_ANCHOR = 'test-your-oauth-flow-locally';

/**
 * The verdicts as a lint result, so every report format prints them: each at the manifest line it is
 * judged against (the whole line underlined), or at the top of the file when no line concerns it.
 */
export function verdictsAsResult(verdicts: readonly Verdict[], file: string, source: string, environment: FileResult['environment'], docsUrl: string): FileResult {
  const lines = source.split(/\r?\n/);
  const problems: Problem[] = verdicts.map((verdict) => {
    const range = verdict.range ?? firstKey(lines);
    return {
      ruleId: verdict.reason,
      messageId: verdict.reason,
      severity: verdict.severity,
      message: `${verdict.message}.`,
      data: {},
      path: verdict.key ? `/${verdict.key}` : '',
      range,
      docsUrl,
    };
  });
  problems.sort((a, b) => a.range.line - b.range.line || a.range.column - b.range.column);
  return { file, environment, source, problems, skipped: [], ...countBySeverity(problems) };
}

/**
 * Where a verdict about the request alone (state, response_type…) points: the document's first key,
 * as lint points a missing top-level key.
 */
function firstKey(lines: readonly string[]): Problem['range'] {
  const index = Math.max(0, lines.findIndex((text) => text.trim() !== '' && !text.trimStart().startsWith('#') && text.trim() !== '---'));
  const text = lines[index] ?? '';
  const column = text.length - text.trimStart().length + 1;
  const colon = text.indexOf(':', column - 1);
  const end = colon === -1 ? text.trimEnd().length + 1 : colon + 1;
  return { line: index + 1, column, endLine: index + 1, endColumn: Math.max(column + 1, end) };
}
