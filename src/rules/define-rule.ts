import type { JsonPath, ProblemFix, Severity } from '../diagnostics.js';
import type { Comment } from '../manifest/comments.js';
import type { Target } from '../manifest/locate.js';
import type { LogoInspection } from '../logo/types.js';
import type { ManifestSchema } from '../schema/validate.js';
import type { ScopeCatalogue } from '../scopes.js';
import type { SendRequest } from '../services/http.js';

export type Environment = 'production' | 'staging';

/** What a rule sees: the parsed manifest, which may break the schema in any way. */
export interface ManifestView {
  readonly data: Readonly<Record<string, unknown>>;
  /** `environment` when it is valid, else the default. */
  readonly environment: Environment;
  readonly comments: readonly Comment[];
}

/** What every rule may consult, loaded once by the caller (the CLI, the library entry). */
export interface RuleSettings {
  readonly scopes: ScopeCatalogue;
  readonly schema: ManifestSchema;
}

export interface Report<Msg extends string> {
  messageId: Msg;
  /** Where in the manifest; the engine turns it into a line and column. */
  path: JsonPath;
  /** Point at the key rather than the value (unknown keys, secret-looking keys). */
  target?: Target;
  /** A problem outside the data (a comment): offsets into the text, overriding `path` for the position. */
  offsets?: [number, number];
  data?: Record<string, string | number>;
  /** A fix for the value at `path` that cannot change what the manifest means. */
  fix?: ProblemFix;
}

export interface RuleContext<Msg extends string> {
  report(report: Report<Msg>): void;
  /** Marks a value as secret: it is masked in every message and code frame of the run. */
  redact(secret: string): void;
  readonly settings: RuleSettings;
}

export interface RuleDocs {
  /** One imperative sentence: what the rule requires. */
  summary: string;
  /** Why the rule exists, for people who ask. */
  why: string;
  /** A manifest fragment that breaks the rule, and the same fragment fixed. */
  bad: string;
  good: string;
  /** How to fix what it reports. */
  fix: string;
  /** Where the requirement comes from: Pleo's docs, an RFC section, or "house rule". */
  source: string;
}

/** What a report needs to know of a rule: its id, severities, wording and documentation. */
export interface RuleMeta<Msg extends string = string> {
  readonly id: string;
  /** Default severity of every message. */
  readonly severity: Severity;
  /** Messages whose default severity differs from the rule's. */
  readonly severities?: Readonly<Partial<Record<Msg, Severity>>>;
  /** The wording of every message, with `{{placeholders}}` filled from the report's data. */
  readonly messages: Readonly<Record<Msg, string>>;
  readonly docs: RuleDocs;
  /**
   * The rule reads every item of every list. Other rules see lists cut at the schema's `maxItems`
   * (past it the schema reports the list), so a list of 100,000 items costs one rule, not all of them.
   */
  readonly readsWholeLists?: boolean;
}

/** A pure rule: synchronous, offline, deterministic. */
export interface PureRule<Msg extends string = string> extends RuleMeta<Msg> {
  readonly requires?: undefined;
  check(manifest: ManifestView, context: RuleContext<Msg>): void;
  /**
   * What the rule adds when the network is available: the same requirement judged on what the
   * network shows (a public-looking name that resolves to a private address). Skipped offline.
   */
  checkOnline?(manifest: ManifestView, context: IoRuleContext<Msg>): Promise<void>;
}

/** What a rule may need from outside the manifest. */
export type Capability = 'network' | 'image';

/** What the engine lends a rule that needs the outside world. Imports of these stay type-only. */
export interface RuleServices {
  /** False with --offline: only rules that can work without the network run, and they must not request. */
  readonly online: boolean;
  /** Through the one guarded HTTP client of the run: one request per distinct URL and method. */
  readonly request: SendRequest;
  /** The manifest's logo, read (or fetched) and inspected once per manifest. */
  logo(): Promise<LogoInspection>;
}

export interface IoRuleContext<Msg extends string> extends RuleContext<Msg> {
  readonly services: RuleServices;
}

/** A rule that needs the network or an image decoder; skipped, and listed as skipped, without them. */
export interface IoRule<Msg extends string = string> extends RuleMeta<Msg> {
  readonly requires: readonly Capability[];
  /** What the rule judges from the manifest alone: run on every lint, with or without the services. */
  checkManifest?(manifest: ManifestView, context: RuleContext<Msg>): void;
  check(manifest: ManifestView, context: IoRuleContext<Msg>): Promise<void>;
}

export type Rule<Msg extends string = string> = PureRule<Msg> | IoRule<Msg>;

/** Types a rule's messages against its reports. */
export function defineRule<Msg extends string>(rule: PureRule<Msg>): PureRule<Msg> {
  return rule;
}

export function defineIoRule<Msg extends string>(rule: IoRule<Msg>): IoRule<Msg> {
  return rule;
}

export function isIoRule(rule: Rule | RuleMeta): rule is IoRule {
  return 'requires' in rule && rule.requires !== undefined;
}

/** The severities a rule's messages can have, most severe first ("error", "warning/info"). */
export function severitiesOf(rule: RuleMeta): string {
  const all = new Set([rule.severity, ...Object.values(rule.severities ?? {})]);
  return ['error', 'warning', 'info'].filter((s) => all.has(s as never)).join('/');
}
