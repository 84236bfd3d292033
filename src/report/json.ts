import type { FileResult } from '../diagnostics.js';
import type { Formatter } from './types.js';

/** The JSON report (README, "The JSON report"): a public contract, `reportVersion` 1. Fields may be added, never renamed. */
export interface JsonReport {
  reportVersion: 1;
  tool: { name: 'pleo-register'; version: string };
  results: JsonFileResult[];
  errorCount: number;
  warningCount: number;
  infoCount: number;
}

export interface JsonFileResult {
  file: string;
  environment: FileResult['environment'];
  problems: JsonProblem[];
  skipped: FileResult['skipped'];
  errorCount: number;
  warningCount: number;
  infoCount: number;
}

export interface JsonProblem {
  ruleId: string;
  /** Which of the rule's messages: stable within the rule, for programs that act on a problem. */
  messageId: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  /** The values the message was worded from, by placeholder name (masked and made safe as the message is). */
  data: Readonly<Record<string, string | number>>;
  path: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  docsUrl: string;
}

export function toJsonReport(results: readonly FileResult[], version: string): JsonReport {
  const files = results.map(
    (result): JsonFileResult => ({
      file: result.file,
      environment: result.environment,
      problems: result.problems.map((p) => ({
        ruleId: p.ruleId,
        messageId: p.messageId,
        severity: p.severity,
        message: p.message,
        data: p.data,
        path: p.path,
        line: p.range.line,
        column: p.range.column,
        endLine: p.range.endLine,
        endColumn: p.range.endColumn,
        docsUrl: p.docsUrl,
      })),
      skipped: result.skipped,
      errorCount: result.errorCount,
      warningCount: result.warningCount,
      infoCount: result.infoCount,
    }),
  );
  return {
    reportVersion: 1,
    tool: { name: 'pleo-register', version },
    results: files,
    errorCount: sum(files, 'errorCount'),
    warningCount: sum(files, 'warningCount'),
    infoCount: sum(files, 'infoCount'),
  };
}

export const json: Formatter = (results, options) => JSON.stringify(toJsonReport(results, options.version), null, 2) + '\n';

function sum(files: readonly JsonFileResult[], key: 'errorCount' | 'warningCount' | 'infoCount'): number {
  return files.reduce((total, file) => total + file[key], 0);
}
