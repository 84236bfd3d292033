#!/usr/bin/env node
'use strict';
// CommonJS (see bin/package.json): it starts sooner than an ES module. It runs the bundled CLI, and
// undici when a check needs the network, from V8's code cache when there is one that fits this Node
// (scripts/code-cache.js); otherwise V8 compiles them from source, which is slower and gives the same
// result.
const { fstatSync, readFileSync, statSync, writeSync } = require('node:fs');
const { createRequire } = require('node:module');
const { dirname, join } = require('node:path');
const { Script } = require('node:vm');

/** Each bundle loaded, by name, with its file and script (to write a cache from). */
const loaded = new Map();
let useCache = true;

/** Runs dist/<name>.cjs and returns its exports; the CLI bundle loads `undici` through it. */
function loadBundle(name) {
  const known = loaded.get(name);
  if (known) return known.exports;
  const file = join(__dirname, `../dist/${name}.cjs`);
  const source = readFileSync(file, 'utf8');
  let cachedData;
  if (useCache) {
    try {
      cachedData = readFileSync(`${file}.cache`);
    } catch {
      // No cache (yet): compile from source.
    }
  }
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: file, cachedData });
  const module = { exports: {} };
  loaded.set(name, { file, script, get exports() { return module.exports; } });
  script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file));
  if (name === 'undici' && require.main === module) compileWasmOnce();
  return module.exports;
}

/**
 * undici parses HTTP with WebAssembly, which V8 compiles twice: quickly (Liftoff), then optimised in
 * the background (TurboFan), and the process cannot exit before the second compile is done. For the
 * CLI's few, small responses the first is enough: a run making one request took ~360 ms from start
 * to exit with both, ~140 ms with the first alone (bench/request.js). Only the CLI does this (a
 * library must not change its host's V8 flags), and only once undici's code is loaded: V8 takes a
 * code cache only under the flags it was written with.
 */
function compileWasmOnce() {
  require('node:v8').setFlagsFromString('--liftoff-only');
}

/** The CLI's exports; `useCache: false` compiles every bundle from source (to write a cache). */
function loadCli(options = {}) {
  useCache = options.useCache !== false;
  return loadBundle('pleo-register');
}

module.exports = { loadCli, loadBundle, loaded, compileWasmOnce };

/**
 * The report goes to file descriptor 1 with write(2): on a pipe, creating process.stdout loads
 * net, stream and tty (~6 ms of every start). Should a write find the descriptor non-blocking and full
 * (EAGAIN), the rest goes through process.stdout, in order. A reader that stops early (`| head`)
 * closes the pipe: the run goes on, quietly, to its exit code.
 */
function createStdout() {
  let stream;
  let closed = false;
  return {
    write(text) {
      if (closed) return true;
      if (stream) return stream.write(text);
      const bytes = Buffer.from(text, 'utf8');
      for (let offset = 0; offset < bytes.length; ) {
        try {
          offset += writeSync(1, bytes, offset);
        } catch (error) {
          if (error.code === 'EPIPE') {
            closed = true;
            return true;
          }
          if (error.code !== 'EAGAIN') throw error;
          stream = process.stdout;
          stream.on('error', (streamError) => {
            if (streamError.code !== 'EPIPE') throw streamError;
          });
          return stream.write(bytes.subarray(offset));
        }
      }
      return true;
    },
    get isTTY() {
      return isTerminal(1);
    },
  };
}

/**
 * Whether the descriptor is a terminal. node:tty (and net, streams under it: ~5 ms) is loaded only for
 * a character device that is not /dev/null, where output goes when only the exit code matters.
 */
function isTerminal(fd) {
  try {
    const stats = fstatSync(fd);
    if (!stats.isCharacterDevice()) return false;
    const devNull = statSync('/dev/null', { throwIfNoEntry: false });
    if (devNull && devNull.rdev === stats.rdev) return false;
    return require('node:tty').isatty(fd);
  } catch {
    return false;
  }
}

if (require.main === module) {
  const cli = loadCli();
  // stdin and stderr are streams Node creates when first asked for: a run that never reads or writes
  // them does not pay for them.
  const io = {
    cwd: process.cwd(),
    env: process.env,
    get stdin() {
      return process.stdin;
    },
    // Read with read(2) (src/cli/files.ts): on a pipe, process.stdin is a net.Socket, ~14 ms of a run.
    stdinDescriptor: 0,
    stdout: createStdout(),
    get stderr() {
      return process.stderr;
    },
  };
  cli.main(process.argv.slice(2), io).then((code) => {
    process.exitCode = code;
  });
}
