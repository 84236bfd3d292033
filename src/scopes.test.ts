import { readFileSync } from 'node:fs';
import * as ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { createCatalogue, type ScopeEntry } from './scopes.js';
import { shippedCatalogue, shippedSettings } from './resources.js';

// ajv is CommonJS: its class is the module's default export.
const Ajv2020 = ajv2020.default;

const root = new URL('../', import.meta.url);
const readJson = (name: string): unknown => JSON.parse(readFileSync(new URL(`schemas/${name}`, root), 'utf8'));
const catalogueFile = readJson('scopes.json') as { scopes: ScopeEntry[] };
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(readJson('scopes.schema.json') as object);

describe('schemas/scopes.json', () => {
  it('validates against schemas/scopes.schema.json', () => {
    expect(validate(catalogueFile), JSON.stringify(validate.errors)).toBe(true);
  });

  it('the schema rejects what a catalogue must not hold', () => {
    const entry = { scope: 'users:read', status: 'documented' };
    expect(validate({ scopes: [entry] })).toBe(true);
    expect(validate({ scopes: [{ ...entry, status: 'maybe' }] })).toBe(false);
    expect(validate({ scopes: [{ ...entry, scope: 'Users:read' }] })).toBe(false);
    expect(validate({ scopes: [{ ...entry, scope: 'users.read' }] })).toBe(false);
    expect(validate({ scopes: [{ status: 'documented' }] })).toBe(false);
    expect(validate({ scopes: [{ ...entry, colour: 'red' }] })).toBe(false);
    expect(validate({ scopes: [{ ...entry, source: 'http://example.com' }] })).toBe(false);
    expect(validate({ scopes: [{ ...entry, replacement: 'users:write' }] })).toBe(false);
    expect(validate({ scopes: [{ ...entry, status: 'legacy', replacement: 'users:write' }] })).toBe(true);
    expect(validate({ list: [] })).toBe(false);
  });

  it('lists each scope once', () => {
    const scopes = catalogueFile.scopes.map((entry) => entry.scope);
    expect(new Set(scopes).size).toBe(scopes.length);
  });

  it('gives every scope an API, a description and a source', () => {
    for (const entry of catalogueFile.scopes) {
      expect(entry.api, entry.scope).toBeTruthy();
      expect(entry.description, entry.scope).toMatch(/^[A-Z]/);
      expect(entry.source, entry.scope).toMatch(/^https:\/\//);
    }
  });

  it('replaces each legacy scope with a documented one, where Pleo documents one', () => {
    const byScope = new Map(catalogueFile.scopes.map((entry) => [entry.scope, entry]));
    expect(byScope.get('export:read')?.replacement).toBe('export-jobs:read');
    expect(byScope.get('export:write')?.replacement).toBe('export-jobs:write');
    expect(byScope.get('expense:read')).toMatchObject({ status: 'legacy' });
    expect(byScope.get('expense:read')?.replacement).toBeUndefined();
    for (const entry of catalogueFile.scopes) {
      if (entry.replacement) expect(byScope.get(entry.replacement)?.status, entry.scope).toBe('documented');
    }
  });

  it('holds the scopes of Pleo\'s scope pages as documented, and test:test as the only test scope', () => {
    const by = (status: string) => catalogueFile.scopes.filter((entry) => entry.status === status).map((entry) => entry.scope).sort();
    expect(by('documented')).toEqual(
      ['accounts:read', 'accounts:write', 'export-items:read', 'export-jobs:read', 'export-jobs:write', 'users:read', 'vendors:read', 'vendors:write'].sort(),
    );
    expect(by('unverified')).toEqual(
      ['companies:read', 'tag-group:read', 'tag-group:write', 'tag-groups:read', 'tag-groups:write', 'tax-codes:read', 'tax-codes:write', 'users:write'].sort(),
    );
    expect(by('legacy')).toEqual(['expense:read', 'export:read', 'export:write']);
    expect(by('test')).toEqual(['test:test']);
  });
});

describe('scope catalogue', () => {
  it('defaultCatalogue holds the shipped scopes by scope string', () => {
    const catalogue = shippedCatalogue();
    expect(catalogue.entries.size).toBe(catalogueFile.scopes.length);
    expect(catalogue.entries.get('export-jobs:read')).toMatchObject({ api: 'Exports', status: 'documented' });
  });

  it('team entries extend the catalogue and override shipped ones', () => {
    const catalogue = shippedCatalogue([
      { scope: 'expenses:read', status: 'documented' },
      { scope: 'users:write', status: 'documented' },
    ]);
    expect(catalogue.entries.get('expenses:read')?.status).toBe('documented');
    expect(catalogue.entries.get('users:write')?.status).toBe('documented');
    expect(catalogue.entries.size).toBe(catalogueFile.scopes.length + 1);
  });

  it('createCatalogue keeps the last entry of a scope', () => {
    const catalogue = createCatalogue([
      { scope: 'a:read', status: 'unverified' },
      { scope: 'a:read', status: 'documented' },
    ]);
    expect([...catalogue.entries.values()]).toEqual([{ scope: 'a:read', status: 'documented' }]);
  });
});
