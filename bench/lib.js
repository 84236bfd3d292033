// Finds the library code the child scripts need in dist/ (built by `npm run build`). When
// dist/index.js (the package's main entry) exists, its exports are used; whatever it does not export
// (createHttpClient is the `pleo-register/http` entry, dist/services/http.js; inspectImage is
// internal) is taken from the per-module files tsc writes (dist/engine/lint.js …).
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));

const MODULES = {
  lint: 'index.js',
  createHttpClient: 'services/http.js',
  createLogoLoader: 'logo/load.js',
  inspectImage: 'logo/inspect.js',
};

/** Returns the named exports, and where each came from. Throws with a clear message when one is missing. */
export async function loadLibrary(names) {
  const found = {};
  const from = {};
  const index = `${dist}index.js`;
  if (existsSync(index)) {
    const module = await import(pathToFileURL(index).href);
    for (const name of names) {
      if (typeof module[name] === 'function') {
        found[name] = module[name];
        from[name] = 'dist/index.js';
      }
    }
  }
  for (const name of names) {
    if (found[name]) continue;
    const file = `${dist}${MODULES[name]}`;
    if (!existsSync(file)) throw new Error(`${name} is neither exported by dist/index.js nor found at dist/${MODULES[name]}; run npm run build`);
    const module = await import(pathToFileURL(file).href);
    if (typeof module[name] !== 'function') throw new Error(`dist/${MODULES[name]} does not export ${name}`);
    found[name] = module[name];
    from[name] = `dist/${MODULES[name]}`;
  }
  return { ...found, from };
}
