import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

// This module sits directly in src/ and dist/ (and is bundled into dist/pleo-register.cjs), so the
// package root, with schemas/ and package.json, is always one level up.
const require = createRequire(import.meta.url);

/** The folder the package is installed in. */
export const packageRoot = fileURLToPath(new URL('../', import.meta.url));

export function packageVersion(): string {
  return (require('../package.json') as { version: string }).version;
}

/** Reads a JSON file shipped in schemas/; cached by Node's module cache. */
export function loadShippedJson(name: 'pleo-client.schema.json' | 'scopes.json'): unknown {
  return require(`../schemas/${name}`);
}
