import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, scratchDir, validManifest } from '../test-support/cli.js';
import { BROKEN_MANIFEST, DUMP_MANIFEST, LATE_SECRETS, SECRET_MANIFEST, leaks } from '../test-support/secret-manifests.js';

// The built binary (offline) on manifests full of fake secrets: nothing it prints or writes — stdout,
// stderr, report files, the GitHub step summary — holds a secret whole (see secret-manifests.ts for
// what counts), with or without DEBUG=1.

const REPORTS = ['out/report.json', 'out/report.sarif', 'out/junit.xml', 'out/gl-code-quality.json', 'out/stylish.txt'];
const FORMAT_ARGS = ['-f', 'stylish', '-f', 'github', '-f', 'json=out/report.json', '-f', 'sarif=out/report.sarif', '-f', 'junit=out/junit.xml', '-f', 'gitlab=out/gl-code-quality.json', '-f', 'stylish=out/stylish.txt'];

/** Lints both manifests in every format at once (stylish in colour), and collects everything the run left behind. */
function lintEverything(env: Record<string, string> = {}) {
  const dir = scratchDir({ 'pleo-client.yaml': SECRET_MANIFEST, 'broken/pleo-client.yaml': BROKEN_MANIFEST, 'summary.md': '' });
  const run = runCli(['lint', ...FORMAT_ARGS, '--color', 'pleo-client.yaml', 'broken/pleo-client.yaml'], {
    cwd: dir,
    env: { GITHUB_STEP_SUMMARY: join(dir, 'summary.md'), ...env },
  });
  const files = Object.fromEntries([...REPORTS, 'summary.md'].map((name) => [name, readFileSync(join(dir, name), 'utf8')]));
  return { ...run, files };
}

function leaksIn(outputs: Record<string, string>): Record<string, string[]> {
  return Object.fromEntries(Object.entries(outputs).map(([name, text]) => [name, leaks(text)]));
}

const none = (outputs: Record<string, string>) => Object.fromEntries(Object.keys(outputs).map((name) => [name, []]));

describe('secrets through the binary', () => {
  it('prints and writes no secret in any format, nor in the step summary', () => {
    const run = lintEverything();
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('\u001b['); // coloured stylish…
    expect(run.stdout).toMatch(/^::error file=pleo-client\.yaml,/m); // …and GitHub annotations
    for (const [name, text] of Object.entries(run.files)) expect(text.length, name).toBeGreaterThan(500);
    const outputs = { stdout: run.stdout, stderr: run.stderr, ...run.files };
    expect(leaksIn(outputs)).toEqual(none(outputs));
  });

  it('DEBUG=1 changes nothing when nothing fails inside: the same bytes everywhere, still without secrets', () => {
    const plain = lintEverything();
    const debug = lintEverything({ DEBUG: '1' });
    expect(debug.code).toBe(plain.code);
    expect(debug.stderr).toBe('');
    expect(debug.stdout).toBe(plain.stdout);
    expect(debug.files).toEqual(plain.files);
    const outputs = { stdout: debug.stdout, stderr: debug.stderr, ...debug.files };
    expect(leaksIn(outputs)).toEqual(none(outputs));
  });

  it('DEBUG=1 on a run that fails (exit 2) prints one line, without secrets', () => {
    const dir = scratchDir({ 'pleo-client.yaml': SECRET_MANIFEST, 'out/report.json/keep': '' });
    const run = runCli(['lint', '-f', 'json=out/report.json', 'pleo-client.yaml'], { cwd: dir, env: { DEBUG: '1' } });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^pleo-register: cannot write '.*report\.json': [^\n]*\n$/);
    expect(leaks(run.stderr)).toEqual([]);
  });

  it('masks secrets when a configuration turns no-secrets off', () => {
    const dir = scratchDir({ 'pleo-client.yaml': SECRET_MANIFEST, '.pleo-register.yaml': 'rules:\n  no-secrets: off\n' });
    const run = runCli(['lint', '-f', 'stylish', '-f', 'json=report.json', 'pleo-client.yaml'], { cwd: dir, env: { DEBUG: '1' } });
    expect(run.code).toBe(1);
    expect(run.stdout).not.toContain('no-secrets  '); // the rule reported nothing…
    expect(run.stdout).toContain('found "ghp_…(40 chars)"'); // …and the schema's message still masks
    const json = readFileSync(join(dir, 'report.json'), 'utf8');
    expect(leaksIn({ stdout: run.stdout, stderr: run.stderr, json })).toEqual({ stdout: [], stderr: [], json: [] });
  });

  it('masks secrets read from stdin', () => {
    const dir = scratchDir();
    const run = runCli(['lint', '-f', 'stylish', '-f', 'sarif=report.sarif', '--stdin-filename', 'apps/web/pleo-client.yaml', '-'], { cwd: dir, input: SECRET_MANIFEST });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('apps/web/pleo-client.yaml');
    const sarif = readFileSync(join(dir, 'report.sarif'), 'utf8');
    expect(sarif).toContain('apps/web/pleo-client.yaml');
    expect(leaksIn({ stdout: run.stdout, stderr: run.stderr, sarif })).toEqual({ stdout: [], stderr: [], sarif: [] });
  });
});

describe('a real secret after 150 secret-looking values', () => {
  const lateLeaks = (outputs: Record<string, string>) => Object.fromEntries(Object.entries(outputs).map(([name, text]) => [name, leaks(text, LATE_SECRETS)]));

  it('appears in no report format (stylish, json, sarif, junit, github, gitlab), nor in the step summary', () => {
    const dir = scratchDir({ 'pleo-client.yaml': DUMP_MANIFEST, 'summary.md': '' });
    const run = runCli(['lint', ...FORMAT_ARGS, 'pleo-client.yaml'], { cwd: dir, env: { GITHUB_STEP_SUMMARY: join(dir, 'summary.md') } });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('no-secrets'); // the dump is reported…
    expect(run.stdout).toMatch(/found "ghp_…\(40 chars\)"/); // …and the late token, quoted by the schema, is masked
    const outputs = { stdout: run.stdout, stderr: run.stderr, ...Object.fromEntries([...REPORTS, 'summary.md'].map((name) => [name, readFileSync(join(dir, name), 'utf8')])) };
    expect(lateLeaks(outputs)).toEqual(none(outputs));
  });

  it('appears in no --fix-dry-run diff', () => {
    const dir = scratchDir({ 'pleo-client.yaml': DUMP_MANIFEST });
    const run = runCli(['lint', '--fix-dry-run', 'pleo-client.yaml'], { cwd: dir });
    expect(run.stdout).toContain('+tos_uri: https://acme-books.io/legal/terms?access_token='); // the fix's line, secret and all
    expect(lateLeaks({ stdout: run.stdout, stderr: run.stderr })).toEqual({ stdout: [], stderr: [] });
  });

  it.each(['form', 'dcr'])('export --force --as %s refuses rather than print it', (as) => {
    const dir = scratchDir({ 'pleo-client.yaml': DUMP_MANIFEST });
    const run = runCli(['export', 'pleo-client.yaml', '--as', as, '--force'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('pleo-register: not exported: pleo-client.yaml holds a credential in client_uri, tos_uri, client_type, which an export would print whole');
    expect(lateLeaks({ stdout: run.stdout, stderr: run.stderr })).toEqual({ stdout: [], stderr: [] });
  });

  it('export --force still exports a manifest whose secrets are under keys it does not print', () => {
    const manifest = readFileSync(validManifest, 'utf8') + `x-pleo:\n  client_secret_prod: ${LATE_SECRETS.suffixed}\n`;
    const run = runCli(['export', 'pleo-client.yaml', '--as', 'dcr', '--force'], { cwd: scratchDir({ 'pleo-client.yaml': manifest }) });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('exported despite 1 error (--force)');
    expect(JSON.parse(run.stdout)).toMatchObject({ client_name: 'Acme Books' });
    expect(lateLeaks({ stdout: run.stdout, stderr: run.stderr })).toEqual({ stdout: [], stderr: [] });
  });
});
