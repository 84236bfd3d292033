import { visit } from 'yaml';
import {
  compareProblems,
  countBySeverity,
  fromJsonPointer,
  toJsonPointer,
  type FileResult,
  type Problem,
  type Severity,
  type SeveritySetting,
  type SkippedRule,
} from '../diagnostics.js';
import { locate } from '../manifest/locate.js';
import { parseManifest, parseText, type ParsedManifest } from '../manifest/parse.js';
import { redact, redactInPlace, secretsIn } from '../redact.js';
import { isIoRule, type Environment, type IoRule, type PureRule, type IoServices, type ManifestView, type Report, type Rule, type RuleSettings } from '../rules/define-rule.js';
import type { LogoInspection } from '../logo/types.js';
import { rules as allRules, rulesById } from '../rules/index.js';
import { findSecretsInComments } from '../rules/utils/text.js';
import { looksLikeUrl } from '../rules/utils/uri.js';
import { LIST_LIMITS } from '../schema/validate.js';
import { ruleDocsUrl } from '../resources.js';
import { defaultCatalogue } from '../scopes.js';
import { applyDirectives, parseDirectives } from './directives.js';
import { MAX_PROBLEMS_PER_FILE, MORE_PROBLEMS, MORE_PROBLEMS_MESSAGE, moreProblemsData, ProblemBudget } from './problem-limits.js';
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

/** The outside world, for the rules that need it (network and logo checks). */
export interface IoOptions {
  /** false with --offline: network rules, and the logo rules for a URL logo, are skipped and listed. */
  online: boolean;
  request: IoServices['request'];
  /** Loads and inspects the manifest's logo (relative paths against the manifest's folder). */
  loadLogo(logo: unknown): Promise<LogoInspection>;
}

/** Lints with the pure rules only; the rules that need the outside world are listed as skipped. */
export function lintBytes(bytes: Uint8Array, options: LintOptions): FileResult {
  return lintPureOnly(parseManifest(bytes), options);
}

export function lintText(text: string, options: LintOptions): FileResult {
  return lintPureOnly(parseText(text), options);
}

/** Lints with every rule: the pure ones first, then those that need the network or the logo. */
export async function lintBytesWithIo(bytes: Uint8Array, options: LintOptions, io: IoOptions): Promise<FileResult> {
  const run = startRun(parseManifest(bytes), options);
  runPureRules(run);
  await runIoRules(run, io);
  return finishRun(run);
}

export async function lintTextWithIo(text: string, options: LintOptions, io: IoOptions): Promise<FileResult> {
  const run = startRun(parseText(text), options);
  runPureRules(run);
  await runIoRules(run, io);
  return finishRun(run);
}

function lintPureOnly(parsed: ParsedManifest, options: LintOptions): FileResult {
  const run = startRun(parsed, options);
  runPureRules(run);
  if (parsed.data) for (const rule of run.selected.filter(isIoRule)) run.skip(rule, 'offline');
  return finishRun(run);
}

let cachedSettings: RuleSettings | undefined;

interface Run {
  file: string;
  parsed: ParsedManifest;
  view: ManifestView;
  /** The view most rules get: lists cut at the schema's limit (see withListsCut). */
  cutView: ManifestView;
  settings: RuleSettings;
  selected: readonly Rule[];
  problems: Problem[];
  secrets: string[];
  skipped: SkippedRule[];
  directiveRule?: Rule;
  budget: ProblemBudget;
  /** A rule's reporter; past the rule's limit, problems are counted, not listed (yaml-syntax has its parser's own). */
  reporterFor(rule: Rule, limited?: boolean): (found: Report<string>) => void;
  skip(rule: Rule, reason: SkippedRule['reason']): void;
}

function startRun(parsed: ParsedManifest, options: LintOptions): Run {
  const data = parsed.data ?? {};
  const environment: Environment = data.environment === 'staging' ? 'staging' : 'production';
  const skipped: SkippedRule[] = [];
  const reporterFor = (rule: Rule, limited = true) => {
    const setting = options.severities?.[rule.id];
    return (found: Report<string>) => {
      const template = rule.messages[found.messageId];
      if (template === undefined) throw new Error(`rule ${rule.id} reported unknown messageId ${found.messageId}`);
      const severity: Severity = (setting !== 'off' && setting) || rule.severities?.[found.messageId] || rule.severity;
      // Counted before any work on the problem: locating and wording 100,000 of them cost seconds.
      if (limited && !run.budget.admit(rule.id)) return run.budget.leaveOut(rule.id, found.path, severity);
      const [start, end] = found.offsets ?? locate(parsed.doc, found.path, found.target);
      run.problems.push({
        ruleId: rule.id,
        messageId: found.messageId,
        severity,
        message: renderMessage(template, found.data),
        path: toJsonPointer(found.path),
        range: toRange(parsed, start, end),
        docsUrl: ruleDocsUrl(rule.id),
      });
    };
  };
  const view = { data, environment, comments: parsed.comments };
  const run: Run = {
    file: options.file,
    parsed,
    view,
    cutView: { ...view, data: withListsCut(data) },
    settings: options.settings ?? (cachedSettings ??= { scopes: defaultCatalogue() }),
    selected: (options.rules ?? allRules).filter((rule) => {
      if (options.severities?.[rule.id] !== 'off') return true;
      skipped.push({ ruleId: rule.id, reason: 'disabled' });
      return false;
    }),
    problems: [],
    secrets: [],
    skipped,
    budget: new ProblemBudget(),
    reporterFor,
    skip: (rule, reason) => void skipped.push({ ruleId: rule.id, reason }),
  };
  return run;
}

function runPureRules(run: Run): void {
  const redact = (secret: string) => void run.secrets.push(secret);
  for (const rule of run.selected) {
    if (isIoRule(rule)) continue;
    const report = run.reporterFor(rule);
    if (rule.id === 'yaml-syntax') {
      const syntaxReport = run.reporterFor(rule, false);
      for (const finding of run.parsed.syntax) syntaxReport({ messageId: finding.messageId, path: [], offsets: [finding.start, finding.end], data: finding.data });
    } else if (rule.id === 'disable-directive') {
      run.directiveRule = rule;
    } else if (run.parsed.data) {
      rule.check(viewFor(run, rule), { report, settings: run.settings, redact });
    }
  }
  // Secrets are masked whatever the rule's severity: turned off, no-secrets still says what to mask.
  const noSecrets = rulesById.get('no-secrets');
  if (run.parsed.data && noSecrets && !isIoRule(noSecrets) && run.skipped.some((s) => s.ruleId === noSecrets.id && s.reason === 'disabled')) {
    noSecrets.check(run.view, { report: () => undefined, settings: run.settings, redact });
  }
}

async function runIoRules(run: Run, io: IoOptions): Promise<void> {
  const ioRules = run.selected.filter(isIoRule);
  const onlineParts = io.online ? run.selected.filter((rule) => !isIoRule(rule) && rule.checkOnline) : [];
  if (!run.parsed.data || ioRules.length + onlineParts.length === 0) return;
  let logo: Promise<LogoInspection> | undefined;
  const services: IoServices = { online: io.online, request: io.request, logo: () => (logo ??= io.loadLogo(run.view.data.logo)) };
  const urlLogo = typeof run.view.data.logo === 'string' && looksLikeUrl(run.view.data.logo);
  const redact = (secret: string) => void run.secrets.push(secret);
  const runnable: IoRule[] = [];
  for (const rule of ioRules) {
    const offline = !io.online && (rule.requires.includes('network') || (rule.requires.includes('image') && urlLogo));
    if (offline) run.skip(rule, 'offline');
    else runnable.push(rule);
  }
  const context = (rule: Rule) => ({ report: run.reporterFor(rule), settings: run.settings, redact, services });
  await Promise.all([
    ...runnable.map((rule) => rule.check(viewFor(run, rule), context(rule))),
    ...onlineParts.map((rule) => (rule as PureRule).checkOnline!(viewFor(run, rule), context(rule))),
  ]);
}

/** The rules that read the whole manifest: the schema counts the lists, no-secrets masks every value. */
const READS_WHOLE_LISTS: ReadonlySet<string> = new Set(['schema', 'no-secrets']);

function viewFor(run: Run, rule: Rule): ManifestView {
  return READS_WHOLE_LISTS.has(rule.id) ? run.view : run.cutView;
}

/**
 * The data with each list cut at the schema's `maxItems`: past it the schema reports the list, and the
 * other rules check the items Pleo could register. A list of 100,000 items (under 1 MiB) otherwise
 * cost every rule a pass over it, and the network rules a request per item.
 */
function withListsCut(data: Readonly<Record<string, unknown>>): Readonly<Record<string, unknown>> {
  let cut: Record<string, unknown> | undefined;
  for (const [key, limit] of Object.entries(LIST_LIMITS)) {
    const list = Object.hasOwn(data, key) ? data[key] : undefined;
    if (!Array.isArray(list) || list.length <= limit) continue;
    cut ??= { ...data };
    cut[key] = list.slice(0, limit);
  }
  return cut ?? data;
}

function finishRun(run: Run): FileResult {
  const { parsed, secrets } = run;
  const directives = parseDirectives(parsed.comments, parsed.lineCounter);
  if (directives.length > 0) {
    const { kept, findings } = applyDirectives(run.problems, directives, (id) => rulesById.has(id));
    run.problems = kept;
    const report = run.directiveRule && run.reporterFor(run.directiveRule);
    for (const finding of report ? findings : []) report!({ messageId: finding.messageId, path: [], offsets: finding.offsets, data: finding.data });
  }
  limitFile(run);
  // A file that does not parse ran no rule but yaml-syntax; the lines its code frames show are searched here.
  if (!parsed.data) for (const secret of secretsInFramedLines(parsed.text, run.problems)) secrets.push(secret);
  const visible = run.problems.map((problem) =>
    secrets.length ? { ...problem, message: redact(problem.message, secrets), path: redactPointer(problem.path, secrets) } : problem,
  );
  visible.sort(compareProblems);
  return {
    file: run.file,
    environment: run.view.environment,
    source: secrets.length ? redactScalars(redactInPlace(parsed.text, secrets), parsed, secrets) : parsed.text,
    problems: visible,
    skipped: run.skipped,
    ...countBySeverity(visible),
  };
}

/**
 * Keeps the first MAX_PROBLEMS_PER_FILE problems in file order, and ends the list with one "N more"
 * problem for each rule that left some out, at the list they share (or the document).
 */
function limitFile(run: Run): void {
  run.problems.sort(compareProblems);
  for (const problem of run.problems.splice(MAX_PROBLEMS_PER_FILE)) {
    run.budget.leaveOut(problem.ruleId, fromJsonPointer(problem.path), problem.severity);
  }
  for (const overflow of run.budget.overflow()) {
    const [start, end] = locate(run.parsed.doc, overflow.path);
    run.problems.push({
      ruleId: overflow.ruleId,
      messageId: MORE_PROBLEMS,
      severity: overflow.severity,
      message: renderMessage(MORE_PROBLEMS_MESSAGE, moreProblemsData(overflow)),
      path: toJsonPointer(overflow.path),
      range: toRange(run.parsed, start, end),
      docsUrl: ruleDocsUrl(overflow.ruleId),
    });
  }
}

/**
 * Secrets on the lines code frames show (each problem's line and the one before), read as comments are
 * (`client_secret: …` pairs, tokens, random strings). Only those lines, and only the start of each:
 * frames show 160 characters of a line, and scanning a whole 1 MiB file that does not parse would cost
 * seconds.
 */
function secretsInFramedLines(text: string, problems: readonly Problem[]): string[] {
  const lines = text.split(/\r?\n/);
  const framed = new Set<number>();
  for (const { range } of problems) framed.add(range.line - 2).add(range.line - 1);
  const found: string[] = [];
  for (const index of [...framed].sort((a, b) => a - b)) {
    const line = lines[index];
    if (line === undefined) continue;
    for (const finding of findSecretsInComments(line.slice(0, 1000))) for (const secret of finding.redact) found.push(secret);
  }
  return found;
}

/** A JSON Pointer with secrets masked in its segments (a credential used as a key). */
function redactPointer(pointer: string, secrets: readonly string[]): string {
  const path = fromJsonPointer(pointer);
  const masked = path.map((segment) => (typeof segment === 'string' ? redact(segment, secrets) : segment));
  return masked.some((segment, i) => segment !== path[i]) ? toJsonPointer(masked) : pointer;
}

/**
 * Masks, keeping offsets, every scalar (key or value) that holds a secret the source does not spell
 * out as it is: quoted with escapes (`'it''s'`, `"a\"b"`) or a block scalar (indented lines), which
 * replacing the secret's text cannot find. Whitespace and the enclosing quotes stay, so lines and
 * columns stay true.
 */
function redactScalars(source: string, parsed: ParsedManifest, secrets: readonly string[]): string {
  const doc = parsed.doc;
  if (!doc) return source;
  const spans: [number, number][] = [];
  visit(doc, {
    Scalar(_, node) {
      if (!node.range || node.value === null || node.value === undefined) return;
      const value = String(node.value);
      const [start, end] = node.range;
      const written = parsed.text.slice(start, end);
      if (secretsIn(value, secrets).some((secret) => !written.includes(secret))) {
        const block = node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED';
        const quoted = node.type === 'QUOTE_SINGLE' || node.type === 'QUOTE_DOUBLE';
        // The text between the quotes, or the lines under a block scalar's `|` header.
        spans.push(block ? [Math.max(start, parsed.text.indexOf('\n', start) + 1), end] : quoted ? [start + 1, end - 1] : [start, end]);
      }
    },
  });
  if (spans.length === 0) return source;
  // In one pass: copying the whole source once per span was quadratic in the number of secrets.
  const parts: string[] = [];
  let at = 0;
  for (const [start, end] of spans.sort((a, b) => a[0] - b[0])) {
    const from = Math.max(start, at); // spans do not overlap; if they did, the union is masked
    if (end <= from) continue;
    parts.push(source.slice(at, from), source.slice(from, end).replace(/\S/g, '*'));
    at = end;
  }
  parts.push(source.slice(at));
  return parts.join('');
}

function toRange(parsed: ParsedManifest, start: number, end: number) {
  const from = parsed.lineCounter.linePos(start);
  const to = parsed.lineCounter.linePos(Math.max(end, start));
  return { line: from.line, column: from.col, endLine: to.line, endColumn: to.col };
}
