// The library: lint manifests from code. The CLI (dist/pleo-register.cjs) is built on the same API.
import type { FileResult } from './diagnostics.js';
import { lint as lintWith, type LintOptions, type LintServices } from './engine/lint.js';
import { ruleDocsUrl, shippedSettings } from './resources.js';

export type { FileResult, JsonPath, Problem, Severity, SeveritySetting, SkippedRule, SourceRange } from './diagnostics.js';
export type { LintOptions, LintServices } from './engine/lint.js';
export { allRules as rules, rulesById } from './engine/rule-list.js';
export { createLogoLoader } from './logo/load.js';
export { FORMAT_NAMES, loadFormatter, type FormatName } from './report/index.js';
export type { JsonReport } from './report/json.js';
export type { Rule, RuleMeta, RuleSettings } from './rules/define-rule.js';
export { formatOptions, shippedSettings } from './resources.js';
export { createCatalogue, type ScopeEntry } from './scopes.js';
// The outbound-request client (undici) is its own entry, `pleo-register/http`, so importing the
// library does not load it.

/** `lint`'s options; the schema and scope catalogue default to the shipped ones, the links to the docs. */
export type LibraryLintOptions = Omit<LintOptions, 'settings'> & Partial<Pick<LintOptions, 'settings'>>;

let shipped: LintOptions['settings'] | undefined;

/**
 * Lints one manifest (bytes of a file, or text). Without services the pure rules run at once and the
 * network and logo rules are listed as skipped; with them (`createHttpClient`, `createLogoLoader`),
 * every rule runs.
 */
export function lint(input: Uint8Array | string, options: LibraryLintOptions): FileResult;
export function lint(input: Uint8Array | string, options: LibraryLintOptions, services: LintServices): Promise<FileResult>;
export function lint(input: Uint8Array | string, options: LibraryLintOptions, services?: LintServices): FileResult | Promise<FileResult> {
  const full: LintOptions = { docsUrl: ruleDocsUrl, ...options, settings: options.settings ?? (shipped ??= shippedSettings()) };
  return services ? lintWith(input, full, services) : lintWith(input, full);
}
