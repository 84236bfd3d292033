import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

// This module sits directly in src/ and dist/ (and is bundled into dist/pleo-register.cjs, which the
// CLI and the library run), so the package root, with schemas/ and package.json, is always one level
// up. Nothing is worked out at import: most runs need none of it, and each start paid ~0.4 ms for it.
let shippedRequire: NodeRequire | undefined;
const require = (id: string): unknown => (shippedRequire ??= createRequire(import.meta.url))(id);

/** The folder the package is installed in. */
export const packageRoot = (): string => fileURLToPath(new URL('../', import.meta.url));

/** Written into the CLI bundle by the build (scripts/bundle.js), which spares reading package.json at start. */
declare const PLEO_REGISTER_VERSION: string | undefined;

export function packageVersion(): string {
  if (typeof PLEO_REGISTER_VERSION === 'string') return PLEO_REGISTER_VERSION;
  return (require('../package.json') as { version: string }).version;
}

/** Reads a JSON file shipped in schemas/; cached by Node's module cache. */
export function loadShippedJson(name: 'pleo-client.schema.json' | 'scopes.json'): unknown {
  return require(`../schemas/${name}`);
}
