import type { ScopeCatalogue } from '../../scopes.js';
import { closest } from '../../text/suggest.js';
import { trimmed } from '../../text/trim.js';
import { repeatsOf, type RepeatDifference } from './fixes.js';

// How the scope rules read a scope: its form, the catalogue, and what --fix makes of a list of them.

/** Suggestions cost an edit-distance search each; past this many in one manifest, messages go without. */
export const SUGGESTION_BUDGET = 50;

/** `resource:permission`: a lower-case resource, and `read` or `write`. */
const SCOPE = /^[a-z][a-z0-9-]*:(?:read|write)$/;
export const RESOURCE = /^[a-z][a-z0-9-]*$/;

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

/** The documented replacement of a legacy scope, when there is one that is not itself legacy. */
export function legacyReplacement(scope: string, catalogue: ScopeCatalogue): string | undefined {
  const entry = catalogue.entries.get(scope);
  if (entry?.status !== 'legacy' || !entry.replacement || entry.replacement === scope) return undefined;
  return catalogue.entries.get(entry.replacement)?.status === 'legacy' ? undefined : entry.replacement;
}

/** What --fix makes of each item of `scopes`, shared by the rules that offer those fixes. */
export interface ScopeFixes {
  /** The replacement of each legacy item (its white space removed first). */
  replacement: readonly (string | undefined)[];
  /** Legacy items whose replacement is listed already: they go rather than become a repeat. */
  replacementListed: readonly boolean[];
  /** The earlier item each item repeats once both are fixed. */
  first: readonly (number | undefined)[];
  /** What each item's own fixes change, in the order they apply. */
  differences: readonly RepeatDifference[][];
}

const planned = new WeakMap<readonly unknown[], WeakMap<ScopeCatalogue, ScopeFixes>>();

/** Worked out once per list and catalogue: three rules ask. */
export function scopeFixes(scopes: readonly unknown[], catalogue: ScopeCatalogue): ScopeFixes {
  const byCatalogue = planned.get(scopes) ?? new WeakMap<ScopeCatalogue, ScopeFixes>();
  planned.set(scopes, byCatalogue);
  let result = byCatalogue.get(catalogue);
  if (!result) byCatalogue.set(catalogue, (result = planScopes(scopes, catalogue)));
  return result;
}

function planScopes(scopes: readonly unknown[], catalogue: ScopeCatalogue): ScopeFixes {
  const trim = scopes.map((scope) => (typeof scope === 'string' ? trimmed(scope) : undefined));
  const replacement = scopes.map((scope, i) => (typeof scope === 'string' ? legacyReplacement(trim[i] ?? scope, catalogue) : undefined));
  const fixed = scopes.map((scope, i) => replacement[i] ?? trim[i] ?? scope);
  const listed = new Set(fixed.filter((_, i) => replacement[i] === undefined));
  const replacementListed = replacement.map((r) => r !== undefined && listed.has(r));
  const differences = scopes.map((_, i) => [...(trim[i] !== undefined ? ['white space' as const] : []), ...(replacement[i] !== undefined ? ['legacy name' as const] : [])]);
  return { replacement, replacementListed, first: repeatsOf(fixed, (i) => replacementListed[i]!), differences };
}
