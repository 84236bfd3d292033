import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { manifestWithTypo, runCli, scratchDir } from '../test-support/cli.js';
import { schemaLocationFor } from './schema-location.js';

/** A project with pleo-register installed in its node_modules (a stand-in with the schema file). */
function projectWithPackage(): string {
  const dir = scratchDir();
  const pkg = join(dir, 'node_modules/pleo-register');
  mkdirSync(join(pkg, 'schemas'), { recursive: true });
  writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name: 'pleo-register', version: '9.9.9' }));
  writeFileSync(join(pkg, 'schemas/pleo-client.schema.json'), '{}');
  return dir;
}

const UNPKG = 'https://unpkg.com/pleo-register@1.2.3/schemas/pleo-client.schema.json';
const modeline = (text: string) => /^# yaml-language-server: \$schema=(.*)$/m.exec(text)?.[1];

describe('the schema modeline', () => {
  it.each([
    ['', './node_modules/pleo-register/schemas/pleo-client.schema.json'],
    ['apps/web', '../../node_modules/pleo-register/schemas/pleo-client.schema.json'],
  ])('points a manifest in "%s" at the installed package, relative to the manifest', (folder, expected) => {
    const dir = projectWithPackage();
    expect(schemaLocationFor(join(dir, folder), '1.2.3')).toBe(expected);
  });

  it('points at unpkg, pinned to the version, where the package is not installed', () => {
    expect(schemaLocationFor(scratchDir(), '1.2.3')).toBe(UNPKG);
  });

  it('--fix adds the local path when the package is installed (not a URL an editor may not load)', () => {
    const dir = projectWithPackage();
    mkdirSync(join(dir, 'apps/web'), { recursive: true });
    const manifest = join(dir, 'apps/web/pleo-client.yaml');
    writeFileSync(manifest, manifestWithTypo.replace(/^# yaml-language-server:.*\n/m, ''));
    const run = runCli(['lint', '--fix', 'apps/web/pleo-client.yaml'], { cwd: dir });
    expect(run.stderr).toMatch(/\d+ fix(es)? written to 1 file/);
    expect(modeline(readFileSync(manifest, 'utf8'))).toBe('../../node_modules/pleo-register/schemas/pleo-client.schema.json');
  });

  it('init writes the same local path', () => {
    const dir = projectWithPackage();
    expect(runCli(['init', '--yes', 'apps/api/pleo-client.yaml'], { cwd: dir }).code).toBe(0);
    expect(modeline(readFileSync(join(dir, 'apps/api/pleo-client.yaml'), 'utf8'))).toBe('../../node_modules/pleo-register/schemas/pleo-client.schema.json');
  });
});
