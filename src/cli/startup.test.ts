import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bin, root, runCli } from '../test-support/cli.js';

// How the binary starts: the bundle runs from V8's code cache the build wrote, and without it (or with
// one V8 refuses) it runs the same, only slower.

const example = join(root, 'example/pleo-client.yaml');
const STACK_TRACE = /^\s+at .+:\d+:\d+/m;

function cacheAccepted(binPath: string): string {
  const script = `const { script } = require(${JSON.stringify(binPath)}).loadCli(); process.stdout.write(String(script.cachedDataRejected))`;
  return spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' }).stdout;
}

describe('the code cache', () => {
  it('the build wrote one that this Node accepts', () => {
    expect(cacheAccepted(bin)).toBe('false');
  });

  describe('a copy of the package whose cache is missing or damaged', () => {
    const copy = mkdtempSync(join(tmpdir(), 'pleo-register-startup-'));
    for (const part of ['bin', 'dist', 'schemas', 'package.json', 'example']) cpSync(join(root, part), join(copy, part), { recursive: true });
    symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'));
    afterAll(() => rmSync(copy, { recursive: true, force: true }));
    const expected = runCli(['lint', example]);

    it.each([
      ['damaged', () => writeFileSync(join(copy, 'dist/pleo-register.cjs.cache'), Buffer.alloc(4096, 7))],
      ['missing', () => rmSync(join(copy, 'dist/pleo-register.cjs.cache'))],
    ])('%s: V8 compiles from source and the run is the same', (_, damage) => {
      damage();
      expect(cacheAccepted(join(copy, 'bin/pleo-register.js'))).toBe(_ === 'missing' ? 'undefined' : 'true');
      const run = spawnSync(process.execPath, [join(copy, 'bin/pleo-register.js'), 'lint', '--offline', example], { cwd: root, encoding: 'utf8' });
      expect(run.stderr).toBe(expected.stderr);
      expect(run.stdout).toBe(expected.stdout);
      expect(run.status).toBe(expected.code);
    });
  });
});

describe('a reader that closes the pipe early', () => {
  it('`| head -c 100`: no error, no stack trace, and the exit code of the run', () => {
    const files = join(root, 'fixtures/invalid/*/*.yaml');
    // The JSON report of every invalid fixture is far larger than a pipe holds.
    const run = spawnSync('bash', ['-o', 'pipefail', '-c', `node "${bin}" lint --offline -f json ${files} | head -c 100 >/dev/null`], { encoding: 'utf8' });
    expect(run.stderr).not.toMatch(STACK_TRACE);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
  });
});
