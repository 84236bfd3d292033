import {
  compareProblems,
  countBySeverity,
  toJsonPointer,
  type FileResult,
  type Problem,
  type Severity,
  type SeveritySetting,
  type SkippedRule,
} from '../diagnostics.js';
import { locate } from '../manifest/locate.js';
import { parseManifest, parseText, type ParsedManifest } from '../manifest/parse.js';
import { redact, redactInPlace } from '../redact.js';
import type { Environment, ManifestView, Report, Rule, RuleSettings } from '../rules/define-rule.js';
import { rules as allRules, rulesById } from '../rules/index.js';
import { defaultCatalogue } from '../scopes.js';
import { applyDirectives, parseDirectives } from './directives.js';
import { renderMessage } from './render-message.js';

export interface LintOptions {
  /** The name shown in reports. */
  file: string;
  /** Severity overrides by rule id (`--rule`, configuration). */
  severities?: Readonly<Record<string, SeveritySetting>>;
  settings?: RuleSettings;
  /** The rules to run; all by default (tests pass one). */
  rules?: readonly Rule[];
}

export const DOCS_BASE = 'https://www.npmjs.com/package/pleo-register#rule-';

export function lintBytes(bytes: Uint8Array, options: LintOptions): FileResult {
  return lintParsed(parseManifest(bytes), options);
}

export function lintText(text: string, options: LintOptions): FileResult {
  return lintParsed(parseText(text), options);
}

let cachedSettings: RuleSettings | undefined;

function lintParsed(parsed: ParsedManifest, options: LintOptions): FileResult {
  const settings = options.settings ?? (cachedSettings ??= { scopes: defaultCatalogue() });
  const data = parsed.data ?? {};
  const environment: Environment = data.environment === 'staging' ? 'staging' : 'production';
  const view: ManifestView = { data, environment, comments: parsed.comments };
  const problems: Problem[] = [];
  const secrets: string[] = [];
  const skipped: SkippedRule[] = [];

  const selected = options.rules ?? allRules;
  const reporterFor = (rule: Rule) => {
    const setting = options.severities?.[rule.id];
    return (found: Report<string>) => {
      const template = rule.messages[found.messageId];
      if (template === undefined) throw new Error(`rule ${rule.id} reported unknown messageId ${found.messageId}`);
      const severity: Severity = (setting !== 'off' && setting) || rule.severities?.[found.messageId] || rule.severity;
      const [start, end] = found.offsets ?? locate(parsed.doc, found.path, found.target);
      problems.push({
        ruleId: rule.id,
        messageId: found.messageId,
        severity,
        message: renderMessage(template, found.data),
        path: toJsonPointer(found.path),
        range: toRange(parsed, start, end),
        docsUrl: DOCS_BASE + rule.id,
      });
    };
  };

  let directiveRule: Rule | undefined;
  for (const rule of selected) {
    if (options.severities?.[rule.id] === 'off') {
      skipped.push({ ruleId: rule.id, reason: 'disabled' });
      continue;
    }
    const report = reporterFor(rule);
    if (rule.id === 'yaml-syntax') {
      for (const finding of parsed.syntax) report({ messageId: finding.messageId, path: [], offsets: [finding.start, finding.end], data: finding.data });
    } else if (rule.id === 'disable-directive') {
      directiveRule = rule;
    } else if (parsed.data) {
      rule.check(view, { report, settings, redact: (secret: string) => void secrets.push(secret) });
    }
  }

  const directives = parseDirectives(parsed.comments, parsed.lineCounter);
  if (directives.length > 0) {
    const { kept, findings } = applyDirectives(problems, directives, (id) => rulesById.has(id));
    problems.length = 0;
    problems.push(...kept);
    const report = directiveRule && reporterFor(directiveRule);
    for (const finding of report ? findings : []) report!({ messageId: finding.messageId, path: [], offsets: finding.offsets, data: finding.data });
  }

  const visible = problems.map((problem) => (secrets.length ? { ...problem, message: redact(problem.message, secrets) } : problem));
  visible.sort(compareProblems);
  return {
    file: options.file,
    environment,
    source: secrets.length ? redactInPlace(parsed.text, secrets) : parsed.text,
    problems: visible,
    skipped,
    ...countBySeverity(visible),
  };
}

function toRange(parsed: ParsedManifest, start: number, end: number) {
  const from = parsed.lineCounter.linePos(start);
  const to = parsed.lineCounter.linePos(Math.max(end, start));
  return { line: from.line, column: from.col, endLine: to.line, endColumn: to.col };
}
