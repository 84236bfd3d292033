export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';
export const SEVERITY_SETTINGS: readonly SeveritySetting[] = ['off', 'info', 'warning', 'error'];

/** A location in the manifest: object keys and array indices, root first. */
export type JsonPath = readonly (string | number)[];

/** 1-based lines and columns; `endColumn` is the column just after the last character. */
export interface SourceRange {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface Problem {
  ruleId: string;
  /** Stable key of the message within the rule (`notHttps`, `required`…). */
  messageId: string;
  severity: Severity;
  /** Plain text, no colour. */
  message: string;
  /** The values the message was worded from (`{{placeholder}}` → value), made safe and masked as the message is. */
  data: Readonly<Record<string, string | number>>;
  /** JSON Pointer (RFC 6901) into the manifest; "" is the document. */
  path: string;
  range: SourceRange;
  docsUrl: string;
  /** How `--fix` would remove the problem, when it can without changing what the manifest means. */
  fix?: ProblemFix;
}

/**
 * A fix a rule offers for the value at the problem's path: a new string in its place, or (for a list
 * item) the item gone, or else a new value. `--fix` writes it in the value's own style and keeps it only when the result
 * parses to what was intended and lints no worse.
 */
export type ProblemFix = SetFix | { kind: 'remove'; description: string; /** What to do instead when the item cannot go (a directive points at its line). */ otherwise?: SetFix };

export interface SetFix {
  kind: 'set';
  value: string;
  description: string;
}

export interface SkippedRule {
  ruleId: string;
  reason: 'offline' | 'disabled' | 'not-implemented';
}

export interface FileResult {
  /** As given on the command line (stdin: `--stdin-filename` or `<stdin>`). */
  file: string;
  environment: 'production' | 'staging';
  /** The manifest's text, kept for code frames; never part of the JSON report. */
  source: string;
  problems: Problem[];
  skipped: SkippedRule[];
  errorCount: number;
  warningCount: number;
  infoCount: number;
}

export function toJsonPointer(path: JsonPath): string {
  return path.map((segment) => '/' + String(segment).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

export function fromJsonPointer(pointer: string): JsonPath {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => {
      const decoded = segment.replace(/~1/g, '/').replace(/~0/g, '~');
      return /^(0|[1-9]\d*)$/.test(decoded) ? Number(decoded) : decoded;
    });
}

export function countBySeverity(problems: readonly Problem[]) {
  let errorCount = 0;
  let warningCount = 0;
  let infoCount = 0;
  for (const problem of problems) {
    if (problem.severity === 'error') errorCount++;
    else if (problem.severity === 'warning') warningCount++;
    else infoCount++;
  }
  return { errorCount, warningCount, infoCount };
}

export function compareProblems(a: Problem, b: Problem): number {
  return (
    a.range.line - b.range.line ||
    a.range.column - b.range.column ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0)
  );
}
