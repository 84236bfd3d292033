import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { root } from '../test-support/cli.js';

// The package as npm publishes it: packed from a copy of the repository (npm pack runs the build in
// `prepare`), then installed in a new project as a dependency. npm installs from its cache only
// (--offline): `npm ci` has put every dependency there.

const scratch = mkdtempSync(join(tmpdir(), 'pleo-register-package-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const npm = (args: string[], cwd: string) => spawnSync('npm', [...args, '--no-audit', '--no-fund', '--no-update-notifier'], { cwd, encoding: 'utf8', env: { ...process.env, npm_config_loglevel: 'warn' } });

describe('the packed package', () => {
  let tarball = '';

  it('npm pack builds it and prints only the tarball name on stdout (pre-commit reads it)', { timeout: 300_000 }, () => {
    const copy = join(scratch, 'repository');
    for (const part of ['package.json', 'package-lock.json', '.npmrc', 'tsconfig.json', 'tsconfig.build.json', 'README.md', 'bin', 'scripts', 'src', 'schemas', 'example', 'docs']) {
      cpSync(join(root, part), join(copy, part), { recursive: true });
    }
    symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'));
    const packed = npm(['pack', '--pack-destination', scratch], copy);
    expect(packed.status, packed.stderr).toBe(0);
    expect(packed.stdout).toMatch(/^pleo-register-[\w.-]+\.tgz\n$/);
    tarball = join(scratch, packed.stdout.trim());
    expect(existsSync(tarball)).toBe(true);
  });

  it('installs in a new project without running a script of its own, and its CLI works at once', { timeout: 300_000 }, () => {
    expect(tarball).not.toBe('');
    // Every lifecycle script npm runs goes through this shell, which only records it. sharp's install
    // script, allowed here, shows that the record sees scripts.
    const log = join(scratch, 'scripts.log');
    const shell = join(scratch, 'record-script.sh');
    writeFileSync(shell, `#!/bin/sh\necho "$PWD :: $*" >> "${log}"\n`, { mode: 0o755 });
    for (const ignoreScripts of [false, true]) {
      const project = mkdtempSync(join(scratch, 'project-'));
      writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, allowScripts: { 'pleo-register': true, sharp: true } }));
      rmSync(log, { force: true });
      const install = npm(['install', tarball, '--offline', `--script-shell=${shell}`, ...(ignoreScripts ? ['--ignore-scripts'] : [])], project);
      expect(install.status, install.stderr).toBe(0);
      const recorded = existsSync(log) ? readFileSync(log, 'utf8') : '';
      if (!ignoreScripts) expect(recorded).toMatch(/node_modules\/sharp ::/);
      expect(recorded).not.toMatch(/node_modules\/pleo-register ::/);

      const lint = spawnSync(join(project, 'node_modules/.bin/pleo-register'), ['lint', '--offline', 'node_modules/pleo-register/example/pleo-client.yaml'], { cwd: project, encoding: 'utf8' });
      expect(lint.stderr).toBe('');
      expect(lint.stdout).toContain('✔ 1 file checked, no problems');
      expect(lint.status).toBe(0);
      // The rule pages the reports link to ship with the package.
      expect(existsSync(join(project, 'node_modules/pleo-register/docs/rules/schema.md'))).toBe(true);
    }
  });
});
