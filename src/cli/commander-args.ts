import { Command, CommanderError, Option } from 'commander';
import { COMMANDS, type Invocation } from './commands.js';
import { ExitCode, type ProcessIo } from './process-io.js';

/**
 * The command line as commander reads it, from the table in commands.ts: help, --version, and the
 * wording of every mistake. Resolves to what to run, or to the exit code when there is nothing to run
 * (help was printed, or the line was wrong).
 */
export async function parseWithCommander(argv: readonly string[], io: ProcessIo, version: string): Promise<Invocation | number> {
  let invocation: Invocation | undefined;
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

  for (const spec of COMMANDS) {
    const command = program.command(spec.name, spec.isDefault ? { isDefault: true } : {}).description(spec.description);
    if (spec.argument) command.argument(spec.argument.syntax, spec.argument.description, spec.argument.default);
    for (const flag of spec.options) {
      const option = new Option(flag.flags, flag.description);
      const parse = flag.parse;
      // A repeatable option starts as an empty list, filled in below rather than as commander's
      // default, which help would print as "(default: [])".
      if (parse) option.argParser<unknown>(flag.repeatable ? (value, previous) => [...((previous as unknown[] | undefined) ?? []), parse(value)] : parse);
      if (flag.choices) option.choices(flag.choices);
      if (flag.default !== undefined && !flag.repeatable) option.default(flag.default);
      command.addOption(option);
    }
    command.action((...args: unknown[]) => {
      const [argument, parsed] = spec.argument ? args : [undefined, args[0]];
      const options = { ...(parsed as Record<string, unknown>) };
      for (const flag of spec.options) if (flag.repeatable) options[attributeName(flag.flags)] ??= [];
      invocation = { command: spec, argument: argument as Invocation['argument'], options };
    });
  }

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? ExitCode.Ok : ExitCode.Failure;
    throw error;
  }
  return invocation ?? ExitCode.Ok;
}

/** The options' key commander uses: `--max-warnings <n>` → `maxWarnings`, `--no-color` → `color`. */
function attributeName(flags: string): string {
  return new Option(flags).attributeName();
}
