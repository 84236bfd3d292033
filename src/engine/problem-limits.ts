import type { JsonPath, Severity } from '../diagnostics.js';
import { clip } from '../text/describe.js';

/**
 * A file lists at most this many problems of one rule; the rest become one "N more" problem of that
 * rule. A list of 100,000 items (under 1 MiB) made 400,000 problems and a 400 MB SARIF report; nobody
 * reads past the first hundred of one kind, and fixing those usually fixes the rest.
 */
export const MAX_PROBLEMS_PER_RULE = 100;

/**
 * A file lists at most this many problems in all (in file order), plus one "N more" problem per rule
 * that had more. Ten rules at their own limit: far above what a real manifest yields (tens), and it
 * keeps one file's report near 1 MB in the most verbose format (SARIF, about 1 KB a problem).
 */
export const MAX_PROBLEMS_PER_FILE = 1_000;

/** The messageId of the "N more" problem, which any rule may end with; its wording is here. */
export const MORE_PROBLEMS = 'moreProblems';
// The limits are placeholders, filled in only when a rule overflows: number formatting loads ICU's data.
export const MORE_PROBLEMS_MESSAGE =
  '{{count}} more {{ruleId}} problem{{plural}} in {{where}} {{verb}} not listed: a report lists at most ' +
  '{{perRule}} problems per rule and {{perFile}} per file. Fix those listed and lint again.';

const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

/** The problems of one rule left out of a file's list. */
export interface Overflow {
  ruleId: string;
  count: number;
  /** The longest path all of them share: the list they are in, or the document. */
  path: JsonPath;
  /** The most severe of them, so leaving them out never lowers the exit code. */
  severity: Severity;
}

/** Counts what each rule lists in one file and what it leaves out. */
export class ProblemBudget {
  private readonly listed = new Map<string, number>();
  private readonly overflows = new Map<string, Overflow>();

  /** True when the rule may list one more problem; then it is counted as listed. */
  admit(ruleId: string): boolean {
    const listed = this.listed.get(ruleId) ?? 0;
    if (listed >= MAX_PROBLEMS_PER_RULE) return false;
    this.listed.set(ruleId, listed + 1);
    return true;
  }

  /** Records a problem left out. Constant work per call, however many there are. */
  leaveOut(ruleId: string, path: JsonPath, severity: Severity): void {
    const known = this.overflows.get(ruleId);
    if (!known) {
      this.overflows.set(ruleId, { ruleId, count: 1, path: [...path], severity });
      return;
    }
    known.count++;
    if (RANK[severity] > RANK[known.severity]) known.severity = severity;
    let shared = 0;
    while (shared < known.path.length && shared < path.length && known.path[shared] === path[shared]) shared++;
    if (shared < known.path.length) known.path = known.path.slice(0, shared);
  }

  /** What was left out, one entry per rule, in the order the rules first overflowed. */
  overflow(): Overflow[] {
    return [...this.overflows.values()];
  }
}

/** The data of the "N more" problem's message. */
export function moreProblemsData(overflow: Overflow): Record<string, string | number> {
  const { count, path, ruleId } = overflow;
  const key = path.map((s) => (typeof s === 'number' ? `[${s}]` : s)).join('.').replace(/\.\[/g, '[');
  return {
    count: count.toLocaleString('en-US'),
    ruleId,
    plural: count === 1 ? '' : 's',
    verb: count === 1 ? 'is' : 'are',
    perRule: MAX_PROBLEMS_PER_RULE.toLocaleString('en-US'),
    perFile: MAX_PROBLEMS_PER_FILE.toLocaleString('en-US'),
    where: path.length === 0 ? 'this file' : `"${clip(key)}"`,
  };
}
