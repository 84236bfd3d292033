import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { manifestWithTypo as withTypo, root, runCli as run, scratchDir as scratch, validManifest as valid } from '../test-support/cli.js';

const SKIPPED_OFFLINE = 'Skipped (offline): uri-reachable, redirect-uri-reachable';
const noStackTrace = (text: string) => expect(text).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);

describe('pleo-register lint', () => {
  it('passes a valid manifest with exit code 0', () => {
    const result = run(['lint', valid]);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toBe(`✔ 1 file checked, no problems\n${SKIPPED_OFFLINE}\n`);
  });

  it('lints ./pleo-client.yaml when no file is named, and lint is the default command', () => {
    const dir = scratch({ 'pleo-client.yaml': withTypo });
    const result = run([], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('pleo-client.yaml');
  });

  it('reports problems with position, severity, rule id, a code frame and a summary; exit code 1', () => {
    const dir = scratch({ 'pleo-client.yaml': withTypo });
    const result = run(['lint', 'pleo-client.yaml'], { cwd: dir });
    expect(result.code).toBe(1);
    const line = withTypo.split('\n').findIndex((l) => l.startsWith('redirect_uri:')) + 1;
    expect(result.stdout).toMatch(new RegExp(`^  ${line}:1 +error +Unknown key "redirect_uri"; did you mean "redirect_uris"\\?  schema$`, "m"));
    expect(result.stdout).toContain(`> ${line} | redirect_uri:`);
    expect(result.stdout).toMatch(/\| \^{12}\n/);
    expect(result.stdout).toMatch(/✖ \d+ problems \(\d+ errors, 0 warnings, 0 infos\) in 1 file\nSkipped \(offline\): .*\n$/);
    expect(result.stderr).toBe('');
  });

  it('prints the JSON report the README documents', () => {
    const dir = scratch({ 'pleo-client.yaml': withTypo });
    const result = run(['lint', '--format', 'json', 'pleo-client.yaml'], { cwd: dir });
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(Object.keys(report)).toEqual(['reportVersion', 'tool', 'results', 'errorCount', 'warningCount', 'infoCount']);
    expect(report.reportVersion).toBe(1);
    expect(report.tool).toEqual({ name: 'pleo-register', version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
    const [file] = report.results;
    expect(Object.keys(file)).toEqual(['file', 'environment', 'problems', 'skipped', 'errorCount', 'warningCount', 'infoCount']);
    expect(file.file).toBe('pleo-client.yaml');
    const unknown = file.problems.find((p: { path: string }) => p.path === '/redirect_uri');
    expect(Object.keys(unknown)).toEqual(['ruleId', 'messageId', 'severity', 'message', 'data', 'path', 'line', 'column', 'endLine', 'endColumn', 'docsUrl']);
    expect(unknown).toMatchObject({ ruleId: 'schema', messageId: 'unknownKeySuggestion', severity: 'error', column: 1, endColumn: 13 });
    expect(unknown.data).toMatchObject({ key: 'redirect_uri' });
    expect(report.errorCount).toBe(file.errorCount);
  });

  it('reads stdin with "-" and names it by --stdin-filename', () => {
    const result = run(['lint', '-', '--stdin-filename', 'apps/web/pleo-client.yaml', '-f', 'json'], { input: withTypo });
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout).results[0].file).toBe('apps/web/pleo-client.yaml');
    expect(JSON.parse(run(['lint', '-', '-f', 'json'], { input: withTypo }).stdout).results[0].file).toBe('<stdin>');
  });

  it('expands globs and directories, in a stable order', () => {
    const dir = scratch({ 'pleo-client.yaml': withTypo, 'pleo-client.staging.yaml': readFileSync(valid, 'utf8'), 'other.yaml': 'x: 1\n' });
    const globbed = JSON.parse(run(['lint', '*.yaml', '-f', 'json'], { cwd: dir }).stdout);
    expect(globbed.results.map((r: { file: string }) => r.file)).toEqual(['other.yaml', 'pleo-client.staging.yaml', 'pleo-client.yaml']);
    const walked = JSON.parse(run(['lint', '.', '-f', 'json'], { cwd: dir }).stdout);
    expect(walked.results.map((r: { file: string }) => r.file)).toEqual(['pleo-client.staging.yaml', 'pleo-client.yaml']);
  });

  it('writes a format to a file with name=path while printing another', () => {
    const dir = scratch({ 'pleo-client.yaml': withTypo });
    const result = run(['lint', '-f', 'stylish', '-f', 'json=reports/lint.json'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('Unknown key "redirect_uri"');
    expect(JSON.parse(readFileSync(join(dir, 'reports/lint.json'), 'utf8')).reportVersion).toBe(1);
  });

  it('turns a rule off or down with --rule, and counts warnings against --max-warnings', () => {
    const dir = scratch({ 'pleo-client.yaml': withTypo });
    expect(run(['lint', '--rule', 'schema=off'], { cwd: dir })).toMatchObject({ code: 0 });
    const warned = run(['lint', '--rule', 'schema=warning'], { cwd: dir });
    expect(warned.code).toBe(0);
    expect(warned.stdout).toMatch(/⚠ \d+ problems? \(0 errors, \d+ warnings?, 0 infos\)/);
    const capped = run(['lint', '--rule', 'schema=warning', '--max-warnings', '0'], { cwd: dir });
    expect(capped.code).toBe(1);
    expect(capped.stderr).toMatch(/^pleo-register: \d+ warnings?, more than --max-warnings 0 allows\n$/);
  });

  it('--quiet reports errors only', () => {
    const dir = scratch({ 'pleo-client.yaml': withTypo });
    const quiet = run(['lint', '--quiet', '--rule', 'schema=warning'], { cwd: dir });
    expect(quiet).toMatchObject({ code: 0, stdout: `✔ 1 file checked, no problems\n${SKIPPED_OFFLINE}\n` });
  });

  it('treats a YAML syntax error as a lint problem (exit 1), never a crash', () => {
    const result = run(['lint', '-'], { input: 'client_name: "Acme\nclient_uri: [\n' });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('yaml-syntax');
    expect(result.stderr).toBe('');
    noStackTrace(result.stdout);
  });

  it('refuses a file over 1 MiB with a yaml-syntax problem', () => {
    const result = run(['lint', '-'], { input: Buffer.alloc(2 * 1024 * 1024, 'a') });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('larger than 1048576 bytes');
  });

  it('colours only on request: FORCE_COLOR, --color; never with NO_COLOR or --no-color', () => {
    const dir = scratch({ 'pleo-client.yaml': withTypo });
    const ansi = /\u001b\[\d+m/;
    expect(run(['lint'], { cwd: dir }).stdout).not.toMatch(ansi);
    expect(run(['lint'], { cwd: dir, env: { FORCE_COLOR: '1' } }).stdout).toMatch(ansi);
    expect(run(['lint', '--color'], { cwd: dir }).stdout).toMatch(ansi);
    expect(run(['lint'], { cwd: dir, env: { FORCE_COLOR: '1', NO_COLOR: '1' } }).stdout).not.toMatch(ansi);
    expect(run(['lint', '--no-color'], { cwd: dir, env: { FORCE_COLOR: '1' } }).stdout).not.toMatch(ansi);
  });
});

describe('a run that fails exits 2 with one line on stderr', () => {
  it.each([
    ['a missing file', ['lint', 'no-such.yaml'], "pleo-register: cannot read 'no-such.yaml': no such file\n"],
    ['an unknown flag', ['lint', '--colour'], /^pleo-register: unknown option '--colour'.*\n$/],
    ['an unknown rule in --rule', ['lint', valid, '--rule', 'redirect-uri-http=off'], /^pleo-register: --rule 'redirect-uri-http=off': unknown rule 'redirect-uri-http'.*\n$/],
    ['a bad severity in --rule', ['lint', valid, '--rule', 'schema=fatal'], "pleo-register: --rule 'schema=fatal': unknown severity 'fatal'; use off, info, warning, error\n"],
    ['a malformed --rule', ['lint', valid, '--rule', 'schema'], /^pleo-register: --rule 'schema': write it as <rule-id>=<off\|info\|warning\|error>\n$/],
    ['an unknown format', ['lint', valid, '--format', 'jsn'], "pleo-register: unknown format 'jsn' (did you mean 'json'?); choose one of stylish, json, sarif, junit, github, gitlab\n"],
    ['a bad --max-warnings', ['lint', valid, '--max-warnings', 'many'], "pleo-register: --max-warnings 'many': give a whole number (-1 for no limit)\n"],
    ['a glob that matches nothing', ['lint', 'nothing-*.yaml'], "pleo-register: no files match 'nothing-*.yaml'\n"],
    ['an unknown rule for rules', ['rules', 'pkce-s265'], /^pleo-register: unknown rule 'pkce-s265'.*\n$/],
  ])('%s', (_, args, expected) => {
    const result = run(args as string[]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    if (typeof expected === 'string') expect(result.stderr).toBe(expected);
    else expect(result.stderr).toMatch(expected);
  });

  it('when there is no manifest to lint', () => {
    const result = run([], { cwd: scratch() });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^pleo-register: no pleo-client\.yaml in .+; name the manifest: pleo-register lint <file>\n$/);
  });
});

describe('pleo-register rules and schema', () => {
  it('lists every rule with its severity and summary', () => {
    const result = run(['rules']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^yaml-syntax +error +Write the manifest/m);
    expect(result.stdout).toMatch(/^schema +error +Keep the manifest/m);
  });

  it('explains one rule: why, a failing and a passing example, the fix and the source', () => {
    const result = run(['rules', 'schema']);
    expect(result.code).toBe(0);
    for (const heading of ['Why', 'Fails', 'Passes', 'How to fix']) expect(result.stdout).toMatch(new RegExp(`^${heading}$`, 'm'));
    expect(result.stdout).toContain('Source: ');
  });

  it('prints the manifest schema', () => {
    const result = run(['schema']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).$schema).toBe('https://json-schema.org/draft/2020-12/schema');
  });

  it('a copied fixture lints the same from any directory', () => {
    const dir = scratch({ 'pleo-client.yml': readFileSync(valid, 'utf8') });
    expect(run([], { cwd: dir })).toMatchObject({ code: 0 });
  });
});
