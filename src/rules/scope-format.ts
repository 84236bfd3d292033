import { defineRule } from './define-rule.js';
import { clip } from '../text/describe.js';
import { trimItemFix } from './utils/fixes.js';
import { isWellFormed, RESOURCE, scopeFixes, SUGGESTION_BUDGET, suggestScope } from './utils/scopes.js';

export default defineRule({
  id: 'scope-format',
  severity: 'error',
  messages: {
    malformed: 'Scope "{{scope}}" is not of the form resource:permission, such as "export-jobs:read".',
    malformedSuggestion: 'Scope "{{scope}}" is not of the form resource:permission; did you mean "{{suggestion}}"?',
    upperCase: 'Scope "{{scope}}" has upper-case letters; scopes are lower-case: write "{{lower}}".',
    unknownPermission: 'Scope "{{scope}}" asks for permission "{{permission}}"; Pleo scopes end in :read or :write ("{{resource}}:read" or "{{resource}}:write").',
    whitespace: 'Scope "{{scope}}" has white space around it; write "{{trimmed}}".',
    severalScopes: 'Scope item "{{scope}}" holds {{count}} scopes separated by spaces; list each as its own item: {{list}}.',
    empty: 'Empty scope; remove the item, or write a scope such as "export-jobs:read".',
  },
  docs: {
    summary: 'Write each scope as resource:permission, lower-case, with the permission read or write.',
    why: 'Pleo grants scopes by exact string. A scope with a typo, a capital letter or stray white space is not the scope you meant: the registration is sent back, or your tokens lack the access your integration needs.',
    bad: 'scopes:\n  - Export-Jobs:read\n  - export-jobs:read users:read\n  - vendors:admin',
    good: 'scopes:\n  - export-jobs:read\n  - users:read\n  - vendors:write',
    fix: 'Write one scope per list item, lower-case, ending in :read or :write, as the API\'s scope page spells it. Scopes written as one space-separated string (scopes: "a:read b:read") are reported by the schema rule as a wrong type; write them as a YAML list.',
    source: 'Pleo "API Scopes" (https://developers.pleo.io/docs/current/authentication/api-scopes): the format is resource:permission',
  },
  check(manifest, context) {
    const scopes = manifest.data.scopes;
    if (!Array.isArray(scopes)) return;
    const catalogue = context.settings.scopes;
    let budget = SUGGESTION_BUDGET;
    const fixes = scopeFixes(scopes, catalogue);
    scopes.forEach((value: unknown, index) => {
      if (typeof value !== 'string' || isWellFormed(value, catalogue)) return;
      const path = ['scopes', index];
      // White space around a scope is removed, or the scope goes when it is then a repeat.
      const fix = trimItemFix('scopes', index, value, fixes.first[index], fixes.differences[index]);
      const report: typeof context.report = (found) => context.report({ ...found, fix });
      const scope = clip(value);
      const bare = value.trim();
      if (bare === '') return report({ messageId: 'empty', path });
      const parts = bare.split(/\s+/);
      if (parts.length > 1) {
        const list = clip(parts.map((part) => `"${part}"`).join(', '), 200);
        return report({ messageId: 'severalScopes', path, data: { scope, count: parts.length, list } });
      }
      if (bare !== value && isWellFormed(bare, catalogue)) {
        return report({ messageId: 'whitespace', path, data: { scope, trimmed: clip(bare) } });
      }
      const lower = bare.toLowerCase();
      if (lower !== bare && isWellFormed(lower, catalogue)) {
        return report({ messageId: 'upperCase', path, data: { scope, lower: clip(lower) } });
      }
      const [resource, permission, ...rest] = lower.split(':');
      if (rest.length === 0 && permission && RESOURCE.test(resource!)) {
        return report({ messageId: 'unknownPermission', path, data: { scope, permission: clip(permission), resource: clip(resource!) } });
      }
      const suggestion = budget-- > 0 ? suggestScope(value, catalogue) : undefined;
      if (suggestion) return report({ messageId: 'malformedSuggestion', path, data: { scope, suggestion } });
      report({ messageId: 'malformed', path, data: { scope } });
    });
  },
});
