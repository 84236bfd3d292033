// Writes dist/pleo-register.cjs.cache: V8's compiled code for the CLI bundle, taken after the bundle
// has linted the example manifest offline, so that it holds the functions a lint runs and not only
// the top level. V8 accepts a cache only from the same V8 version and flags; bin/pleo-register.js
// compiles from source when it does not. Run by the build, and by postinstall in an installed package
// so that the cache fits the Node that installed it.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

export async function writeCodeCache() {
  const { loadCli, cache } = require('../bin/pleo-register.js');
  const { cli, script } = loadCli({ useCache: false });
  const sink = new Writable({ write: (_chunk, _encoding, done) => done() });
  const example = fileURLToPath(new URL('../example/pleo-client.yaml', import.meta.url));
  // Offline, and with the logo checks off: a cache is taken before sharp is loaded.
  const rules = ['logo-readable', 'logo-format', 'logo-square', 'logo-resolution', 'logo-file-size'].flatMap((id) => ['--rule', `${id}=off`]);
  await cli.main(['lint', '--offline', ...rules, example], { cwd: process.cwd(), env: {}, stdin: process.stdin, stdout: sink, stderr: sink });
  writeFileSync(cache, script.createCachedData());
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await writeCodeCache();
