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

/** A formatter is a pure function of the results. */
export type Formatter = (results: readonly FileResult[], options: FormatOptions) => string;
