import type { SeveritySetting } from '../diagnostics.js';
import { UsageError } from '../errors.js';
import { FORMAT_NAMES } from '../report/index.js';
import { rules, rulesById } from '../rules/index.js';
import { closest } from '../text/suggest.js';
import { runLint, type Io } from './lint-command.js';
import { parseFormat, parseMaxWarnings, parseRuleSetting, parseTimeout, type FormatTarget } from './options.js';
import { ruleHelp, ruleList } from './rules-text.js';

/**
 * Every command and option of the CLI, said once; commander (cli/commander-args.ts) reads the command
 * line from this table, prints help and --version, and words the mistakes.
 */

export interface OptionSpec {
  /** Commander's syntax: `-f, --format <name>`, `--offline`, `--no-color`. */
  flags: string;
  description: string;
  /** Turns a value into the option's value; each value of a repeatable option, into one item of a list. */
  parse?: (value: string) => unknown;
  /** Given more than once, it adds to a list (which is empty when it is not given). */
  repeatable?: true;
  default?: unknown;
  choices?: readonly string[];
}

export interface CommandSpec {
  name: string;
  description: string;
  /** At most one argument: `[files...]`, `[file]`, `[rule-id]`. */
  argument?: { syntax: string; description?: string; default?: string };
  isDefault?: boolean;
  options: readonly OptionSpec[];
  /** Runs the command; resolves to the exit code. */
  run(argument: never, options: never, io: Io, version: string): Promise<number | void> | number | void;
}

/** What the parser hands over: the command, its argument (as commander passes it) and its options by attribute name. */
export interface Invocation {
  command: CommandSpec;
  argument: string | string[] | undefined;
  options: Record<string, unknown>;
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

const command = <A, O>(spec: Omit<CommandSpec, 'run'> & { run(argument: A, options: O, io: Io, version: string): Promise<number | void> | number | void }) =>
  spec as unknown as CommandSpec;

export const COMMANDS: readonly CommandSpec[] = [
  command({
    name: 'lint',
    isDefault: true,
    description: 'check manifests; the default command (files default to ./pleo-client.yaml; "-" reads stdin)',
    argument: { syntax: '[files...]', description: 'manifests, directories or globs' },
    options: [
      { flags: '-f, --format <name>', description: `report format: ${FORMAT_NAMES.join(', ')}; name=path writes to a file (repeatable)`, parse: parseFormat, repeatable: true },
      { flags: '--offline', description: 'run no check that needs the network (and skip a logo given as a URL)' },
      { flags: '--timeout <ms>', description: 'time limit for each phase of a request (connect, headers, body)', parse: parseTimeout, default: 5000 },
      { flags: '-q, --quiet', description: 'report errors only' },
      { flags: '--max-warnings <n>', description: 'exit 1 when there are more warnings than this (-1: no limit)', parse: parseMaxWarnings, default: -1 },
      { flags: '--rule <id=severity>', description: 'set a rule to off, info, warning or error (repeatable)', parse: parseRuleSetting, repeatable: true },
      { flags: '--stdin-filename <name>', description: 'the name to report for stdin' },
      { flags: '-c, --config <file>', description: 'use this configuration for every manifest instead of the nearest .pleo-register.yaml' },
      { flags: '--fix', description: 'apply the fixes that cannot change what the manifest means, then report what remains' },
      { flags: '--fix-dry-run', description: 'print the diff --fix would write, then report what would remain; write nothing' },
      { flags: '--color', description: 'colour the report even when stdout is not a terminal' },
      { flags: '--no-color', description: 'never colour the report' },
    ],
    run: (files: string[], options: LintFlags, io, version) =>
      runLint(
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
      ),
  }),
  command({
    name: 'rules',
    description: 'list the rules, or explain one',
    argument: { syntax: '[rule-id]' },
    options: [],
    run: (id: string | undefined, _options: unknown, io) => {
      if (!id) return void io.stdout.write(ruleList(rules));
      const rule = rulesById.get(id);
      if (!rule) {
        const guess = closest(id, rulesById.keys());
        throw new UsageError(`unknown rule '${id}'${guess ? ` (did you mean '${guess}'?)` : ''}; 'pleo-register rules' lists them`);
      }
      io.stdout.write(ruleHelp(rule));
    },
  }),
  command({
    name: 'export',
    description: "print the registration for Pleo's form (--as form) or as RFC 7591 client metadata (--as dcr)",
    argument: { syntax: '[file]', description: 'the manifest (default ./pleo-client.yaml; "-" reads stdin)' },
    options: [
      { flags: '--as <format>', description: "form: Pleo's registration form; dcr: RFC 7591 JSON", choices: ['form', 'dcr'], default: 'form' },
      { flags: '--force', description: 'export even when the manifest has lint errors' },
      { flags: '-c, --config <file>', description: 'use this configuration instead of the nearest .pleo-register.yaml' },
      { flags: '--stdin-filename <name>', description: 'the name to report for stdin' },
    ],
    run: async (file: string | undefined, o: { as: 'form' | 'dcr'; force?: boolean; config?: string; stdinFilename?: string }, io, version) => {
      const { runExport } = await import('./export-command.js');
      return runExport({ file, as: o.as, force: o.force === true, config: o.config, stdinFilename: o.stdinFilename }, version, io);
    },
  }),
  command({
    name: 'init',
    description: 'write a starter manifest with the schema modeline (asks on a terminal; --yes takes the defaults)',
    argument: { syntax: '[file]', description: 'where to write it', default: 'pleo-client.yaml' },
    options: [
      { flags: '-y, --yes', description: 'take every default without asking' },
      { flags: '--force', description: 'overwrite an existing file' },
    ],
    run: async (file: string, options: { yes?: boolean; force?: boolean }, io, version) => {
      const { runInit } = await import('./init-command.js');
      return runInit({ file, yes: options.yes === true, force: options.force === true }, version, io);
    },
  }),
  command({
    name: 'preview',
    description: 'draw the consent screen a Pleo user would meet, with the problems found, as a PNG',
    argument: { syntax: '[file]', description: 'the manifest (default: ./pleo-client.yaml; "-" reads stdin)' },
    options: [
      { flags: '-o, --out <png>', description: 'where to write the picture', default: 'preview.png' },
      { flags: '--offline', description: 'do not fetch a logo given as an https URL' },
      { flags: '--timeout <ms>', description: 'time limit for each phase of the logo request', parse: parseTimeout, default: 5000 },
    ],
    run: async (file: string | undefined, options: { out: string; offline?: boolean; timeout: number }, io, version) => {
      const { runPreview } = await import('./preview-command.js');
      return runPreview({ file, out: options.out, offline: options.offline === true, timeoutMs: options.timeout }, version, io);
    },
  }),
  command({
    name: 'schema',
    description: 'print the JSON Schema of pleo-client.yaml',
    options: [],
    run: async (_argument: undefined, _options: unknown, io) => {
      const { manifestSchema } = await import('../schema/validate.js');
      io.stdout.write(JSON.stringify(manifestSchema(), null, 2) + '\n');
    },
  }),
];
