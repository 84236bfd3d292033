// Bundles the CLI into dist/pleo-register.js: one file to load instead of some hundred modules.
// The network client and the logo decoder stay in chunks of their own, loaded only when a check
// needs them; sharp (native) and undici stay packages.
import { build } from 'esbuild';

await build({
  entryPoints: { 'pleo-register': 'src/cli/main.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  chunkNames: 'pleo-register-[name]-[hash]',
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['sharp', 'undici'],
  minify: true,
  legalComments: 'linked',
  // CommonJS packages bundled into ESM still call require for Node's built-ins.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  logLevel: 'warning',
});
