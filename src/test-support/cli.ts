import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

// Helpers for tests that run the built binary, as a user would (`npm test` builds first).

export const root = new URL('../../', import.meta.url).pathname;
export const bin = join(root, 'bin/pleo-register.js');
export const validManifest = join(root, 'fixtures/valid/complete.yaml');
const logo = join(root, 'fixtures/valid/brand/logo.png');

/** The valid manifest with `redirect_uris` misspelt: two schema errors, nothing else. */
export const manifestWithTypo = readFileSync(validManifest, 'utf8').replace('redirect_uris:', 'redirect_uri:');

/** A line of a JavaScript stack trace, which no output of the binary may hold. */
export const STACK_TRACE = /^\s+at .+:\d+:\d+/m;

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

// Variables that change what the binary prints or writes; a test sets them explicitly. Above all
// GITHUB_STEP_SUMMARY: when the tests run in GitHub Actions, they must not write to the real one.
const CONTROLLED = ['NO_COLOR', 'FORCE_COLOR', 'DEBUG', 'GITHUB_STEP_SUMMARY'];

/** This process's environment for the binary: the controlled variables only as `extra` sets them. */
export function binaryEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  for (const key of CONTROLLED) if (!extra[key]) delete env[key];
  return env;
}

/**
 * Runs the binary. `lint` (named or default) runs with --offline unless `online` is set: the
 * fixtures' hosts are not reachable from a test.
 */
export function runCli(
  args: readonly string[],
  options: { cwd?: string; input?: string | Buffer; env?: Record<string, string>; online?: boolean } = {},
): CliRun {
  const env = binaryEnv(options.env);
  const linting = !['rules', 'schema', 'init', 'export', 'serve', 'check-request'].includes(args[0] ?? '');
  const argv = [bin, ...args, ...(linting && !options.online ? ['--offline'] : [])];
  const result = spawnSync(process.execPath, argv, { cwd: options.cwd ?? root, input: options.input, env, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A temporary folder with these files; every folder holding a manifest also gets ./brand/logo.png. */
export function scratchDir(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'pleo-register-test-'));
  for (const [name, text] of Object.entries(files)) {
    const path = join(dir, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    if (/pleo-client.*\.ya?ml$/.test(name)) {
      mkdirSync(join(dirname(path), 'brand'), { recursive: true });
      copyFileSync(logo, join(dirname(path), 'brand/logo.png'));
    }
  }
  return dir;
}
