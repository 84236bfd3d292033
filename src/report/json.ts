import type { FileResult } from '../diagnostics.js';
import { frame, indent } from './json-text.js';
import { wholeReport, type Formatter, type ReportFormat } from './types.js';

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

/** The report around its files: the key order the contract's readers see. */
function frameOf(version: string, counts: Pick<JsonReport, (typeof COUNTS)[number]>): { head: string; tail: string } {
  const report: JsonReport = { reportVersion: 1, tool: { name: 'pleo-register', version }, results: [], ...counts };
  return frame(report);
}

function toJsonFileResult(result: FileResult): JsonFileResult {
  return {
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
  };
}

/** The JSON report, as `JSON.stringify(report, null, 2)` writes it, a file at a time. */
export const jsonReport: ReportFormat = (options) => {
  const counts = { errorCount: 0, warningCount: 0, infoCount: 0 };
  let files = 0;
  return {
    headWaits: false,
    head: () => frameOf(options.version, { errorCount: 0, warningCount: 0, infoCount: 0 }).head,
    file(result) {
      const entry = toJsonFileResult(result);
      for (const key of COUNTS) counts[key] += entry[key];
      return (files++ === 0 ? '\n' : ',\n') + indent(JSON.stringify(entry, null, 2), 2);
    },
    tail: () => (files > 0 ? '\n  ' : '') + frameOf(options.version, counts).tail + '\n',
  };
};

export const json: Formatter = wholeReport(jsonReport);

const COUNTS = ['errorCount', 'warningCount', 'infoCount'] as const;
