import type { LineCounter } from 'yaml';
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

/** One rule id of one directive that takes effect: it silences that rule's problems. */
interface Silencer {
  directive: Directive;
  ruleId: string;
  /** Its place among all silencers, in file order: of two that cover a problem, the first silences it. */
  order: number;
  used: boolean;
}

/**
 * A file's directives, applied to each problem as a rule reports it, before the problem is counted
 * against the per-rule limit. A directive needs a reason and known rule ids to take effect; one without,
 * or one that silences nothing, is itself a finding.
 */
export class DirectiveSet {
  private readonly silencers: Silencer[] = [];
  /** By rule id: the first whole-file silencer (any later one never gets a problem). */
  private readonly wholeFile = new Map<string, Silencer>();
  /**
   * By rule id, then by the line they cover: the first next-line silencer. Looked up by line, not
   * scanned: a file may hold 100,000 directive comments, and a rule 100,000 problems.
   */
  private readonly nextLine = new Map<string, { byLine: Map<number, Silencer>; firstOrder: number }>();

  constructor(
    private readonly directives: readonly Directive[],
    private readonly isKnownRule: (id: string) => boolean,
  ) {
    for (const directive of directives) {
      if (directive.ruleIds.length === 0 || directive.reason === '') continue;
      for (const ruleId of directive.ruleIds.filter(isKnownRule)) {
        const silencer: Silencer = { directive, ruleId, order: this.silencers.length, used: false };
        this.silencers.push(silencer);
        if (directive.kind === 'disable') {
          if (!this.wholeFile.has(ruleId)) this.wholeFile.set(ruleId, silencer);
          continue;
        }
        let lines = this.nextLine.get(ruleId);
        if (!lines) this.nextLine.set(ruleId, (lines = { byLine: new Map(), firstOrder: silencer.order }));
        if (!lines.byLine.has(directive.line + 1)) lines.byLine.set(directive.line + 1, silencer);
      }
    }
  }

  /** Whether a directive may silence the rule's problems: only then must a problem be located before it is counted. */
  covers(ruleId: string): boolean {
    return this.wholeFile.has(ruleId) || this.nextLine.has(ruleId);
  }

  /**
   * Whether a directive silences this problem of the rule; the first that does is marked used.
   * `lineOf` (which locates the problem) is called only when a next-line directive could decide.
   */
  silences(ruleId: string, lineOf: () => number): boolean {
    const wholeFile = this.wholeFile.get(ruleId);
    const lines = this.nextLine.get(ruleId);
    // A whole-file directive before every next-line one of the rule takes every problem, wherever it is.
    const onLine = lines && (!wholeFile || lines.firstOrder < wholeFile.order) ? lines.byLine.get(lineOf()) : undefined;
    const silencer = onLine && (!wholeFile || onLine.order < wholeFile.order) ? onLine : wholeFile;
    if (!silencer) return false;
    silencer.used = true;
    return true;
  }

  /** The directives' own findings, in file order; ask once every rule has reported. */
  findings(): DirectiveFinding[] {
    const findings: DirectiveFinding[] = [];
    let next = 0;
    for (const directive of this.directives) {
      const name = `pleo-register-${directive.kind}`;
      if (directive.ruleIds.length === 0) {
        findings.push({ messageId: 'noRule', data: { directive: name }, offsets: directive.offsets });
        continue;
      }
      // Rule ids come from a comment: clipped and with invisible characters spelled out, as values are.
      for (const id of directive.ruleIds.filter((id) => !this.isKnownRule(id))) {
        findings.push({ messageId: 'unknownRule', data: { directive: name, ruleId: clip(id) }, offsets: directive.offsets });
      }
      if (directive.reason === '') {
        findings.push({ messageId: 'missingReason', data: { directive: name, rules: clip(directive.ruleIds.join(', ')) }, offsets: directive.offsets });
        continue;
      }
      for (; next < this.silencers.length && this.silencers[next]!.directive === directive; next++) {
        const { used, ruleId } = this.silencers[next]!;
        if (used) continue;
        const where = directive.kind === 'disable' ? 'in this file' : 'on the next line';
        findings.push({ messageId: 'unused', data: { directive: name, ruleId, where }, offsets: directive.offsets });
      }
    }
    return findings;
  }
}
