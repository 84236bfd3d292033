// The library: lint manifests from code. The CLI (dist/pleo-register.cjs) is built on the same API.
export type { FileResult, JsonPath, Problem, Severity, SeveritySetting, SkippedRule, SourceRange } from './diagnostics.js';
export { lintBytes, lintBytesWithIo, lintText, lintTextWithIo, type IoOptions, type LintOptions } from './engine/lint.js';
export { createLogoLoader } from './logo/load.js';
export { FORMAT_NAMES, loadFormatter, type FormatName } from './report/index.js';
export type { JsonReport } from './report/json.js';
export type { Rule } from './rules/define-rule.js';
export { rules, rulesById } from './rules/index.js';
export { createCatalogue, defaultCatalogue, type ScopeEntry } from './scopes.js';
// The outbound-request client (undici) is its own entry, `pleo-register/http`, so importing the
// library does not load it.
