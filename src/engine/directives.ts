import type { LineCounter } from 'yaml';
import type { Problem } from '../diagnostics.js';
import type { Comment } from '../manifest/comments.js';
import { clip } from '../text/describe.js';

/** `# pleo-register-disable-next-line <rule-id>[, <rule-id>] -- <reason>` or `# pleo-register-disable …`. */
export interface Directive {
  kind: 'disable' | 'disable-next-line';
  ruleIds: string[];
  reason: string;
  /** The comment's line, 1-based. */
  line: number;
  offsets: [number, number];
}

export interface DirectiveFinding {
  messageId: 'missingReason' | 'unknownRule' | 'unused' | 'noRule';
  data: Record<string, string>;
  offsets: [number, number];
}

const DIRECTIVE = /^#\s*pleo-register-(disable-next-line|disable)(?=\s|$)(.*)$/;

export function parseDirectives(comments: readonly Comment[], lineCounter: LineCounter): Directive[] {
  const directives: Directive[] = [];
  for (const comment of comments) {
    const match = DIRECTIVE.exec(comment.text.trimEnd());
    if (!match) continue;
    const [rules = '', ...reason] = match[2]!.split(/\s--(?:\s|$)/);
    directives.push({
      kind: match[1] as Directive['kind'],
      ruleIds: rules.split(/[\s,]+/).filter(Boolean),
      reason: reason.join(' -- ').trim(),
      line: lineCounter.linePos(comment.offset).line,
      offsets: [comment.offset, comment.offset + comment.text.trimEnd().length],
    });
  }
  return directives;
}

/**
 * Drops the problems that directives silence. A directive needs a reason and known rule ids to take
 * effect; one without, or one that silences nothing, is itself a finding.
 */
export function applyDirectives(
  problems: readonly Problem[],
  directives: readonly Directive[],
  isKnownRule: (id: string) => boolean,
): { kept: Problem[]; findings: DirectiveFinding[] } {
  const findings: DirectiveFinding[] = [];
  const silenced = new Set<Problem>();
  // Each directive looks only at its rules' problems: scanning every problem for each of 100,000
  // directive comments was quadratic.
  const byRule = new Map<string, Problem[]>();
  for (const problem of problems) {
    const list = byRule.get(problem.ruleId);
    if (list) list.push(problem);
    else byRule.set(problem.ruleId, [problem]);
  }
  for (const directive of directives) {
    const name = `pleo-register-${directive.kind}`;
    if (directive.ruleIds.length === 0) {
      findings.push({ messageId: 'noRule', data: { directive: name }, offsets: directive.offsets });
      continue;
    }
    const unknown = directive.ruleIds.filter((id) => !isKnownRule(id));
    // Rule ids come from a comment: clipped and with invisible characters spelled out, as values are.
    for (const id of unknown) findings.push({ messageId: 'unknownRule', data: { directive: name, ruleId: clip(id) }, offsets: directive.offsets });
    if (directive.reason === '') {
      findings.push({ messageId: 'missingReason', data: { directive: name, rules: clip(directive.ruleIds.join(', ')) }, offsets: directive.offsets });
      continue;
    }
    for (const id of directive.ruleIds.filter(isKnownRule)) {
      const targets = (byRule.get(id) ?? []).filter(
        (p) => !silenced.has(p) && (directive.kind === 'disable' || p.range.line === directive.line + 1),
      );
      for (const problem of targets) silenced.add(problem);
      if (targets.length === 0) {
        const where = directive.kind === 'disable' ? 'in this file' : 'on the next line';
        findings.push({ messageId: 'unused', data: { directive: name, ruleId: id, where }, offsets: directive.offsets });
      }
    }
  }
  return { kept: problems.filter((p) => !silenced.has(p)), findings };
}
