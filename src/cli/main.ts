import { Command, CommanderError, Option } from 'commander';
import type { SeveritySetting } from '../diagnostics.js';
import { UsageError } from '../errors.js';
import { packageVersion } from '../resources.js';
import { FORMAT_NAMES } from '../report/index.js';
import { rules, rulesById } from '../rules/index.js';
import { closest } from '../text/suggest.js';
import { ExitCode, runLint, type Io } from './lint-command.js';
import { parseFormat, parseMaxWarnings, parseRuleSetting, parseTimeout, type FormatTarget } from './options.js';
import { ruleHelp, ruleList } from './rules-text.js';

const version = packageVersion();

export async function main(argv: readonly string[], io: Io): Promise<number> {
  let exitCode: number = ExitCode.Ok;
  const program = new Command('pleo-register')
    .description('Lint pleo-client.yaml, the OAuth 2.0 client registration of a Pleo integration.')
    .version(version, '-v, --version')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      // Commander's errors become one line, like every other failure of a run.
      outputError: (text, write) => write(`pleo-register: ${text.replace(/^error: /, '').replace(/\s*\n\s*/g, ' ').trim()}\n`),
    });

  program
    .command('lint', { isDefault: true })
    .description('check manifests (default: ./pleo-client.yaml; "-" reads stdin)')
    .argument('[files...]', 'manifests, directories or globs')
    .addOption(new Option('-f, --format <name>', `report format: ${FORMAT_NAMES.join(', ')}; name=path writes to a file (repeatable)`).argParser(collect(parseFormat)).default([]))
    .option('--offline', 'run no check that needs the network (and skip a logo given as a URL)')
    .option('--timeout <ms>', 'time limit for each phase of a request (connect, headers, body)', parseTimeout, 5000)
    .option('-q, --quiet', 'report errors only')
    .option('--max-warnings <n>', 'exit 1 when there are more warnings than this (-1: no limit)', parseMaxWarnings, -1)
    .addOption(new Option('--rule <id=severity>', 'set a rule to off, info, warning or error (repeatable)').argParser(collect(parseRuleSetting)).default([]))
    .option('--stdin-filename <name>', 'the name to report for stdin')
    .option('-c, --config <file>', 'use this configuration for every manifest instead of the nearest .pleo-register.yaml')
    .option('--fix', 'apply the fixes that cannot change what the manifest means, then report what remains')
    .option('--fix-dry-run', 'print the diff --fix would write, then report what would remain; write nothing')
    .option('--color', 'colour the report even when stdout is not a terminal')
    .option('--no-color', 'never colour the report')
    .action(async (files: string[], options: LintFlags) => {
      exitCode = await runLint(
        {
          files,
          formats: options.format,
          severities: Object.fromEntries(options.rule),
          quiet: options.quiet === true,
          maxWarnings: options.maxWarnings,
          color: options.color,
          stdinFilename: options.stdinFilename,
          offline: options.offline === true,
          config: options.config,
          timeoutMs: options.timeout,
          fix: options.fix === true,
          fixDryRun: options.fixDryRun === true,
        },
        version,
        io,
      );
    });

  program
    .command('rules')
    .description('list the rules, or explain one')
    .argument('[rule-id]')
    .action((id?: string) => {
      if (!id) return void io.stdout.write(ruleList(rules));
      const rule = rulesById.get(id);
      if (!rule) {
        const guess = closest(id, rulesById.keys());
        throw new UsageError(`unknown rule '${id}'${guess ? ` (did you mean '${guess}'?)` : ''}; 'pleo-register rules' lists them`);
      }
      io.stdout.write(ruleHelp(rule));
    });

  program
    .command('export')
    .description("print the registration for Pleo's form (--as form) or as RFC 7591 client metadata (--as dcr)")
    .argument('[file]', 'the manifest (default ./pleo-client.yaml; "-" reads stdin)')
    .addOption(new Option('--as <format>', "form: Pleo's registration form; dcr: RFC 7591 JSON").choices(['form', 'dcr']).default('form'))
    .option('--force', 'export even when the manifest has lint errors')
    .option('-c, --config <file>', 'use this configuration instead of the nearest .pleo-register.yaml')
    .option('--stdin-filename <name>', 'the name to report for stdin')
    .action(async (file: string | undefined, o: { as: 'form' | 'dcr'; force?: boolean; config?: string; stdinFilename?: string }) => {
      const { runExport } = await import('./export-command.js');
      exitCode = await runExport({ file, as: o.as, force: o.force === true, config: o.config, stdinFilename: o.stdinFilename }, version, io);
    });

  program
    .command('init')
    .description('write a starter manifest with the schema modeline (asks on a terminal; --yes takes the defaults)')
    .argument('[file]', 'where to write it', 'pleo-client.yaml')
    .option('-y, --yes', 'take every default without asking')
    .option('--force', 'overwrite an existing file')
    .action(async (file: string, options: { yes?: boolean; force?: boolean }) => {
      const { runInit } = await import('./init-command.js');
      exitCode = await runInit({ file, yes: options.yes === true, force: options.force === true }, version, io);
    });

  program
    .command('preview')
    .description('draw the consent screen a Pleo user would meet, with the problems found, as a PNG')
    .argument('[file]', 'the manifest (default: ./pleo-client.yaml; "-" reads stdin)')
    .option('-o, --out <png>', 'where to write the picture', 'preview.png')
    .option('--offline', 'do not fetch a logo given as an https URL')
    .option('--timeout <ms>', 'time limit for each phase of the logo request', parseTimeout, 5000)
    .action(async (file: string | undefined, options: { out: string; offline?: boolean; timeout: number }) => {
      const { runPreview } = await import('./preview-command.js');
      exitCode = await runPreview({ file, out: options.out, offline: options.offline === true, timeoutMs: options.timeout }, version, io);
    });

  program
    .command('schema')
    .description('print the JSON Schema of pleo-client.yaml')
    .action(async () => {
      const { manifestSchema } = await import('../schema/validate.js');
      io.stdout.write(JSON.stringify(manifestSchema(), null, 2) + '\n');
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? ExitCode.Ok : ExitCode.Failure;
    if (error instanceof UsageError) {
      io.stderr.write(`pleo-register: ${error.message}\n`);
      return ExitCode.Failure;
    }
    const detail = error instanceof Error ? error.message : String(error);
    io.stderr.write(io.env.DEBUG ? `${(error as Error)?.stack ?? detail}\n` : `pleo-register: internal error: ${detail.split('\n')[0]} (set DEBUG=1 for details)\n`);
    return ExitCode.Failure;
  }
}

interface LintFlags {
  format: FormatTarget[];
  offline?: boolean;
  quiet?: boolean;
  maxWarnings: number;
  rule: [string, SeveritySetting][];
  stdinFilename?: string;
  color?: boolean;
  config?: string;
  timeout: number;
  fix?: boolean;
  fixDryRun?: boolean;
}

function collect<T>(parse: (value: string) => T) {
  return (value: string, previous: T[]) => [...previous, parse(value)];
}

/** For the build's code cache (scripts/code-cache.js); loaded only when called. */
export async function warmUp(manifest: string): Promise<void> {
  const { warmUp: run } = await import('./warm-up.js');
  await run(manifest, main);
}
