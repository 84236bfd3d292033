import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { binaryEnv } from './cli.js';

// A child run of Node timed from spawn to exit, with its peak RSS: from GNU time where there is one,
// else from process.resourceUsage() written by a wrapper at exit.

const TIME = '/usr/bin/time';
const hasGnuTime = existsSync(TIME) && spawnSync(TIME, ['-f', '%M', 'true']).status === 0;

/** Where the peak RSS figures come from, for a test's printed table. */
export const PEAK_RSS_SOURCE = hasGnuTime ? TIME : 'process.resourceUsage()';

const RSS_WRAPPER = [
  "import { writeFileSync } from 'node:fs';",
  "import { pathToFileURL } from 'node:url';",
  'process.on("exit", () => writeFileSync(process.env.PLEO_REGISTER_RSS_FILE, String(process.resourceUsage().maxRSS)));',
  'await import(pathToFileURL(process.argv[1]).href);',
].join('\n');

export interface MeasuredRun {
  run: SpawnSyncReturns<string>;
  ms: number;
  rssKiB: number;
}

/** Runs `node …argv` in `cwd` (where the RSS figure is written too). */
export function runMeasured(argv: readonly string[], options: { cwd: string; input?: Uint8Array | string; timeout: number; maxBuffer: number }): MeasuredRun {
  const rssPath = join(options.cwd, 'rss.txt');
  const [command, args] = hasGnuTime
    ? [TIME, ['-o', rssPath, '-f', '%M', process.execPath, ...argv]]
    : [process.execPath, ['--input-type=module', '-e', RSS_WRAPPER, ...argv]];
  const started = performance.now();
  const run = spawnSync(command, args, {
    cwd: options.cwd,
    env: binaryEnv({ PLEO_REGISTER_RSS_FILE: rssPath }),
    input: options.input,
    encoding: 'utf8',
    timeout: options.timeout,
    maxBuffer: options.maxBuffer,
  });
  const ms = performance.now() - started;
  // GNU time writes "Command exited with non-zero status 1" before the figure.
  const rssKiB = Number(readFileSync(rssPath, 'utf8').trim().split('\n').pop());
  return { run, ms, rssKiB };
}
