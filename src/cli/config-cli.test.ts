import { readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { manifestWithTypo as withTypo, root, runCli, scratchDir as tree } from '../test-support/cli.js';

const run = (args: string[], cwd: string) => runCli(args, { cwd });

describe('configuration', () => {
  it('is found by walking up from each manifest', () => {
    const dir = tree({
      '.pleo-register.yaml': 'rules:\n  schema: warning\n',
      'apps/web/pleo-client.yaml': withTypo,
      'apps/web/.pleo-register.yaml': 'rules:\n  schema: off\n',
      'apps/api/pleo-client.yaml': withTypo,
    });
    const report = JSON.parse(run(['lint', 'apps', '-f', 'json'], dir).stdout);
    type Result = { file: string; problems: { ruleId: string; severity: string }[] };
    const byFile = Object.fromEntries(
      report.results.map((r: Result) => [r.file, r.problems.filter((p) => p.ruleId === 'schema').map((p) => p.severity)]),
    );
    expect(byFile['apps/web/pleo-client.yaml']).toEqual([]);
    expect(byFile['apps/api/pleo-client.yaml']).toEqual(['warning', 'warning']);
  });

  it('--config replaces the nearest configuration, and --rule beats both', () => {
    const dir = tree({ '.pleo-register.yaml': 'rules:\n  schema: off\n', 'strict.yaml': 'rules:\n  schema: error\n', 'pleo-client.yaml': withTypo });
    expect(run(['lint'], dir).code).toBe(0);
    expect(run(['lint', '--config', 'strict.yaml'], dir).code).toBe(1);
    expect(run(['lint', '--config', 'strict.yaml', '--rule', 'schema=info'], dir).code).toBe(0);
  });

  it('extends the scope catalogue', () => {
    const manifest = readFileSync(join(root, 'fixtures/valid/complete.yaml'), 'utf8').replace('  - export-items:read', '  - expenses:read');
    const without = JSON.parse(run(['lint', '-f', 'json'], tree({ 'pleo-client.yaml': manifest })).stdout);
    expect(without.results[0].problems.map((p: { ruleId: string }) => p.ruleId)).toContain('scope-known');
    const dir = tree({ 'pleo-client.yaml': manifest, '.pleo-register.yaml': 'scopes:\n  - scope: expenses:read\n    status: documented\n' });
    const withScope = JSON.parse(run(['lint', '-f', 'json'], dir).stdout);
    expect(withScope.results[0].problems).toEqual([]);
  });

  it('a bad configuration exits 2 with its file, line and what is wrong', () => {
    const dir = tree({ '.pleo-register.yaml': 'rules:\n  logo-resolutoin: warning\n', 'pleo-client.yaml': withTypo });
    const result = run(['lint'], dir);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^pleo-register: .*\.pleo-register\.yaml:2:3: unknown rule "logo-resolutoin".*\n$/);
  });

  it.runIf(process.platform !== 'win32')('a discovered configuration that is a symbolic link exits 2 without reading its target; --config reads it', () => {
    const dir = tree({ 'repo/pleo-client.yaml': withTypo, 'secret.yaml': 'rules:\n  schema: off\nRUNNER_SECRET: hunter2\n' });
    symlinkSync('../secret.yaml', join(dir, 'repo/.pleo-register.yaml'));
    const refused = run(['lint'], join(dir, 'repo'));
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toMatch(/^pleo-register: configuration '.*\/repo\/\.pleo-register\.yaml' is a symbolic link: .*--config <path>.*\n$/);
    expect(refused.stderr).not.toContain('RUNNER_SECRET');
    // Named on purpose, the link is followed (and this target is not a valid configuration).
    const named = run(['lint', '--config', '.pleo-register.yaml'], join(dir, 'repo'));
    expect(named.code).toBe(2);
    expect(named.stderr).toMatch(/\.pleo-register\.yaml:3:1: unknown key "RUNNER_SECRET"/);
  });

  it('a missing --config file exits 2', () => {
    const result = run(['lint', '--config', 'nope.yaml'], tree({ 'pleo-client.yaml': withTypo }));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^pleo-register: cannot read configuration '.*nope\.yaml': no such file\n$/);
  });
});

// Reports are written a file at a time; a run that cannot start must not print the start of one.
describe('a run that fails before any manifest is linted prints no report', () => {
  it.each([
    ['a missing file after a good one', ['a/pleo-client.yaml', 'missing.yaml'], "pleo-register: cannot read 'missing.yaml': no such file\n"],
    ['a bad configuration found for the second manifest', ['a/pleo-client.yaml', 'b/pleo-client.yaml'], /^pleo-register: .*b\/\.pleo-register\.yaml:2:3: unknown rule "nope"/],
  ])('%s: exit 2, nothing on stdout, no report file', (_, files, stderr) => {
    const dir = tree({ 'a/pleo-client.yaml': withTypo, 'b/pleo-client.yaml': withTypo, 'b/.pleo-register.yaml': 'rules:\n  nope: error\n' });
    for (const format of ['json', 'sarif', 'stylish']) {
      const result = run(['lint', ...files, '-f', format, '-f', `junit=report.xml`], dir);
      expect(result.code).toBe(2);
      expect(result.stdout, format).toBe('');
      expect(result.stderr).toMatch(stderr);
      expect(readdirSync(dir).filter((name) => name.includes('report'))).toEqual([]);
    }
  });
});
