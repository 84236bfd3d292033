import type { Severity } from '../diagnostics.js';
import { problemFingerprints, reportPath } from './identity.js';
import type { Formatter } from './types.js';

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

export const gitlab: Formatter = (results) => {
  const issues = results.flatMap((result) => {
    const fingerprints = problemFingerprints(result);
    return result.problems.map(
      (problem, i): CodeQualityIssue => ({
        description: problem.message,
        check_name: problem.ruleId,
        fingerprint: fingerprints[i]!,
        severity: CODE_QUALITY_SEVERITY[problem.severity],
        location: { path: reportPath(result.file), lines: { begin: problem.range.line, end: problem.range.endLine } },
      }),
    );
  });
  return JSON.stringify(issues, null, 2) + '\n';
};
