// Bundles the CLI into one CommonJS file, dist/pleo-register.cjs, and undici into another,
// dist/undici.cjs, then writes V8's code cache for both (scripts/code-cache.js). bin/pleo-register.js
// loads them: compiled code from the cache instead of parsing and compiling on every start, which was
// most of a short run's time. CommonJS because Node 20 can take a code cache only for a script
// (vm.Script), not for an ES module, and its ES module loader costs ~10 ms more to start. The network
// client, the logo decoder and the report formats are modules the CLI bundle runs only when a check
// needs them; sharp (native) stays a package. The library's entries are small ES modules that take
// their exports from the same bundle (writeLibraryEntries, below).
import { build } from 'esbuild';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { writeCodeCache } from './code-cache.js';

const dist = new URL('../dist/', import.meta.url);
const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
// Bundles of earlier builds (the library's former ES module chunks had hashed names).
for (const name of readdirSync(dist)) if (/^(pleo-register|undici|library-)/.test(name)) rmSync(new URL(name, dist));

/**
 * Commander requires node:child_process at load for executable subcommands, which this CLI has none
 * of; loading it pulls in net, dgram and more. This module requires it when a property is first read.
 */
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(build) {
    build.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      /[\\/]commander[\\/]/.test(args.importer) ? { path: 'child_process', namespace: 'lazy-child-process' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'lazy-child-process' }, () => ({
      contents: "module.exports = new Proxy({}, { get: (_, key) => require('node:child_process')[key] });",
      loader: 'js',
    }));
  },
};

/**
 * undici is a bundle of its own (dist/undici.cjs, with its own code cache), which the CLI bundle
 * loads through bin/pleo-register.js only when a check needs the network: in one bundle, its ~0.5 MB
 * made every offline start ~8 ms slower; uncached, loading it took ~140 ms of every online run.
 */
const undiciThroughLoader = {
  name: 'undici-through-loader',
  setup(build) {
    build.onResolve({ filter: /^undici$/ }, () => ({ path: 'undici', namespace: 'undici-through-loader' }));
    // The library's own way to the same bundle (src/services/undici.ts) needs no detour here.
    build.onResolve({ filter: /^\.\/undici\.js$/ }, (args) =>
      /[\\/]services$/.test(args.resolveDir) ? { path: 'undici', namespace: 'undici-through-loader' } : undefined,
    );
    build.onResolve({ filter: /^\.\.\/bin\/pleo-register\.js$/ }, () => ({ path: '../bin/pleo-register.js', external: true }));
    build.onLoad({ filter: /.*/, namespace: 'undici-through-loader' }, () => ({
      contents: "module.exports = require('../bin/pleo-register.js').loadBundle('undici');",
      loader: 'js',
    }));
  },
};

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minify: process.env.PLEO_REGISTER_NO_MINIFY !== '1',
  legalComments: 'linked',
  logLevel: 'warning',
};

await build({
  ...common,
  entryPoints: { undici: 'scripts/undici-entry.cjs' },
  outdir: 'dist',
  outExtension: { '.js': '.cjs' },
});

await build({
  ...common,
  entryPoints: { 'pleo-register': 'src/cli/bundle.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.cjs' },
  external: ['sharp'],
  // For `npm run bench -- --profile` (bench/profile.js), which names the source modules a run spends
  // its time in; external, so the bundle itself does not change. Not part of the package.
  sourcemap: 'external',
  plugins: [lazyChildProcess, undiciThroughLoader],
  // No import(): a vm.Script cannot import, and lazy modules are in the bundle anyway.
  supported: { 'dynamic-import': false },
  define: { 'import.meta.url': '__bundleUrl', PLEO_REGISTER_VERSION: JSON.stringify(version) },
  banner: { js: "var __bundleUrl = require('node:url').pathToFileURL(__filename).href;" },
});

const bundled = readFileSync(new URL('pleo-register.cjs', dist), 'utf8');
if (/\bimport\s*\(/.test(bundled.replace(/(["'`])(?:\\.|(?!\1)[^\\])*\1/g, '""'))) throw new Error('dist/pleo-register.cjs calls import(), which bin/pleo-register.js cannot serve');
// Only the shipped build: unminified bundles (PLEO_REGISTER_NO_MINIFY=1, for reading) keep comments as written.
if (common.minify) {
  assertAscii('pleo-register.cjs', bundled);
  assertAscii('undici.cjs', readFileSync(new URL('undici.cjs', dist), 'utf8'));
}
await writeCodeCache();
writeLibraryEntries();

/**
 * The library's entries, pleo-register and pleo-register/http (dist/index.js, dist/services/http.js,
 * written over tsc's; its .d.ts files stay), are ES modules that take their exports from the CLI's
 * bundle through bin/pleo-register.js, and so from V8's code cache. As an ES module bundle of its own,
 * which Node 20 compiles from source on every start, importing the library and linting one manifest
 * took ~84 ms; from the cached bundle ~42 ms. Each part is set up when first asked for
 * (src/cli/bundle.ts), so the CLI pays nothing for it.
 */
function writeLibraryEntries() {
  const { loadCli } = createRequire(import.meta.url)('../bin/pleo-register.js');
  const cli = loadCli();
  for (const [file, part] of [['index.js', 'library'], ['services/http.js', 'http']]) {
    const names = Object.keys(cli[part]()).sort();
    const bin = file.includes('/') ? '../../bin/pleo-register.js' : '../bin/pleo-register.js';
    writeFileSync(
      new URL(file, dist),
      `// Written by scripts/bundle.js: the library runs from the CLI's bundle, dist/pleo-register.cjs.\n` +
        `import { createRequire } from 'node:module';\n` +
        `const ${part} = createRequire(import.meta.url)(${JSON.stringify(bin)}).loadCli().${part}();\n` +
        `export const { ${names.join(', ')} } = ${part};\n`,
    );
  }
}

/**
 * V8 holds a script with even one character outside ASCII as two bytes per character: reading and
 * loading the CLI's bundle took ~2.5 ms longer for one `…` in a regular expression, which esbuild
 * leaves as it is (it escapes strings, not regular expression literals). Write `\u2026` in the source.
 */
function assertAscii(name, text) {
  const at = text.search(/[^\x00-\x7f]/);
  if (at !== -1) {
    const character = text.codePointAt(at).toString(16).toUpperCase().padStart(4, '0');
    throw new Error(`dist/${name} holds U+${character} at offset ${at} (…${text.slice(Math.max(0, at - 40), at + 10)}…): write it as an escape in the source, so that V8 keeps the bundle one byte per character`);
  }
}
