import { COMMANDS, type Invocation, type OptionSpec } from './commands.js';

/**
 * The ordinary command lines — a command, then files and options written out (`--format json`,
 * `--format=json`, `-q`) — read here, so that a lint does not load and set up commander (~4 ms of
 * every start; node:util's parseArgs took ~1.3 ms on its first call). Anything else is left to
 * commander (undefined): help, --version, grouped or glued short options, a value that starts with
 * '-', an unknown option, a choice not on the list, one argument too many. commander-args.test.ts
 * holds the two parsers to the same result on every line this one takes.
 */
export function quickParse(argv: readonly string[]): Invocation | undefined {
  if (argv[0] === 'help' || argv[0] === '--') return undefined;
  const named = COMMANDS.find((spec) => spec.name === argv[0]);
  const command = named ?? COMMANDS.find((spec) => spec.isDefault);
  if (!command) return undefined;
  const args = named ? argv.slice(1) : [...argv];
  if (args.some((arg) => ['-h', '--help', '-v', '--version'].includes(arg) || /^-[^-]./.test(arg))) return undefined;

  const specs = command.options.map((option) => ({ option, ...flagParts(option) }));
  const flags = new Map<string, (typeof specs)[number]>();
  for (const spec of specs) {
    flags.set(`--${spec.long}`, spec);
    if (spec.short) flags.set(`-${spec.short}`, spec);
  }
  const given = new Map<OptionSpec, (string | true)[]>();
  const positionals: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (arg === '-' || !arg.startsWith('-')) {
      positionals.push(arg);
      continue;
    }
    const equals = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const spec = flags.get(equals === -1 ? arg : arg.slice(0, equals));
    if (!spec) return undefined;
    let value: string | true = true;
    if (spec.takesValue) {
      const next = equals === -1 ? args[++i] : arg.slice(equals + 1);
      if (next === undefined || (equals === -1 && next.startsWith('-'))) return undefined;
      value = next;
    } else if (equals !== -1) {
      return undefined;
    }
    given.set(spec.option, [...(given.get(spec.option) ?? []), value]);
  }

  const options: Record<string, unknown> = {};
  const seen = new Set<string>();
  for (const { option, attribute, negated } of specs) {
    const values = given.get(option);
    if (values === undefined) {
      if (option.repeatable) options[attribute] = [];
      else if (option.default !== undefined) options[attribute] = option.default;
      continue;
    }
    // `--color --no-color`: the last one wins; simpler to leave the pair to commander.
    if (seen.has(attribute)) return undefined;
    seen.add(attribute);
    const last = values[values.length - 1]!;
    if (last === true) options[attribute] = !negated;
    else if (option.choices && !values.every((value) => option.choices!.includes(value as string))) return undefined;
    else {
      // A value the option refuses, even one a later value replaces: commander words the error.
      try {
        const parsed = values.map((value) => parseValue(option, value as string));
        options[attribute] = option.repeatable ? parsed : parsed[parsed.length - 1];
      } catch {
        return undefined;
      }
    }
  }

  const argument = command.argument;
  if (!argument) return positionals.length === 0 ? { command, argument: undefined, options } : undefined;
  if (argument.syntax.endsWith('...]')) return { command, argument: positionals, options };
  if (positionals.length > 1) return undefined;
  return { command, argument: positionals[0] ?? argument.default, options };
}

function parseValue(option: OptionSpec, value: string): unknown {
  return option.parse ? option.parse(value) : value;
}

/** `-f, --format <name>` → long `format`, short `f`, attribute `format`; `--no-color` → attribute `color`, negated. */
function flagParts(option: OptionSpec): { long: string; short?: string; attribute: string; negated: boolean; takesValue: boolean } {
  const short = /(?:^|[\s,])-([a-zA-Z])\b/.exec(option.flags)?.[1];
  const long = /--([a-z][a-z-]*)/.exec(option.flags)![1]!;
  const negated = long.startsWith('no-');
  const attribute = (negated ? long.slice(3) : long).replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
  return { long, short, attribute, negated, takesValue: /[<[]/.test(option.flags) };
}
