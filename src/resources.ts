import { createRequire } from 'node:module';

// This module sits directly in src/ (and dist/), so the shipped schemas/ folder is one level up.
const require = createRequire(import.meta.url);

/** Reads a JSON file shipped in schemas/; cached by Node's module cache. */
export function loadShippedJson(name: 'pleo-client.schema.json' | 'scopes.json'): unknown {
  return require(`../schemas/${name}`);
}
