import type { Severity } from '../diagnostics.js';
import { problemFingerprints, reportPath } from './identity.js';
import { indent } from './json-text.js';
import { wholeReport, type Formatter, type ReportFormat } from './types.js';

/** One issue of a GitLab Code Quality report (docs.gitlab.com, "Code Quality", report format). */
export interface CodeQualityIssue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: 'info' | 'minor' | 'major' | 'critical' | 'blocker';
  location: { path: string; lines: { begin: number; end: number } };
}

/**
 * An error blocks the registration (Pleo rejects it, or it is a security hole such as an http redirect
 * URI) and fails the pipeline: `critical`, so it sorts above the `major`/`minor` maintainability findings
 * of other tools in the merge request widget. `blocker` stays free for findings worse than ours. A warning
 * is worth a look but does not fail the run: `minor`. An info is `info`.
 */
export const CODE_QUALITY_SEVERITY: Record<Severity, CodeQualityIssue['severity']> = {
  error: 'critical',
  warning: 'minor',
  info: 'info',
};

/** The issues as one JSON array, a file at a time. */
export const gitlabReport: ReportFormat = () => {
  let issues = 0;
  return {
    headWaits: false,
    head: () => '[',
    file(result) {
      const fingerprints = problemFingerprints(result);
      return result.problems
        .map((problem, i) => {
          const issue: CodeQualityIssue = {
            description: problem.message,
            check_name: problem.ruleId,
            fingerprint: fingerprints[i]!,
            severity: CODE_QUALITY_SEVERITY[problem.severity],
            location: { path: reportPath(result.file), lines: { begin: problem.range.line, end: problem.range.endLine } },
          };
          return (issues++ === 0 ? '\n' : ',\n') + indent(JSON.stringify(issue, null, 2), 1);
        })
        .join('');
    },
    tail: () => (issues > 0 ? '\n]\n' : ']\n'),
  };
};

export const gitlab: Formatter = wholeReport(gitlabReport);
