// Bundles the CLI into one CommonJS file, dist/pleo-register.cjs, and writes V8's code cache for it
// (scripts/code-cache.js). bin/pleo-register.js loads the two: compiled code from the cache instead of
// parsing and compiling ~0.4 MB on every start, which is most of a short run's time. CommonJS because
// Node 20 can take a code cache only for a script (vm.Script), not for an ES module, and its ES module
// loader costs ~10 ms more to start. The network client, the logo decoder and the report formats are
// modules the bundle runs only when a check needs them; sharp (native) and undici stay packages.
import { build } from 'esbuild';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { writeCodeCache } from './code-cache.js';

const dist = new URL('../dist/', import.meta.url);
const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
// Bundles of earlier builds (the ES module bundle and its chunks had hashed names).
for (const name of readdirSync(dist)) if (name.startsWith('pleo-register')) rmSync(new URL(name, dist));

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

await build({
  entryPoints: { 'pleo-register': 'src/cli/main.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.cjs' },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['sharp', 'undici'],
  // No import(): a vm.Script cannot import, and lazy modules are in the bundle anyway.
  supported: { 'dynamic-import': false },
  define: { 'import.meta.url': '__bundleUrl', PLEO_REGISTER_VERSION: JSON.stringify(version) },
  banner: { js: "var __bundleUrl = require('node:url').pathToFileURL(__filename).href;" },
  plugins: [lazyChildProcess],
  minify: process.env.PLEO_REGISTER_NO_MINIFY !== '1',
  legalComments: 'linked',
  logLevel: 'warning',
});

const bundled = readFileSync(new URL('pleo-register.cjs', dist), 'utf8');
if (/\bimport\s*\(/.test(bundled.replace(/(["'`])(?:\\.|(?!\1)[^\\])*\1/g, '""'))) throw new Error('dist/pleo-register.cjs calls import(), which bin/pleo-register.js cannot serve');
await writeCodeCache();
