import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { manifestWithTypo, root, scratchDir } from '../test-support/cli.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// The real pre-commit program (Debian's package; .ci/run installs it) runs the hook of
// .pre-commit-hooks.yaml from this repository, as a team's repository would: it installs the package
// with npm, then lints the manifests it is given.
const available = spawnSync('pre-commit', ['--version']).status === 0;
const home = scratchDir();

function tryRepo(manifest: string) {
  const repo = scratchDir({ 'pleo-client.yaml': manifest });
  const git = (...args: string[]) => spawnSync('git', args, { cwd: repo, encoding: 'utf8' });
  git('init', '-q');
  git('add', '-A');
  const result = spawnSync('pre-commit', ['try-repo', root, 'pleo-register', '--files', 'pleo-client.yaml'], {
    cwd: repo,
    encoding: 'utf8',
    env: { ...process.env, PRE_COMMIT_HOME: join(home, 'cache'), GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' },
  });
  return { code: result.status, output: result.stdout + result.stderr };
}

// Where pre-commit is installed (CI always), the test runs; a developer without it is told so.
describe.runIf(available || process.env.CI)('the pre-commit hook', () => {
  it('blocks a bad manifest and shows the report', { timeout: 300_000 }, () => {
    const { code, output } = tryRepo(manifestWithTypo);
    expect(output).toMatch(/pleo-register\.+Failed/);
    expect(output).toContain('Unknown key "redirect_uri"; did you mean "redirect_uris"?');
    expect(output).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
    expect(code).toBe(1);
  });

  it('passes a good manifest', { timeout: 300_000 }, () => {
    const { code, output } = tryRepo(readFileSync(join(root, 'fixtures/valid/complete.yaml'), 'utf8'));
    expect(output).toMatch(/pleo-register\.+Passed/);
    expect(code).toBe(0);
  });
});
