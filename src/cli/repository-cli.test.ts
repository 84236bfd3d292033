import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bin, binaryEnv, manifestWithTypo, scratchDir, STACK_TRACE, validManifest } from '../test-support/cli.js';

// The repository around a manifest is untrusted: links, FIFOs, huge globs and hostile configurations
// arrive in the same pull request. Each run here is bounded: a run that hangs or walks the whole disk
// is killed and fails the test.

const valid = readFileSync(validManifest, 'utf8');
const unix = process.platform !== 'win32';

function runBounded(args: readonly string[], cwd: string, timeoutMs = 15_000) {
  const result = spawnSync(process.execPath, [bin, ...args, '--offline'], { cwd, env: binaryEnv(), encoding: 'utf8', timeout: timeoutMs, killSignal: 'SIGKILL' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const mkfifo = (path: string) => execFileSync('mkfifo', [path]);

describe('walks stay inside the repository', () => {
  it.skipIf(!unix).each([['a directory', '.'], ['a glob', '**/pleo-client.yaml']])('%s with a link to / in it ends quickly and lints only what is inside', (_, arg) => {
    const dir = scratchDir({ 'app/pleo-client.yaml': valid });
    symlinkSync('/', join(dir, 'escape'));
    symlinkSync('/', join(dir, 'app', 'pleo-client.staging.yaml'));
    const result = runBounded(['lint', arg], dir);
    expect(result.stdout).toContain('✔ 1 file checked, no problems');
    expect(result.stdout).not.toMatch(/^\//m);
    expect(result.code).toBe(0);
  });

  // A FIFO, or a link to one, would block the read forever; a link to a device would read outside.
  const specials: [string, (path: string) => void][] = [
    ['a FIFO', mkfifo],
    ['a link to a FIFO', (path) => (mkfifo(`${path}.fifo`), symlinkSync(`${path}.fifo`, path))],
    ['a link to /dev/zero', (path) => symlinkSync('/dev/zero', path)],
    ['a link to a manifest outside', (path) => symlinkSync(validManifest, path)],
  ];
  it.skipIf(!unix).each(specials.flatMap(([name, make]) => [['a glob', name, make], ['a directory', name, make]] as const))(
    '%s that finds %s named pleo-client.yaml passes over it with a note',
    (how, name, make) => {
      const dir = scratchDir({ 'good/pleo-client.yaml': valid });
      mkdirSync(join(dir, 'bad'));
      make(join(dir, 'bad', 'pleo-client.yaml'));
      const result = runBounded(['lint', how === 'a glob' ? '*/pleo-client.yaml' : '.'], dir, 20_000);
      const kind = name === 'a FIFO' ? 'a named pipe (FIFO)' : 'a symbolic link';
      expect(result.stderr).toBe(`pleo-register: skipped 'bad/pleo-client.yaml': ${kind}, not a regular file\n`);
      expect(result.stdout).toContain('✔ 1 file checked, no problems');
      expect(result.code).toBe(0);
    },
  );

  it.skipIf(!unix)('a FIFO named on the command line ends the run with one line instead of waiting for a writer', () => {
    const dir = scratchDir();
    mkfifo(join(dir, 'pleo-client.yaml'));
    const result = runBounded(['lint', 'pleo-client.yaml'], dir, 20_000);
    expect(result).toMatchObject({ code: 2, stdout: '', stderr: "pleo-register: cannot read 'pleo-client.yaml': it is a named pipe (FIFO), not a regular file\n" });
  });

  it.skipIf(!unix)('a glob that finds nothing but special files says so', () => {
    const dir = scratchDir();
    mkfifo(join(dir, 'pleo-client.yaml'));
    const result = runBounded(['lint', '*.yaml'], dir, 20_000);
    expect(result.stderr).toBe("pleo-register: skipped 'pleo-client.yaml': a named pipe (FIFO), not a regular file\npleo-register: no regular file matches '*.yaml'\n");
    expect(result.code).toBe(2);
  });
});

describe('--fix writes only what it was given, atomically', () => {
  const messy = valid.replace(/client_name: .*/, 'client_name: "Acme Books "');

  it('replaces a manifest through a new file renamed over it, keeping its mode', () => {
    const dir = scratchDir({ 'pleo-client.yaml': messy });
    const path = join(dir, 'pleo-client.yaml');
    chmodSync(path, 0o640);
    const before = statSync(path);
    const result = runBounded(['lint', '--fix'], dir);
    const after = statSync(path);
    expect(result.stderr).toBe('pleo-register: 1 fix written to 1 file\n');
    expect(readFileSync(path, 'utf8')).toContain('client_name: "Acme Books"');
    expect(after.ino).not.toBe(before.ino);
    expect(after.mode & 0o777).toBe(0o640);
    expect(readdirSync(dir).sort()).toEqual(['brand', 'pleo-client.yaml']);
  });

  it.skipIf(!unix).each([
    ['the directory', 'repo', "pleo-register: skipped 'repo/pleo-client.yaml': a symbolic link, not a regular file\npleo-register: no pleo-client.yaml under 'repo' is a regular file\n"],
    ['the manifest', 'repo/pleo-client.yaml', "pleo-register: --fix does not write through the symbolic link 'repo/pleo-client.yaml'; fix the file it points to, or give --fix-through-symlinks\n"],
  ])('refuses a manifest that links outside %s named, and leaves the target alone', (_, arg, stderr) => {
    const dir = scratchDir({ 'outside/pleo-client.yaml': messy, 'repo/brand/.keep': '' });
    const target = join(dir, 'outside', 'pleo-client.yaml');
    symlinkSync(target, join(dir, 'repo', 'pleo-client.yaml'));
    const result = runBounded(['lint', arg, '--fix'], dir);
    expect(result).toMatchObject({ code: 2, stderr });
    expect(readFileSync(target, 'utf8')).toBe(messy);
  });

  it.skipIf(!unix)('with --fix-through-symlinks, writes the target atomically and keeps the link', () => {
    const dir = scratchDir({ 'outside/pleo-client.yaml': messy, 'repo/brand/.keep': '' });
    const target = join(dir, 'outside', 'pleo-client.yaml');
    const link = join(dir, 'repo', 'pleo-client.yaml');
    symlinkSync(target, link);
    const before = statSync(target);
    const result = runBounded(['lint', 'repo/pleo-client.yaml', '--fix', '--fix-through-symlinks'], dir);
    expect(result.stderr).toBe('pleo-register: 1 fix written to 1 file\n');
    expect(readFileSync(target, 'utf8')).toContain('client_name: "Acme Books"');
    expect(statSync(target).ino).not.toBe(before.ino);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readdirSync(join(dir, 'outside'))).toEqual(['brand', 'pleo-client.yaml']);
  });

  it.skipIf(!unix)('refuses a manifest reached through a linked folder outside the directory named', () => {
    const dir = scratchDir({ 'outside/app/pleo-client.yaml': messy, 'repo/.keep': '' });
    symlinkSync(join(dir, 'outside', 'app'), join(dir, 'repo', 'app'));
    const result = runBounded(['lint', 'repo', '--fix'], dir);
    // The walk does not enter the link, so nothing is found, nothing written.
    expect(result).toMatchObject({ code: 2, stderr: "pleo-register: no pleo-client.yaml under 'repo'\n" });
    expect(readFileSync(join(dir, 'outside', 'app', 'pleo-client.yaml'), 'utf8')).toBe(messy);
  });
});

describe('--max-files', () => {
  it('ends a run that finds more than 10,000 manifests before reading any', () => {
    const dir = scratchDir();
    for (let i = 0; i <= 10_000; i++) writeFileSync(join(dir, `pleo-client.${i}.yaml`), '');
    const result = runBounded(['lint', '.'], dir, 30_000);
    expect(result).toMatchObject({ code: 2, stdout: '', stderr: 'pleo-register: more than 10000 manifests to lint; name fewer, or raise the limit with --max-files <n>\n' });
  }, 40_000);

  it.each([
    ['2', 2, '', 'pleo-register: more than 2 manifests to lint; name fewer, or raise the limit with --max-files <n>\n'],
    ['3', 1, '2 problems', ''],
  ])('--max-files %s', (limit, code, stdout, stderr) => {
    const dir = scratchDir({ 'a/pleo-client.yaml': valid, 'b/pleo-client.yaml': valid, 'c/pleo-client.yaml': manifestWithTypo });
    const result = runBounded(['lint', '.', '--max-files', limit], dir);
    expect(result.stdout).toContain(stdout);
    expect(result.stderr).toBe(stderr);
    expect(result.code).toBe(code);
  });

  it.each(['0', '-1', 'many'])('refuses --max-files %s', (limit) => {
    const result = runBounded(['lint', '.', `--max-files=${limit}`], scratchDir({ 'pleo-client.yaml': valid }));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`--max-files '${limit}': give a whole number of at least 1`);
    expect(result.stderr).not.toMatch(STACK_TRACE);
  });
});

describe('a hostile .pleo-register.yaml', () => {
  const keys = (count: number) => Array.from({ length: count }, (_, i) => `k${i.toString(36)}: 0\n`).join('');
  it.each([
    ['80,000 keys and a duplicate', keys(80_000) + 'k0: 1\n', /^\.pleo-register\.yaml:80001:1: not valid YAML: Map keys must be unique$/],
    ['flow collections 100,000 deep', 'rules: ' + '['.repeat(100_000) + ']'.repeat(100_000) + '\n', /^\.pleo-register\.yaml:1:72: nested more than 64 levels deep$/],
    ['block sequences 20,000 deep', 'rules:\n  ' + '- '.repeat(20_000) + 'x\n', /^\.pleo-register\.yaml:2:\d+: nested more than 64 levels deep$/],
    ['an alias bomb', 'a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nrules: *c\n', /^\.pleo-register\.yaml:1:1: YAML aliases expand more than 100 times$/],
    ['2 MiB', `rules:\n${' '.repeat(2 * 1024 * 1024)}\n`, /^\.pleo-register\.yaml: the file is larger than 1048576 bytes, the most a configuration may be$/],
    ['200,000 empty lines', '\n'.repeat(200_000), /^\.pleo-register\.yaml:100001:1: more than 100000 lines and flow-collection items$/],
  ])('with %s ends quickly with exit 2 and one line', (_, config, message) => {
    const dir = scratchDir({ 'pleo-client.yaml': valid, '.pleo-register.yaml': config });
    const result = runBounded(['lint'], dir, 60_000);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    const [line, ...rest] = result.stderr.split('\n');
    expect(line!.replace(/^pleo-register: \S*\/(?=\.pleo-register\.yaml)/, '')).toMatch(message);
    expect(rest).toEqual(['']);
  }, 70_000);
});
