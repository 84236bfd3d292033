import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { manifestWithTypo, root, scratchDir } from '../test-support/cli.js';

interface Step {
  name: string;
  shell: string;
  run: string;
  env?: Record<string, string>;
}

const action = parse(readFileSync(join(root, 'action.yml'), 'utf8')) as { inputs: Record<string, unknown>; runs: { using: string; steps: Step[] } };
const lintStep = action.runs.steps.find((step) => step.name === 'Lint')!;

/** Runs the action's lint step as the runner would: its script, with the env it maps inputs to. */
function runLintStep(cwd: string, inputs: Record<string, string>, env: Record<string, string> = {}) {
  const stepEnv = Object.fromEntries(
    Object.entries(lintStep.env ?? {}).map(([name, expression]) => {
      const input = /inputs\.(\w+)/.exec(expression)?.[1];
      if (input) return [name, inputs[input] ?? String((action.inputs[input] as { default: string }).default)];
      return [name, expression.replace('${{ github.action_path }}', root)];
    }),
  );
  const result = spawnSync('bash', ['-e', '-c', lintStep.run], { cwd, encoding: 'utf8', env: { ...process.env, ...stepEnv, ...env } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('action.yml', () => {
  it('is a composite action whose steps run in bash', () => {
    expect(action.runs.using).toBe('composite');
    for (const step of action.runs.steps) expect(step.shell).toBe('bash');
    expect(Object.keys(action.inputs)).toEqual(['files', 'sarif', 'offline', 'args']);
  });

  it('annotates problems, writes SARIF, and fails the step on errors', () => {
    const dir = scratchDir({ 'apps/web/pleo-client.yaml': manifestWithTypo });
    const result = runLintStep(dir, { files: 'apps/web/pleo-client.yaml', sarif: 'out/pleo.sarif', offline: 'true', args: '--max-warnings 0' });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^::error file=apps\/web\/pleo-client\.yaml,line=\d+,col=1,endLine=\d+,endColumn=13,title=schema::Unknown key "redirect_uri"/m);
    expect(existsSync(join(dir, 'out/pleo.sarif'))).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, 'out/pleo.sarif'), 'utf8')).version).toBe('2.1.0');
  });

  it('passes a good manifest and writes the job summary', () => {
    const dir = scratchDir({ 'pleo-client.yaml': readFileSync(join(root, 'fixtures/valid/complete.yaml'), 'utf8'), 'summary.md': '' });
    const result = runLintStep(dir, { offline: 'true' }, { GITHUB_STEP_SUMMARY: join(dir, 'summary.md') });
    expect(result).toMatchObject({ code: 0, stdout: '' });
    expect(readFileSync(join(dir, 'summary.md'), 'utf8')).toContain('no problems');
  });
});
