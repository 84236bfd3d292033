import type { ScopeCatalogue } from '../scopes.js';
import { closest } from '../text/suggest.js';
import { defineRule } from './define-rule.js';
import { clip } from '../text/describe.js';

/** Suggestions cost an edit-distance search each; past this many in one manifest, messages go without. */
export const SUGGESTION_BUDGET = 50;

/** `resource:permission`: a lower-case resource, and `read` or `write`. */
const SCOPE = /^[a-z][a-z0-9-]*:(?:read|write)$/;
const RESOURCE = /^[a-z][a-z0-9-]*$/;

/** A scope the other scope rules may judge: in the catalogue as written (`test:test`), or of the documented form. */
export function isWellFormed(scope: string, catalogue: ScopeCatalogue): boolean {
  return catalogue.entries.has(scope) || SCOPE.test(scope);
}

/**
 * The catalogue scope a mistyped one most likely meant: the same scope with the usual slips undone
 * (`employees.read`, `export_jobs:read`), the nearest by spelling, or a scope of the API the resource
 * names (`employees:read` → `users:read`). Legacy scopes are replaced; `undefined` when nothing is close.
 */
export function suggestScope(input: string, catalogue: ScopeCatalogue): string | undefined {
  if (input.length > 64) return undefined;
  const entries = catalogue.entries;
  let wanted = input.trim().toLowerCase().replace(/_/g, '-');
  if (!wanted.includes(':')) wanted = wanted.replace(/[./](?=[a-z]+$)/, ':');
  const usable = (scope: string | undefined): string | undefined => {
    const entry = scope === undefined ? undefined : entries.get(scope);
    if (!entry) return undefined;
    if (entry.status === 'legacy') return entry.replacement && entries.has(entry.replacement) ? entry.replacement : undefined;
    return scope === input ? undefined : scope;
  };
  const direct = usable(entries.has(wanted) ? wanted : closest(wanted, entries.keys()));
  if (direct) return direct;
  // The resource may be the API's name rather than its scope's (`employees` for `users:*`).
  const [resource, permission] = wanted.split(':');
  if (!resource || !permission) return undefined;
  const byApi = new Map<string, string>();
  for (const entry of entries.values()) {
    const api = entry.api?.toLowerCase().replace(/\s+/g, '-');
    const ok = entry.status === 'documented' || entry.status === 'unverified';
    if (api && ok && entry.scope.endsWith(`:${permission}`) && !byApi.has(api)) byApi.set(api, entry.scope);
  }
  const api = closest(resource, byApi.keys());
  return api === undefined ? undefined : usable(byApi.get(api));
}

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
    scopes.forEach((value: unknown, index) => {
      if (typeof value !== 'string' || isWellFormed(value, catalogue)) return;
      const path = ['scopes', index];
      const scope = clip(value);
      const trimmed = value.trim();
      if (trimmed === '') return context.report({ messageId: 'empty', path });
      const parts = trimmed.split(/\s+/);
      if (parts.length > 1) {
        const list = clip(parts.map((part) => `"${part}"`).join(', '), 200);
        return context.report({ messageId: 'severalScopes', path, data: { scope, count: parts.length, list } });
      }
      if (trimmed !== value && isWellFormed(trimmed, catalogue)) {
        return context.report({ messageId: 'whitespace', path, data: { scope, trimmed: clip(trimmed) } });
      }
      const lower = trimmed.toLowerCase();
      if (lower !== trimmed && isWellFormed(lower, catalogue)) {
        return context.report({ messageId: 'upperCase', path, data: { scope, lower: clip(lower) } });
      }
      const [resource, permission, ...rest] = lower.split(':');
      if (rest.length === 0 && permission && RESOURCE.test(resource!)) {
        return context.report({ messageId: 'unknownPermission', path, data: { scope, permission: clip(permission), resource: clip(resource!) } });
      }
      const suggestion = budget-- > 0 ? suggestScope(value, catalogue) : undefined;
      if (suggestion) return context.report({ messageId: 'malformedSuggestion', path, data: { scope, suggestion } });
      context.report({ messageId: 'malformed', path, data: { scope } });
    });
  },
});
