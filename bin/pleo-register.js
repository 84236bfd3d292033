#!/usr/bin/env node
'use strict';
// Node's compile cache (Node 22.1 and later) keeps the compiled CLI on disk between runs.
require('node:module').enableCompileCache?.();
const { main } = require('../dist/pleo-register.cjs');

// A reader that stops early (`| head`) closes the pipe: the run goes on, quietly, to its exit code.
process.stdout.on('error', (error) => {
  if (error.code !== 'EPIPE') throw error;
});
const io = {
  cwd: process.cwd(),
  env: process.env,
  get stdin() {
    return process.stdin;
  },
  stdout: process.stdout,
  stderr: process.stderr,
};
main(process.argv.slice(2), io).then((code) => {
  process.exitCode = code;
});
