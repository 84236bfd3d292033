import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseWithCommander } from './commander-args.js';
import type { Invocation } from './commands.js';
import type { Io } from './lint-command.js';
import { main } from './main.js';
import { quickParse } from './quick-args.js';

// The quick parser may leave any line to commander, but a line it takes must mean what it means to
// commander: the same command, argument and options.

const sink = { write: () => true };
const PLEO_VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
const io = { cwd: '/', env: {}, stdin: process.stdin, stdout: sink, stderr: sink } as unknown as Io;

const plain = (invocation: Invocation | number | undefined) =>
  typeof invocation === 'object' ? { command: invocation.command.name, argument: invocation.argument, options: invocation.options } : invocation;

async function byCommander(argv: string[]) {
  try {
    return plain(await parseWithCommander(argv, io, '0.0.0-test'));
  } catch (error) {
    return `threw ${(error as Error).message}`;
  }
}

const ordinary = [
  [],
  ['pleo-client.yaml'],
  ['lint'],
  ['lint', '--offline', 'pleo-client.yaml'],
  ['lint', 'a.yaml', 'b.yaml', '--offline', '-q', '-f', 'json', '--format', 'sarif=out/report.sarif', '--format=github'],
  ['lint', '-', '--stdin-filename', 'staging.yaml', '--max-warnings', '0', '--timeout=2000'],
  ['lint', '--max-warnings=-1', '--rule', 'logo-square=off', '--rule=uri-https=warning', '-c', 'ci.yaml'],
  ['lint', '--fix', '--no-color', 'manifests/**/pleo-client.yaml'],
  ['lint', '--fix-dry-run', '--color', '--config=.pleo-register.yaml', '--', '--odd-name.yaml'],
  ['rules'],
  ['rules', 'no-secrets'],
  ['rules', 'no-such-rule'],
  ['export', '--as', 'dcr', 'x.yaml'],
  ['export', '--as=form', '--force', '-c', 'c.yaml', '--stdin-filename', 'n.yaml', '-'],
  ['init'],
  ['init', 'other.yaml', '--yes', '--force'],
  ['preview', '-o', 'shot.png', '--offline', '--timeout', '100'],
  ['schema'],
];

describe('the quick parser', () => {
  it.each(ordinary.map((argv) => [argv]))('takes %j, as commander reads it', async (argv) => {
    const quick = quickParse(argv);
    expect(quick).toBeDefined();
    expect(plain(quick)).toEqual(await byCommander(argv));
  });

  it.each([
    [['--help']],
    [['lint', '-h']],
    [['-v']],
    [['help', 'lint']],
    [['lint', '-qf', 'json']],
    [['lint', '-fjson']],
    [['lint', '--colour']],
    [['lint', '--format']],
    [['lint', '--format', 'jsn']],
    [['lint', '--timeout', 'soon']],
    [['lint', '--timeout', 'soon', '--timeout', '100']],
    [['lint', '--max-warnings', '-1']],
    [['lint', '--offline=yes']],
    [['lint', '--color', '--no-color']],
    [['export', '--as', 'xml']],
    [['rules', 'a', 'b']],
    [['schema', 'extra']],
    [['--', 'lint']],
  ])('leaves %j to commander', (argv) => {
    expect(quickParse(argv)).toBeUndefined();
  });

  it('agrees with commander on 3,000 generated lines', async () => {
    const token = fc.constantFrom(
      ...['lint', 'rules', 'export', 'init', 'preview', 'schema', 'help', 'a.yaml', 'b.yaml', '-', '--', '', 'no-secrets'],
      ...['--offline', '--format', '-f', 'json', 'jsn', 'sarif=out.sarif', 'sarif=', '--format=json', '-fjson', '-q', '-qf', '--quiet'],
      ...['--timeout', '100', 'x', '--timeout=0', '--max-warnings', '-1', '3', '--max-warnings=-1', '--rule', 'schema=off', 'schema=loud'],
      ...['--stdin-filename', '-c', 'cfg.yaml', '--config=cfg.yaml', '--fix', '--fix-dry-run', '--color', '--no-color', '--no-offline'],
      ...['--as', 'dcr', 'form', 'xml', '--as=dcr', '--force', '-y', '--yes', '-o', 'out.png', '--out=o.png', '-h', '--version', '--unknown', '--offline=yes'],
    );
    // An option followed by a value, good or bad, so that repeated options meet each other often.
    const pair = fc.tuple(
      fc.constantFrom('--format', '-f', '--timeout', '--max-warnings', '--rule', '--as', '-o', '-c', '--stdin-filename'),
      fc.constantFrom('json', 'jsn', 'sarif=out.sarif', '100', 'soon', '0', '-1', 'schema=off', 'schema=loud', 'dcr', 'xml', 'a.yaml'),
    );
    const line = fc.array(fc.oneof(token.map((one) => [one]), pair), { maxLength: 6 }).map((parts) => parts.flat());
    let taken = 0;
    await fc.assert(
      fc.asyncProperty(line, async (argv) => {
        const quick = quickParse(argv);
        if (quick === undefined) return;
        taken++;
        expect(plain(quick)).toEqual(await byCommander(argv));
      }),
      { numRuns: 3000, seed: 20261128 },
    );
    // Enough of the generated lines are taken for the comparison to mean something.
    expect(taken).toBeGreaterThan(300);
  });
});

describe('a lone --version', () => {
  const capture = () => {
    let out = '';
    const stream = { write: (text: string) => ((out += text), true) };
    return { io: { ...io, stdout: stream, stderr: stream } as unknown as Io, text: () => out };
  };

  it.each([['--version'], ['-v']])('%s prints what commander prints, without it', async (flag) => {
    const quick = capture();
    const code = await main([flag], quick.io);
    const byCommanderOut = capture();
    const commanderCode = await parseWithCommander([flag], byCommanderOut.io, PLEO_VERSION);
    expect(quick.text()).toBe(`${PLEO_VERSION}\n`);
    expect(quick.text()).toBe(byCommanderOut.text());
    expect(code).toBe(commanderCode);
  });
});
