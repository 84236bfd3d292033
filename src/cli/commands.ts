import type { SeveritySetting } from '../diagnostics.js';
import { UsageError } from '../errors.js';
import { FORMAT_NAMES } from '../report/index.js';
import { shippedSchemaDocument } from '../resources.js';
import { allRules as rules, rulesById } from '../engine/rule-list.js';
import { closest } from '../text/suggest.js';
import { runLint } from './lint-command.js';
import { type ProcessIo } from './process-io.js';
import { parseFormat, parseMaxWarnings, parseRuleSetting, parseTimeout, type FormatTarget } from './options.js';
import { ruleHelp, ruleList } from './rules-text.js';
import { DEFAULT_MAX_FILES, parseMaxFiles } from './files.js';

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
  run(argument: never, options: never, io: ProcessIo, version: string): Promise<number | void> | number | void;
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
  networkBudget: number;
  fix?: boolean;
  fixDryRun?: boolean;
  outputFile?: string;
  stdin?: boolean;
  allowOutsideLogo?: boolean;
  fixThroughSymlinks?: boolean;
  maxFiles: number;
}

const command = <A, O>(spec: Omit<CommandSpec, 'run'> & { run(argument: A, options: O, io: ProcessIo, version: string): Promise<number | void> | number | void }) =>
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
      { flags: '--network-budget <s>', description: 'seconds for all network checks of the run; checks still pending then are reported as not checked', parse: (v: string) => wholeNumber('--network-budget', v, 1, 3600), default: 30 },
      { flags: '-q, --quiet', description: 'report errors only' },
      { flags: '--max-warnings <n>', description: 'exit 1 when there are more warnings than this (-1: no limit)', parse: parseMaxWarnings, default: -1 },
      { flags: '--rule <id=severity>', description: 'set a rule to off, info, warning or error (repeatable)', parse: parseRuleSetting, repeatable: true },
      { flags: '--stdin-filename <name>', description: 'the name to report for stdin' },
      { flags: '-c, --config <file>', description: 'use this configuration for every manifest instead of the nearest .pleo-register.yaml' },
      { flags: '-o, --output-file <path>', description: 'write the report to this file (the one --format, else stylish); the same as -f <name>=<path>' },
      { flags: '--stdin', description: 'read the manifest from stdin; the same as "-"' },
      { flags: '--fix', description: 'apply the fixes that cannot change what the manifest means, then report what remains' },
      { flags: '--fix-dry-run', description: 'print the diff --fix would write, then report what would remain; write nothing' },
      { flags: '--fix-through-symlinks', description: 'let --fix replace the file a symbolic link points to, even outside the folders named' },
      { flags: '--max-files <n>', description: 'stop (exit 2) when more manifests than this are found', parse: parseMaxFiles, default: DEFAULT_MAX_FILES },
      { flags: '--allow-outside-logo', description: "read a local logo even when its path leads outside the manifest's repository" },
      { flags: '--color', description: 'colour the report even when stdout is not a terminal' },
      { flags: '--no-color', description: 'never colour the report' },
    ],
    run: (files: string[], options: LintFlags, io, version) =>
      runLint(
        {
          files: options.stdin ? [...files, '-'] : files,
          formats: options.format,
          outputFile: options.outputFile,
          severities: Object.fromEntries(options.rule),
          quiet: options.quiet === true,
          maxWarnings: options.maxWarnings,
          color: options.color,
          stdinFilename: options.stdinFilename,
          offline: options.offline === true,
          config: options.config,
          timeoutMs: options.timeout,
          networkBudgetMs: options.networkBudget * 1000,
          fix: options.fix === true,
          fixDryRun: options.fixDryRun === true,
          allowOutsideLogo: options.allowOutsideLogo === true,
          fixThroughSymlinks: options.fixThroughSymlinks === true,
          maxFiles: options.maxFiles,
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
      { flags: '--allow-outside-logo', description: "read a local logo even when its path leads outside the manifest's repository" },
    ],
    run: async (file: string | undefined, o: { as: 'form' | 'dcr'; force?: boolean; config?: string; stdinFilename?: string; allowOutsideLogo?: boolean }, io, version) => {
      const { runExport } = await import('./export-command.js');
      return runExport({ file, as: o.as, force: o.force === true, config: o.config, stdinFilename: o.stdinFilename, allowOutsideLogo: o.allowOutsideLogo === true }, version, io);
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
      { flags: '--allow-outside-logo', description: "read a local logo even when its path leads outside the manifest's repository" },
    ],
    run: async (file: string | undefined, options: { out: string; offline?: boolean; timeout: number; allowOutsideLogo?: boolean }, io, version) => {
      const { runPreview } = await import('./preview-command.js');
      return runPreview({ file, out: options.out, offline: options.offline === true, timeoutMs: options.timeout, allowOutsideLogo: options.allowOutsideLogo === true }, version, io);
    },
  }),
  command({
    name: 'serve',
    description: 'run a local OAuth 2.0 authorization server that holds the app to this registration (refuses to start on lint errors)',
    argument: { syntax: '[file]', description: 'the manifest (default: ./pleo-client.yaml)' },
    options: [
      { flags: '--port <n>', description: 'port on 127.0.0.1 and [::1] (0: any free port)', parse: (v: string) => wholeNumber('--port', v, 0, 65535), default: 4400 },
      { flags: '--auto-approve', description: 'skip the sign-in and consent pages and allow at once (CI)' },
      { flags: '--client-id <id>', description: 'the client id to give the app (default: local-<client name>)' },
      { flags: '--client-secret <secret>', description: 'a fixed secret for a confidential client (default: a new one on every start)' },
      { flags: '--access-token-ttl <s>', description: 'access token lifetime in seconds', parse: (v: string) => wholeNumber('--access-token-ttl', v, 1, 31_536_000), default: 3600 },
      { flags: '--log-format <format>', description: 'one line per request: text, or json (one object per line)', choices: ['text', 'json'], default: 'text' },
      { flags: '--timeout <ms>', description: 'time limit for each phase of the logo request', parse: parseTimeout, default: 5000 },
    ],
    run: async (
      file: string | undefined,
      o: { port: number; autoApprove?: boolean; clientId?: string; clientSecret?: string; accessTokenTtl: number; logFormat: 'text' | 'json'; timeout: number },
      io,
      version,
    ) => {
      const { runServe } = await import('./serve-command.js');
      return runServe(
        { file, port: o.port, autoApprove: o.autoApprove === true, clientId: o.clientId, clientSecret: o.clientSecret, accessTokenTtl: o.accessTokenTtl, logFormat: o.logFormat, timeoutMs: o.timeout },
        version,
        io,
      );
    },
  }),
  command({
    name: 'check-request',
    description: 'judge an authorization URL the app builds against the registration, as the server would (no network)',
    argument: { syntax: '<authorization-url...>', description: 'the authorization URL (quoted), then the manifest (default: ./pleo-client.yaml)' },
    options: [
      { flags: '-f, --format <name>', description: `report format: ${FORMAT_NAMES.join(', ')}; name=path writes to a file (repeatable)`, parse: parseFormat, repeatable: true },
      { flags: '--client-id <id>', description: 'the client id the app was given; without it, any client_id passes' },
      { flags: '--max-warnings <n>', description: 'exit 1 when there are more warnings than this (-1: no limit)', parse: parseMaxWarnings, default: -1 },
      { flags: '--color', description: 'colour the report even when stdout is not a terminal' },
      { flags: '--no-color', description: 'never colour the report' },
    ],
    run: async (args: string | string[], o: { format: FormatTarget[]; clientId?: string; maxWarnings: number; color?: boolean }, io, version) => {
      const [url, file, ...extra] = [args].flat();
      if (url === undefined || extra.length > 0) throw new UsageError('give the authorization URL, then at most one manifest: pleo-register check-request "<url>" [file]');
      const { runCheckRequest } = await import('./check-request-command.js');
      return runCheckRequest({ url, file, clientId: o.clientId, formats: o.format, maxWarnings: o.maxWarnings, color: o.color }, version, io);
    },
  }),
  command({
    name: 'schema',
    description: 'print the JSON Schema of pleo-client.yaml',
    options: [],
    run: async (_argument: undefined, _options: unknown, io) => {
      io.stdout.write(JSON.stringify(shippedSchemaDocument(), null, 2) + '\n');
    },
  }),
];

/** A whole number within bounds, for --port and --access-token-ttl. */
function wholeNumber(flag: string, value: string, min: number, max: number): number {
  if (!/^\d+$/.test(value.trim()) || Number(value) < min || Number(value) > max) throw new UsageError(`${flag} '${value}': give a whole number from ${min} to ${max}`);
  return Number(value);
}
