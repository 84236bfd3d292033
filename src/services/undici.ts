import { createRequire } from 'node:module';
import { join } from 'node:path';
import type * as Undici from 'undici';
import { packageRoot } from '../resources.js';

/**
 * The parts of undici the client uses. The library (dist/) takes them from the package's own bundle,
 * dist/undici.cjs, which bin/pleo-register.js runs from V8's code cache: importing undici from
 * node_modules took ~125 ms of every online library run. Without the bundle (a clone not yet built),
 * from node_modules. The CLI bundle maps this module straight to the same loader (scripts/bundle.js).
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
