import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseWithCommander } from './commander-args.js';
import type { ProcessIo } from './process-io.js';
import { main } from './main.js';

// Commander reads every command line from the table in commands.ts: these pin what the ordinary lines
// mean, and that a mistake is one line on stderr and exit 2.

const PLEO_VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

function capture() {
  const out = { stdout: '', stderr: '' };
  const io = {
    cwd: '/',
    env: {},
    stdin: process.stdin,
    stdout: { write: (text: string) => ((out.stdout += text), true) },
    stderr: { write: (text: string) => ((out.stderr += text), true) },
  } as unknown as ProcessIo;
  return { io, out };
}

async function parse(argv: string[]) {
  const invocation = await parseWithCommander(argv, capture().io, '0.0.0-test');
  return typeof invocation === 'number' ? invocation : { command: invocation.command.name, argument: invocation.argument, options: invocation.options };
}

const lintDefaults = { format: [], rule: [], maxWarnings: -1, timeout: 5000 };

describe('commander reads', () => {
  it.each<[string[], Record<string, unknown>]>([
    [[], { command: 'lint', argument: [], options: expect.objectContaining(lintDefaults) }],
    [['pleo-client.yaml'], { command: 'lint', argument: ['pleo-client.yaml'] }],
    [['lint', 'a.yaml', 'b.yaml', '--offline', '-q'], { command: 'lint', argument: ['a.yaml', 'b.yaml'], options: expect.objectContaining({ offline: true, quiet: true }) }],
    [
      ['lint', '-f', 'json', '--format', 'sarif=out/report.sarif', '--format=github'],
      { options: expect.objectContaining({ format: [{ name: 'json' }, { name: 'sarif', path: 'out/report.sarif' }, { name: 'github' }] }) },
    ],
    [['lint', '-', '--stdin-filename', 'staging.yaml', '--max-warnings', '0', '--timeout=2000'], { argument: ['-'], options: expect.objectContaining({ stdinFilename: 'staging.yaml', maxWarnings: 0, timeout: 2000 }) }],
    [['lint', '--rule', 'logo-square=off', '--rule=uri-https=warning'], { options: expect.objectContaining({ rule: [['logo-square', 'off'], ['uri-https', 'warning']] }) }],
    [['lint', '-qf', 'json'], { options: expect.objectContaining({ quiet: true, format: [{ name: 'json' }] }) }],
    [['lint', '--color', '--no-color'], { options: expect.objectContaining({ color: false }) }],
    [['lint', '--fix-dry-run', '--', '--odd-name.yaml'], { argument: ['--odd-name.yaml'], options: expect.objectContaining({ fixDryRun: true }) }],
    [['rules', 'no-secrets'], { command: 'rules', argument: 'no-secrets' }],
    [['export', '--as=form', '--force', '-'], { command: 'export', argument: '-', options: expect.objectContaining({ as: 'form', force: true }) }],
    [['init', 'other.yaml', '--yes'], { command: 'init', argument: 'other.yaml', options: expect.objectContaining({ yes: true }) }],
  ])('%j', async (argv, expected) => {
    expect(await parse(argv)).toMatchObject(expected);
  });
});

describe('a mistake on the command line', () => {
  it.each([
    [['lint', '--colour'], /unknown option '--colour'/],
    [['lint', '--format'], /option '-f, --format <name>' argument missing/],
    [['lint', '--format', 'jsn'], /jsn/],
    [['lint', '--timeout', 'soon'], /soon/],
    [['export', '--as', 'xml'], /xml/],
    [['rules', 'a', 'b'], /too many arguments/],
    [['schema', 'extra'], /too many arguments/],
  ])('%j: exit 2, one line on stderr', async (argv, message) => {
    const { io, out } = capture();
    expect(await main(argv, io)).toBe(2);
    expect(out.stderr).toMatch(/^pleo-register: [^\n]+\n$/);
    expect(out.stderr).toMatch(message);
    expect(out.stdout).toBe('');
  });
});

describe('--version and --help', () => {
  it.each([['--version'], ['-v']])('%s prints the version and exits 0', async (flag) => {
    const { io, out } = capture();
    expect(await main([flag], io)).toBe(0);
    expect(out.stdout).toBe(`${PLEO_VERSION}\n`);
  });

  it('--help lists the commands, says lint is the default, and exits 0', async () => {
    const { io, out } = capture();
    expect(await main(['--help'], io)).toBe(0);
    expect(out.stdout).toMatch(/lint \[options\] \[files\.\.\.\] +check manifests; the default command/);
    expect(out.stdout).toMatch(/export/);
  });

  it('lint --help shows the defaults that mean something, and no "(default: [])" for a repeatable option', async () => {
    const { io, out } = capture();
    expect(await main(['lint', '--help'], io)).toBe(0);
    expect(out.stdout).toMatch(/--timeout <ms>[^]*\(default: 5000\)/);
    expect(out.stdout).toMatch(/--rule <id=severity>/);
    expect(out.stdout).not.toContain('(default: [])');
  });
});
