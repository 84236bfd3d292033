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

/** A catalogue: the shipped entries (schemas/scopes.json), with any entries a team adds on top. */
export function createCatalogue(entries: readonly ScopeEntry[], extra: readonly ScopeEntry[] = []): ScopeCatalogue {
  return { entries: new Map([...entries, ...extra].map((entry) => [entry.scope, entry])) };
}
