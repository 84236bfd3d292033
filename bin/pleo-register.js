#!/usr/bin/env node
'use strict';
// CommonJS (see bin/package.json): it starts sooner than an ES module. It runs the bundled CLI from
// V8's code cache when there is one that fits this Node (scripts/code-cache.js); otherwise V8
// compiles the bundle from source, which is slower and gives the same result.
const { readFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { dirname, join } = require('node:path');
const { Script } = require('node:vm');

const bundle = join(__dirname, '../dist/pleo-register.cjs');
const cache = `${bundle}.cache`;

/** The bundle's exports, and the script (to write a cache from). */
function loadCli({ useCache = true } = {}) {
  const source = readFileSync(bundle, 'utf8');
  let cachedData;
  if (useCache) {
    try {
      cachedData = readFileSync(cache);
    } catch {
      // No cache (yet): compile from source.
    }
  }
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: bundle, cachedData });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(bundle), module, bundle, dirname(bundle));
  return { cli: module.exports, script };
}

module.exports = { loadCli, bundle, cache };

if (require.main === module) {
  // A reader that stops early (`| head`) closes the pipe: the run goes on, quietly, to its exit code.
  process.stdout.on('error', (error) => {
    if (error.code !== 'EPIPE') throw error;
  });
  const { cli } = loadCli();
  // stdin and stderr are streams Node creates when first asked for: a run that never reads or writes
  // them does not pay for them.
  const io = {
    cwd: process.cwd(),
    env: process.env,
    get stdin() {
      return process.stdin;
    },
    stdout: process.stdout,
    get stderr() {
      return process.stderr;
    },
  };
  cli.main(process.argv.slice(2), io).then((code) => {
    process.exitCode = code;
  });
}
