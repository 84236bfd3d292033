import type { FileResult, Severity } from '../diagnostics.js';

/** What a report may say of a rule: SARIF describes every rule, whether or not it fired. */
export interface RuleInfo {
  id: string;
  /** Default severity. */
  severity: Severity;
  docs: { summary: string; why: string; bad: string; good: string; fix: string; source: string };
  docsUrl: string;
}

export interface FormatOptions {
  /** The tool's version, for reports that carry it. */
  version: string;
  /** Every rule, in the order the documentation lists them. */
  rules: readonly RuleInfo[];
  /** Where the documentation is published. */
  docsHome: string;
}

/**
 * One report written a file at a time, so a run need not keep its results: `file` is given each
 * result in order and returns that file's text; `head` and `tail` frame them. A report whose head
 * sums up the files (JUnit's totals, SARIF's notes on rules not run) says `headWaits`: its head is
 * asked for after the last file and the files' text is held until then. A stream is used once.
 */
export interface ReportStream {
  readonly headWaits: boolean;
  head(): string;
  file(result: FileResult): string;
  tail(): string;
}

/** A report format: a new stream for each report. */
export type ReportFormat = (options: FormatOptions) => ReportStream;

/** A formatter is a pure function of the results. */
export type Formatter = (results: readonly FileResult[], options: FormatOptions) => string;

/** The whole report at once, from its stream: what the library and the tests call. */
export function wholeReport(format: ReportFormat): Formatter {
  return (results, options) => {
    const stream = format(options);
    const files = results.map((result) => stream.file(result)).join('');
    return stream.head() + files + stream.tail();
  };
}
