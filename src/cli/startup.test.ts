import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bin, root, runCli, STACK_TRACE } from '../test-support/cli.js';

// How the binary starts: the bundle runs from V8's code cache the build wrote, and without it (or with
// one V8 refuses) it runs the same, only slower.

const example = join(root, 'example/pleo-client.yaml');

/** Whether V8 refused each bundle's cache: `false` when it took it, `undefined` when there was none. */
function cacheAccepted(binPath: string): string {
  const script = `const bin = require(${JSON.stringify(binPath)}); bin.loadCli(); bin.loadBundle('undici');
    process.stdout.write([...bin.loaded].map(([name, { script }]) => name + ' ' + script.cachedDataRejected).join(', '))`;
  return spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' }).stdout;
}

describe('the code cache', () => {
  it('the build wrote one for the CLI and one for undici, and this Node accepts both', () => {
    expect(cacheAccepted(bin)).toBe('pleo-register false, undici false');
  });

  describe('a copy of the package whose cache is missing or damaged', () => {
    const copy = mkdtempSync(join(tmpdir(), 'pleo-register-startup-'));
    for (const part of ['bin', 'dist', 'schemas', 'package.json', 'example']) cpSync(join(root, part), join(copy, part), { recursive: true });
    symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'));
    afterAll(() => rmSync(copy, { recursive: true, force: true }));
    const expected = runCli(['lint', example]);

    const caches = ['dist/pleo-register.cjs.cache', 'dist/undici.cjs.cache'];
    it.each([
      ['damaged', () => caches.forEach((cache) => writeFileSync(join(copy, cache), Buffer.alloc(4096, 7))), 'pleo-register true, undici true'],
      ['missing', () => caches.forEach((cache) => rmSync(join(copy, cache))), 'pleo-register undefined, undici undefined'],
    ])('%s: V8 compiles from source and the run is the same', (_, damage, verdict) => {
      damage();
      expect(cacheAccepted(join(copy, 'bin/pleo-register.js'))).toBe(verdict);
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
