import { loadShippedJson } from './resources.js';

export type ScopeStatus = 'documented' | 'unverified' | 'legacy' | 'test';

export interface ScopeEntry {
  scope: string;
  api?: string;
  status: ScopeStatus;
  /** Plain words for people ("Read export jobs"). */
  description?: string;
  /** For legacy scopes: what to request instead. */
  replacement?: string;
  source?: string;
}

export interface ScopeCatalogue {
  readonly entries: ReadonlyMap<string, ScopeEntry>;
}

export function createCatalogue(entries: readonly ScopeEntry[]): ScopeCatalogue {
  return { entries: new Map(entries.map((entry) => [entry.scope, entry])) };
}

/** The catalogue shipped in schemas/scopes.json, with any entries a team adds on top. */
export function defaultCatalogue(extra: readonly ScopeEntry[] = []): ScopeCatalogue {
  const shipped = (loadShippedJson('scopes.json') as { scopes: ScopeEntry[] }).scopes;
  return createCatalogue([...shipped, ...extra]);
}
