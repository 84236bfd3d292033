import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// This module sits directly in src/ and dist/ (and is bundled into dist/pleo-register.cjs, which the
// CLI and the library run), so the package root, with schemas/ and package.json, is always one level
// up. Nothing is worked out at import: most runs need none of it, and each start paid ~0.4 ms for it.

/** The folder the package is installed in. */
export const packageRoot = (): string => fileURLToPath(new URL('../', import.meta.url));

/** Written into the CLI bundle by the build (scripts/bundle.js), which spares reading package.json at start. */
declare const PLEO_REGISTER_VERSION: string | undefined;

export function packageVersion(): string {
  if (typeof PLEO_REGISTER_VERSION === 'string') return PLEO_REGISTER_VERSION;
  return (readPackageJson('package.json') as { version: string }).version;
}

function readPackageJson(...path: string[]): unknown {
  return JSON.parse(readFileSync(join(packageRoot(), ...path), 'utf8'));
}

const shippedJson = new Map<string, unknown>();

/**
 * Reads a JSON file shipped in schemas/, once. Read and parsed directly: through require, the first
 * one of a run took ~1.9 ms (module resolution, package scope lookups) against ~0.2 ms; an offline
 * lint's in-process time went from 20.1 to 17.8 ms (means of 20 runs).
 */
export function loadShippedJson(name: 'pleo-client.schema.json' | 'scopes.json'): unknown {
  if (!shippedJson.has(name)) shippedJson.set(name, readPackageJson('schemas', name));
  return shippedJson.get(name);
}
