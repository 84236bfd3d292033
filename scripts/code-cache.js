// Writes dist/pleo-register.cjs.cache and dist/undici.cjs.cache: V8's compiled code for the two
// bundles, taken after the CLI has linted the example offline and made requests to a server of its own
// on 127.0.0.1 (src/cli/warm-up.ts), so that they hold the functions a lint runs, not only the top
// level. V8 accepts a cache only from the same V8 version and flags; bin/pleo-register.js compiles
// from source when it does not. Run by the build, and by postinstall in an installed package
// so that the cache fits the Node that installed it.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

export async function writeCodeCache() {
  const { loadCli, loaded } = require('../bin/pleo-register.js');
  const cli = loadCli({ useCache: false });
  await cli.warmUp(fileURLToPath(new URL('../example/pleo-client.yaml', import.meta.url)));
  if (!loaded.has('undici')) throw new Error('the warm-up did not load undici');
  for (const { file, script } of loaded.values()) writeFileSync(`${file}.cache`, script.createCachedData());
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await writeCodeCache();
