import { createRequire } from 'node:module';
import { join } from 'node:path';
import type * as Undici from 'undici';
import { packageRoot } from '../resources.js';

/**
 * The parts of undici the client uses. The CLI bundle, which the library runs too, maps this module
 * straight to bin/pleo-register.js's loader (scripts/bundle.js): dist/undici.cjs from V8's code cache,
 * where importing undici from node_modules took ~125 ms of every online run. Run from source (tests,
 * tsc's per-module output), it takes the same bundle when there is one, else node_modules.
 */
const undici = load();

export const Agent: typeof Undici.Agent = undici.Agent;
export const buildConnector: typeof Undici.buildConnector = undici.buildConnector;

function load(): typeof Undici {
  const requireHere = createRequire(import.meta.url);
  try {
    return (requireHere(join(packageRoot(), 'bin/pleo-register.js')) as { loadBundle(name: 'undici'): typeof Undici }).loadBundle('undici');
  } catch {
    return requireHere('undici') as typeof Undici;
  }
}
