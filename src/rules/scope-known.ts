import type { ProblemFix, SetFix } from '../diagnostics.js';
import { defineRule } from './define-rule.js';
import { removeRepeatFix } from './utils/fixes.js';
import { isWellFormed, scopeFixes, SUGGESTION_BUDGET, suggestScope } from './utils/scopes.js';
import { clip } from '../text/describe.js';

export default defineRule({
  id: 'scope-known',
  severity: 'warning',
  severities: { testInProduction: 'error', unverified: 'info' },
  messages: {
    unknown: 'Scope "{{scope}}" is not a scope Pleo documents; check the API\'s scope page for its spelling, or add it to the scopes catalogue in .pleo-register.yaml if Pleo has published it.',
    unknownSuggestion: 'Scope "{{scope}}" is not a scope Pleo documents; did you mean "{{suggestion}}"?',
    legacy: 'Scope "{{scope}}"{{described}} is an old name; request "{{replacement}}" instead.',
    legacyNoReplacement: 'Scope "{{scope}}"{{described}} appears only in old Pleo examples, and no documented scope replaces it; remove it, or ask Pleo which scope to request instead.',
    unverified: 'Scope "{{scope}}"{{described}} is not on Pleo\'s published scope pages, only in examples or third-party code; confirm it with Pleo before you register.',
    testInProduction: 'Scope "{{scope}}" is Pleo\'s test scope for Staging; remove it from the production registration.',
  },
  docs: {
    summary: 'Request only scopes that Pleo documents, by their current names.',
    why: 'Pleo grants exactly the scopes you register, and they are the ceiling of what your tokens can do. A misspelt or retired scope is not granted, and the Staging test scope test:test has no place in a production registration.',
    bad: 'environment: production\nscopes:\n  - export:read\n  - export-job:read\n  - test:test',
    good: 'environment: production\nscopes:\n  - export-jobs:read\n  - export-items:read',
    fix: 'Use the suggested scope, or the replacement named for an old scope. Remove test:test from production. Scopes seen only in examples (such as users:write) are reported as info: confirm them with your Pleo partner manager. When Pleo publishes a new scope, add it to the catalogue under `scopes:` in .pleo-register.yaml.',
    source: 'Pleo "API Scopes" and the per-API scope pages (https://developers.pleo.io/docs/current/authentication/api-scopes); the catalogue with a source for each scope is schemas/scopes.json',
  },
  check(manifest, context) {
    const scopes = manifest.data.scopes;
    if (!Array.isArray(scopes)) return;
    const catalogue = context.settings.scopes;
    let budget = SUGGESTION_BUDGET;
    const fixes = scopeFixes(scopes, catalogue);
    // A legacy scope becomes its replacement, or goes when the replacement is listed or it would repeat an earlier scope.
    const legacyFix = (index: number): ProblemFix | undefined => {
      const scope = scopes[index] as string;
      const replacement = fixes.replacement[index];
      const first = fixes.first[index];
      if (replacement === undefined) return undefined;
      const replace: SetFix = { kind: 'set', value: replacement, description: `Replaced the legacy scope "${clip(scope)}" with "${clip(replacement)}", its documented replacement.` };
      if (fixes.replacementListed[index]) return { kind: 'remove', description: `Removed the legacy scope "${clip(scope)}": its replacement "${clip(replacement)}" is already listed.`, otherwise: replace };
      return first === undefined ? replace : removeRepeatFix('scopes', index, scope, first, ['legacy name'], replace);
    };
    scopes.forEach((value: unknown, index) => {
      // Malformed scopes are scope-format's; judging them here too would report one value twice.
      if (typeof value !== 'string' || !isWellFormed(value, catalogue)) return;
      const path = ['scopes', index];
      const scope = clip(value);
      const entry = catalogue.entries.get(value);
      const described = entry?.description ? ` (${clip(entry.description)})` : '';
      if (!entry) {
        const suggestion = budget-- > 0 ? suggestScope(value, catalogue) : undefined;
        if (suggestion) context.report({ messageId: 'unknownSuggestion', path, data: { scope, suggestion } });
        else context.report({ messageId: 'unknown', path, data: { scope } });
      } else if (entry.status === 'legacy') {
        if (entry.replacement) context.report({ messageId: 'legacy', path, data: { scope, described, replacement: clip(entry.replacement) }, fix: legacyFix(index) });
        else context.report({ messageId: 'legacyNoReplacement', path, data: { scope, described } });
      } else if (entry.status === 'unverified') {
        context.report({ messageId: 'unverified', path, data: { scope, described } });
      } else if (entry.status === 'test' && manifest.environment === 'production') {
        context.report({ messageId: 'testInProduction', path, data: { scope } });
      }
    });
  },
});
