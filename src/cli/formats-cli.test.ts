import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allRules as rules } from '../engine/rule-list.js';
import { manifestWithTypo as withTypo, runCli as run, scratchDir as scratch, validManifest as valid } from '../test-support/cli.js';

const typoLine = withTypo.split('\n').findIndex((l) => l.startsWith('redirect_uri:')) + 1;

describe('pleo-register lint --format (report formats)', () => {
  it('prints stylish and writes SARIF to a file in one run', () => {
    const dir = scratch({ 'pleo-client.yaml': withTypo });
    const result = run(['lint', '-f', 'stylish', '-f', 'sarif=reports/pleo.sarif', 'pleo-client.yaml'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(new RegExp(`^  ${typoLine}:1 +error +Unknown key "redirect_uri"`, 'm'));
    expect(result.stdout).not.toContain('"$schema"');

    const log = JSON.parse(readFileSync(join(dir, 'reports/pleo.sarif'), 'utf8'));
    expect(log.version).toBe('2.1.0');
    const run0 = log.runs[0];
    expect(run0.tool.driver.name).toBe('pleo-register');
    expect(run0.tool.driver.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(run0.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(rules.map((r) => r.id));
    const unknown = run0.results.find((r: { properties: { jsonPointer: string } }) => r.properties.jsonPointer === '/redirect_uri');
    expect(unknown).toMatchObject({
      ruleId: 'schema',
      level: 'error',
      locations: [{ physicalLocation: { artifactLocation: { uri: 'pleo-client.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: typoLine, startColumn: 1, endLine: typoLine, endColumn: 13 } } }],
    });
    expect(run0.tool.driver.rules[unknown.ruleIndex].id).toBe('schema');
  });

  it('prints GitHub annotations and appends the Markdown report to $GITHUB_STEP_SUMMARY', () => {
    const dir = scratch({ 'pleo-client.yaml': withTypo, 'summary.md': '# earlier step\n\n' });
    const summary = join(dir, 'summary.md');
    const result = run(['lint', '-f', 'github', 'pleo-client.yaml'], { cwd: dir, env: { GITHUB_STEP_SUMMARY: summary } });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain(
      `::error file=pleo-client.yaml,line=${typoLine},col=1,endLine=${typoLine},endColumn=13,title=schema::Unknown key "redirect_uri"; did you mean "redirect_uris"?\n`,
    );
    const markdown = readFileSync(summary, 'utf8');
    expect(markdown.startsWith('# earlier step\n\n## pleo-register\n')).toBe(true);
    expect(markdown).toContain(`| ${typoLine}:1 | error | [schema](https://github.com/pleo-register/pleo-register/blob/HEAD/docs/rules/schema.md) | Unknown key "redirect\\_uri"; did you mean "redirect\\_uris"? |`);

    // A second step appends again rather than overwriting.
    run(['lint', '-f', 'github', valid], { cwd: dir, env: { GITHUB_STEP_SUMMARY: summary } });
    expect(readFileSync(summary, 'utf8').startsWith(markdown + '## pleo-register\n\n✔ 1 file checked, no problems\n')).toBe(true);
  });

  it('writes no step summary without $GITHUB_STEP_SUMMARY, or for another format', () => {
    const dir = scratch({ 'pleo-client.yaml': withTypo });
    expect(run(['lint', '-f', 'github', 'pleo-client.yaml'], { cwd: dir }).code).toBe(1);
    const summary = join(dir, 'summary.md');
    run(['lint', '-f', 'json', 'pleo-client.yaml'], { cwd: dir, env: { GITHUB_STEP_SUMMARY: summary } });
    expect(existsSync(summary)).toBe(false);
  });

  it('fails the run (exit 2) when the step summary cannot be written', () => {
    const dir = scratch({ 'pleo-client.yaml': withTypo });
    const result = run(['lint', '-f', 'github', 'pleo-client.yaml'], { cwd: dir, env: { GITHUB_STEP_SUMMARY: join(dir, 'missing-dir', 'summary.md') } });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^pleo-register: cannot write the step summary '.*summary\.md': /);
  });

  it('writes JUnit and GitLab reports to files', () => {
    const dir = scratch({ 'pleo-client.yaml': withTypo });
    const result = run(['lint', '-f', 'junit=out/junit.xml', '-f', 'gitlab=out/gl-code-quality.json', 'pleo-client.yaml'], { cwd: dir });
    expect(result).toMatchObject({ code: 1, stdout: '', stderr: '' });
    const xml = readFileSync(join(dir, 'out/junit.xml'), 'utf8');
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="pleo-register" /);
    expect(xml).toContain(`<testcase name="${typoLine}:1 schema" classname="pleo-client.yaml" file="pleo-client.yaml" line="${typoLine}">`);
    const issues = JSON.parse(readFileSync(join(dir, 'out/gl-code-quality.json'), 'utf8'));
    expect(issues.find((i: { description: string }) => i.description.startsWith('Unknown key "redirect_uri"'))).toMatchObject({
      check_name: 'schema',
      severity: 'critical',
      location: { path: 'pleo-client.yaml', lines: { begin: typoLine } },
    });
  });

  it('names every format when the format is unknown', () => {
    const result = run(['lint', valid, '-f', 'sarf']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("pleo-register: unknown format 'sarf' (did you mean 'sarif'?); choose one of stylish, json, sarif, junit, github, gitlab\n");
  });

  it('refuses two reports on stdout in one line, saying what to type (they were printed back to back)', () => {
    const dir = scratch({ 'pleo-client.yaml': withTypo });
    const result = run(['lint', '--format', 'json', '--format', 'sarif', 'pleo-client.yaml'], { cwd: dir });
    expect(result).toMatchObject({ code: 2, stdout: '', stderr: 'pleo-register: json and sarif would both print on stdout, where a JSON or XML report must be alone: -f sarif=report.sarif\n' });
  });

  it('-o/--output-file writes the one format to a file, as ESLint does', () => {
    const dir = scratch({ 'pleo-client.yaml': withTypo });
    const result = run(['lint', '-f', 'json', '-o', 'out/report.json', 'pleo-client.yaml'], { cwd: dir });
    expect(result).toMatchObject({ code: 1, stdout: '', stderr: '' });
    expect(JSON.parse(readFileSync(join(dir, 'out/report.json'), 'utf8')).errorCount).toBeGreaterThan(0);
    const two = run(['lint', '-f', 'json', '-f', 'sarif', '--output-file', 'x.json', 'pleo-client.yaml'], { cwd: dir });
    expect(two).toMatchObject({ code: 2, stderr: 'pleo-register: -o/--output-file writes one format; name a file for each instead: -f json=report.json -f sarif=report.sarif\n' });
    expect(existsSync(join(dir, 'x.json'))).toBe(false);
  });

  it('--stdin reads the manifest from stdin, as "-" does', () => {
    const viaStdin = run(['lint', '--stdin', '--stdin-filename', 'pleo-client.yaml'], { input: withTypo });
    const viaDash = run(['lint', '-', '--stdin-filename', 'pleo-client.yaml'], { input: withTypo });
    expect(viaStdin.code).toBe(1);
    expect(viaStdin.stdout).toContain('Unknown key "redirect_uri"');
    expect(viaStdin).toEqual(viaDash);
  });

  it('--fix-dry-run with a machine format on stdout names the format in what to type', () => {
    const result = run(['lint', '--fix-dry-run', '-f', 'sarif', valid]);
    expect(result).toMatchObject({ code: 2, stderr: 'pleo-register: --fix-dry-run prints a diff on stdout; write the sarif report to a file: -f sarif=report.sarif\n' });
  });
});
