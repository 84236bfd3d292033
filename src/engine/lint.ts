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
import type { LogoInspection, LogoLoader } from '../logo/types.js';
import { locate } from '../manifest/locate.js';
import { parseManifest, parseText, type ParsedManifest } from '../manifest/parse.js';
import { isIoRule, type Environment, type IoRule, type IoRuleContext, type ManifestView, type PureRule, type Report, type Rule, type RuleContext, type RuleMeta, type RuleServices, type RuleSettings } from '../rules/define-rule.js';
import { findSecretsInComments } from '../secrets/detect.js';
import { redact, redactInPlace, secretsIn } from '../secrets/redact.js';
import { scanSecrets } from '../secrets/scan.js';
import type { SendRequest } from '../services/http.js';
import { looksLikeUrl } from '../uri/uri.js';
import { DirectiveSet, parseDirectives } from './directives.js';
import { MAX_PROBLEMS_PER_FILE, MORE_PROBLEMS, MORE_PROBLEMS_MESSAGE, moreProblemsData, ProblemBudget } from './problem-limits.js';
import { renderMessage, safeData } from './render-message.js';
import { allRules, disableDirective, rulesById, yamlSyntax } from './rule-list.js';

export interface LintOptions {
  /** The name shown in reports. */
  file: string;
  /** What the rules consult: the schema and the scope catalogue (the CLI and the library entry load them). */
  settings: RuleSettings;
  /** Severity overrides by rule id (`--rule`, configuration). */
  severities?: Readonly<Record<string, SeveritySetting>>;
  /** The rules to run; all by default (tests pass one). */
  rules?: readonly (Rule | RuleMeta)[];
  /** Each problem's documentation link; none when absent. */
  docsUrl?: (ruleId: string) => string;
}

/** The outside world, for the rules that need it (network and logo checks). */
export interface LintServices {
  /** false with --offline: network rules, and the logo rules for a URL logo, are skipped and listed. */
  online: boolean;
  request: SendRequest;
  /** Loads and inspects the manifest's logo (relative paths against the manifest's folder). */
  loadLogo: LogoLoader;
}

/**
 * Lints one manifest, given as bytes (a file) or text. Without services only the pure rules run, at
 * once, and the rules that need the outside world are listed as skipped; with them, every rule runs.
 */
export function lint(input: Uint8Array | string, options: LintOptions): FileResult;
export function lint(input: Uint8Array | string, options: LintOptions, services: LintServices): Promise<FileResult>;
export function lint(input: Uint8Array | string, options: LintOptions, services?: LintServices): FileResult | Promise<FileResult> {
  const run = startRun(typeof input === 'string' ? parseText(input) : parseManifest(input), options);
  runPureRules(run);
  if (services) return runIoRules(run, services).then(() => finishRun(run));
  if (run.parsed.data) for (const rule of run.checks.filter(isIoRule)) run.skip(rule, 'offline');
  return finishRun(run);
}

const isCheck = (rule: Rule | RuleMeta): rule is Rule => 'check' in rule;

interface Run {
  file: string;
  parsed: ParsedManifest;
  view: ManifestView;
  /** The view most rules get: lists cut at the schema's limit (see withListsCut). */
  cutView: ManifestView;
  settings: RuleSettings;
  /** The selected rules that check the data; the engine's own diagnostics are reported apart. */
  checks: readonly Rule[];
  selected: ReadonlySet<Rule | RuleMeta>;
  problems: Problem[];
  secrets: string[];
  skipped: SkippedRule[];
  budget: ProblemBudget;
  /** The file's disable directives, known from its comments before any rule runs. */
  directives: DirectiveSet;
  docsUrl: (ruleId: string) => string;
  /**
   * A rule's reporter: problems a directive silences are dropped, then past the rule's limit problems
   * are counted, not listed (yaml-syntax has its parser's own limit; the directives' findings cannot
   * be silenced).
   */
  reporterFor(rule: RuleMeta, options?: { limited?: boolean; silenceable?: boolean }): (found: Report<string>) => void;
  skip(rule: RuleMeta, reason: SkippedRule['reason']): void;
}

function startRun(parsed: ParsedManifest, options: LintOptions): Run {
  const data = parsed.data ?? {};
  const environment: Environment = data.environment === 'staging' ? 'staging' : 'production';
  const skipped: SkippedRule[] = [];
  const docsUrl = options.docsUrl ?? (() => '');
  const offsetsOf = (found: Report<string>) => found.offsets ?? locate(parsed.doc, found.path, found.target);
  const reporterFor: Run['reporterFor'] = (rule, { limited = true, silenceable = true } = {}) => {
    const setting = options.severities?.[rule.id];
    const directed = silenceable && run.directives.covers(rule.id);
    return (found: Report<string>) => {
      const template = rule.messages[found.messageId];
      if (template === undefined) throw new Error(`rule ${rule.id} reported unknown messageId ${found.messageId}`);
      const severity: Severity = (setting !== 'off' && setting) || rule.severities?.[found.messageId] || rule.severity;
      // Silenced before it is counted, as ESLint drops disabled problems before anything counts them:
      // a silenced problem takes no place among the rule's first 100 nor in its "N more", so the next
      // one is listed in its place, and the directive counts as used wherever the problem falls. Only
      // the rules a directive names pay for locating their problems past the limit.
      let located: [number, number] | undefined;
      if (directed && run.directives.silences(rule.id, () => parsed.lineCounter.linePos((located = offsetsOf(found))[0]).line)) return;
      // Counted before any other work on the problem, so problems past the limit are never worded (nor
      // located, unless a directive names their rule).
      if (limited && !run.budget.admit(rule.id)) return run.budget.leaveOut(rule.id, found.path, severity);
      const [start, end] = located ?? offsetsOf(found);
      run.problems.push({
        ruleId: rule.id,
        messageId: found.messageId,
        severity,
        message: renderMessage(template, found.data),
        data: safeData(found.data),
        path: toJsonPointer(found.path),
        range: toRange(parsed, start, end),
        docsUrl: docsUrl(rule.id),
        ...(found.fix && { fix: found.fix }),
      });
    };
  };
  const selected = (options.rules ?? allRules).filter((rule) => {
    if (options.severities?.[rule.id] !== 'off') return true;
    skipped.push({ ruleId: rule.id, reason: 'disabled' });
    return false;
  });
  const view = { data, environment, comments: parsed.comments };
  const settings = options.settings;
  const run: Run = {
    file: options.file,
    parsed,
    view,
    cutView: { ...view, data: withListsCut(data, settings.schema.listLimits) },
    settings,
    checks: selected.filter(isCheck),
    selected: new Set(selected),
    problems: [],
    secrets: [],
    skipped,
    budget: new ProblemBudget(),
    directives: new DirectiveSet(parseDirectives(parsed.comments, parsed.lineCounter), (id) => rulesById.has(id)),
    docsUrl,
    reporterFor,
    skip: (rule, reason) => void skipped.push({ ruleId: rule.id, reason }),
  };
  return run;
}

function runPureRules(run: Run): void {
  if (run.selected.has(yamlSyntax)) {
    const report = run.reporterFor(yamlSyntax, { limited: false });
    for (const finding of run.parsed.syntax) report({ messageId: finding.messageId, path: [], offsets: [finding.start, finding.end], data: finding.data });
  }
  if (!run.parsed.data) return;
  // Secrets are masked whatever rules run and whatever their severity.
  for (const hit of scanSecrets(run.view.data, run.view.comments)) run.secrets.push(...hit.finding.redact);
  for (const rule of run.checks) {
    if (!isIoRule(rule)) rule.check(viewFor(run, rule), contextFor(run, rule));
    else rule.checkManifest?.(viewFor(run, rule), contextFor(run, rule));
  }
}

/** What a rule gets to report with: its reporter, the run's settings, and the run's list of values to mask. */
function contextFor(run: Run, rule: Rule): RuleContext<string>;
function contextFor(run: Run, rule: Rule, services: RuleServices): IoRuleContext<string>;
function contextFor(run: Run, rule: Rule, services?: RuleServices): RuleContext<string> | IoRuleContext<string> {
  const context = { report: run.reporterFor(rule), settings: run.settings, redact: (secret: string) => void run.secrets.push(secret) };
  return services ? { ...context, services } : context;
}

async function runIoRules(run: Run, services: LintServices): Promise<void> {
  const ioRules = run.checks.filter(isIoRule);
  const onlineParts = services.online ? run.checks.filter((rule): rule is PureRule => !isIoRule(rule) && rule.checkOnline !== undefined) : [];
  if (!run.parsed.data || ioRules.length + onlineParts.length === 0) return;
  let logo: Promise<LogoInspection> | undefined;
  const ruleServices: RuleServices = { online: services.online, request: services.request, logo: () => (logo ??= services.loadLogo(run.view.data.logo)) };
  const urlLogo = typeof run.view.data.logo === 'string' && looksLikeUrl(run.view.data.logo);
  const runnable: IoRule[] = [];
  for (const rule of ioRules) {
    const offline = !services.online && (rule.requires.includes('network') || (rule.requires.includes('image') && urlLogo));
    if (offline) run.skip(rule, 'offline');
    else runnable.push(rule);
  }
  await Promise.all([
    ...runnable.map((rule) => rule.check(viewFor(run, rule), contextFor(run, rule, ruleServices))),
    ...onlineParts.map((rule) => rule.checkOnline!(viewFor(run, rule), contextFor(run, rule, ruleServices))),
  ]);
}

function viewFor(run: Run, rule: Rule): ManifestView {
  return rule.readsWholeLists ? run.view : run.cutView;
}

/**
 * The data with each list cut at the schema's `maxItems`: past it the schema reports the list, and the
 * other rules check the items Pleo could register. A list of 100,000 items (under 1 MiB) otherwise
 * cost every rule a pass over it, and the network rules a request per item.
 */
function withListsCut(data: Readonly<Record<string, unknown>>, limits: Readonly<Record<string, number>>): Readonly<Record<string, unknown>> {
  let cut: Record<string, unknown> | undefined;
  for (const [key, limit] of Object.entries(limits)) {
    const list = Object.hasOwn(data, key) ? data[key] : undefined;
    if (!Array.isArray(list) || list.length <= limit) continue;
    cut ??= { ...data };
    cut[key] = list.slice(0, limit);
  }
  return cut ?? data;
}

function finishRun(run: Run): FileResult {
  const { parsed, secrets } = run;
  if (run.selected.has(disableDirective)) {
    // Only now is a directive known to silence nothing: every rule has reported.
    const report = run.reporterFor(disableDirective, { silenceable: false });
    for (const finding of run.directives.findings()) report({ messageId: finding.messageId, path: [], offsets: finding.offsets, data: finding.data });
  }
  limitFile(run);
  // A file that does not parse ran no rule but yaml-syntax; the lines its code frames show are searched here.
  if (!parsed.data) for (const secret of secretsInFramedLines(parsed.text, run.problems)) secrets.push(secret);
  const visible = run.problems.map((problem) =>
    secrets.length ? { ...problem, message: redact(problem.message, secrets), data: redactData(problem.data, secrets), path: redactPointer(problem.path, secrets) } : problem,
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
    const data = moreProblemsData(overflow);
    run.problems.push({
      ruleId: overflow.ruleId,
      messageId: MORE_PROBLEMS,
      severity: overflow.severity,
      message: renderMessage(MORE_PROBLEMS_MESSAGE, data),
      data: safeData(data),
      path: toJsonPointer(overflow.path),
      range: toRange(run.parsed, start, end),
      docsUrl: run.docsUrl(overflow.ruleId),
    });
  }
}

/**
 * Secrets on the lines code frames show (each problem's line and the one before), read as comments are
 * (`client_secret: …` pairs, tokens, random strings). Only those lines, and only the start of each:
 * frames show 160 characters of a line, and scanning a whole 1 MiB file that does not parse would cost
 * far more.
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

/** A message's data with secrets masked in its strings, as in the message itself. */
function redactData(data: Problem['data'], secrets: readonly string[]): Problem['data'] {
  const masked: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(data)) masked[name] = typeof value === 'string' ? redact(value, secrets) : value;
  return masked;
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
