// Bundles the CLI into one CommonJS file, dist/pleo-register.cjs, which bin/pleo-register.js loads:
// one file to read and compile (Node's compile cache keeps it compiled where Node has one) instead of a
// hundred modules to resolve. The network client, the logo decoder, the report formats and the other
// commands are modules the bundle runs only when a run needs them. Packages with native parts or
// loaded only by one command stay in node_modules: sharp (native), undici (only when a check needs
// the network), oidc-provider (only `serve`). The library (dist/index.js) is tsc's output.
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';

const dist = new URL('../dist/', import.meta.url);
const { dependencies } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const external = ['sharp', 'undici', 'oidc-provider'].filter((name) => name in dependencies);
rmSync(new URL('pleo-register.cjs', dist), { force: true });

/**
 * The commands that run a subsystem of their own (serve: an OAuth server; check-request) stay out of
 * the bundle: they run from tsc's modules beside it (dist/cli/…), imported only when asked for, so
 * every other run reads and compiles a smaller file.
 */
const ownSubsystems = {
  name: 'own-subsystems',
  setup(build) {
    build.onResolve({ filter: /^\.\/(serve|check-request)-command\.js$/ }, (args) => ({ path: `./cli/${args.path.slice(2)}`, external: true }));
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
  minify: process.env.PLEO_REGISTER_NO_MINIFY !== '1',
  legalComments: 'linked',
  logLevel: 'warning',
  external,
  plugins: [ownSubsystems],
  // For `npm run bench -- --profile` (bench/profile.js), which names the source modules a run spends
  // its time in. Not part of the package.
  sourcemap: 'external',
  // import.meta.url in a CommonJS bundle: the bundle's own URL (src/resources.ts finds the package from it).
  define: { 'import.meta.url': '__bundleUrl' },
  banner: { js: "var __bundleUrl = require('node:url').pathToFileURL(__filename).href;" },
});
