import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bin, root, runCli, scratchDir } from '../test-support/cli.js';

function withLogo(dir: string): string {
  mkdirSync(join(dir, 'brand'), { recursive: true });
  copyFileSync(join(root, 'fixtures/valid/brand/logo.png'), join(dir, 'brand/logo.png'));
  return dir;
}

function lintReport(dir: string, file = 'pleo-client.yaml') {
  return JSON.parse(runCli(['lint', file, '-f', 'json'], { cwd: dir }).stdout).results[0];
}

describe('pleo-register init', () => {
  it('--yes writes a manifest with the schema modeline that lints with no errors (given a logo)', () => {
    const dir = withLogo(scratchDir());
    const result = runCli(['init', '--yes'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('Wrote pleo-client.yaml');
    const text = readFileSync(join(dir, 'pleo-client.yaml'), 'utf8');
    expect(text).toMatch(/^# yaml-language-server: \$schema=https:\/\/unpkg\.com\/pleo-register@\d+\.\d+\.\d+\/schemas\/pleo-client\.schema\.json\n/);
    const report = lintReport(dir);
    expect(report.errorCount).toBe(0);
    // The placeholders are flagged for replacement, never passed off as real.
    expect(report.problems.every((p: { severity: string }) => p.severity === 'warning')).toBe(true);
  });

  it('refuses to overwrite an existing file without --force', () => {
    const dir = scratchDir();
    writeFileSync(join(dir, 'pleo-client.yaml'), 'client_name: Mine\n');
    const refused = runCli(['init', '--yes'], { cwd: dir });
    expect(refused).toMatchObject({ code: 2, stdout: '', stderr: "pleo-register: 'pleo-client.yaml' already exists; pass --force to overwrite it\n" });
    expect(readFileSync(join(dir, 'pleo-client.yaml'), 'utf8')).toBe('client_name: Mine\n');
    expect(runCli(['init', '--yes', '--force'], { cwd: dir }).code).toBe(0);
    expect(readFileSync(join(dir, 'pleo-client.yaml'), 'utf8')).toContain('client_type: confidential');
  });

  it('derives the contacts, initiation, settings and redirect URI defaults from the home page answered', () => {
    const dir = withLogo(scratchDir());
    // Environment, name, home page; every later question answered with an empty line (the default).
    const answers = ['production', 'Acme Books', 'https://www.acme-books.io/', '', '', '', '', '', '', '', '', ''].join('\n');
    const result = spawnSync(process.execPath, [bin, 'init'], { cwd: dir, input: answers + '\n', encoding: 'utf8' });
    expect(result.status).toBe(0);
    const text = readFileSync(join(dir, 'pleo-client.yaml'), 'utf8');
    expect(text).toContain('  - integrations@acme-books.io\n');
    expect(text).toContain('initiation_uri: https://app.acme-books.io/pleo/connect\n');
    expect(text).toContain('settings_uri: https://app.acme-books.io/pleo/settings\n');
    expect(text).toContain('  - https://app.acme-books.io/oauth/pleo/callback\n');
    expect(text).not.toContain('your-company.example');
    expect(lintReport(dir).problems).toEqual([]);
  });

  it('takes answers one a line when stdin is not a terminal; an empty line keeps the default', () => {
    const dir = withLogo(scratchDir());
    const answers = [
      'production',
      'Acme Books',
      'https://acme-books.io/',
      '',
      '',
      'integrations@acme-books.io',
      '',
      'https://app.acme-books.io/pleo/connect',
      'https://app.acme-books.io/pleo/settings',
      'public',
      'https://app.acme-books.io/oauth/pleo/callback',
      '1, 3, users:read',
    ].join('\n');
    const result = spawnSync(process.execPath, [bin, 'init', 'apps/web/pleo-client.yaml'], { cwd: dir, input: answers + '\n', encoding: 'utf8' });
    expect(result.status).toBe(0);
    const text = readFileSync(join(dir, 'apps/web/pleo-client.yaml'), 'utf8');
    expect(text).toContain('environment: production\n');
    expect(text).toContain('tos_uri: https://acme-books.io/legal/terms\n');
    expect(text).toContain('client_type: public\n');
    expect(text).toContain('scopes:\n  - export-jobs:read\n  - export-items:read\n  - users:read\n');
    withLogo(join(dir, 'apps/web'));
    const report = lintReport(dir, 'apps/web/pleo-client.yaml');
    expect(report.problems.map((p: { ruleId: string; message: string }) => `${p.ruleId}: ${p.message}`)).toEqual([]);
  });
});
