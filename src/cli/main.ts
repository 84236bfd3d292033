import { UsageError } from '../errors.js';
import { packageVersion } from '../resources.js';
import { quickParse } from './quick-args.js';
import { ExitCode, type Io } from './lint-command.js';

const version = packageVersion();

export async function main(argv: readonly string[], io: Io): Promise<number> {
  try {
    // What commander prints for a lone --version, without loading it (~12 ms) for that.
    if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v')) {
      io.stdout.write(`${version}\n`);
      return ExitCode.Ok;
    }
    // Commander is loaded only for what the quick parser leaves to it: help, other --version lines, mistakes.
    const invocation = quickParse(argv) ?? (await (await import('./commander-args.js')).parseWithCommander(argv, io, version));
    if (typeof invocation === 'number') return invocation;
    const code = await invocation.command.run(invocation.argument as never, invocation.options as never, io, version);
    return code ?? ExitCode.Ok;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`pleo-register: ${error.message}\n`);
      return ExitCode.Failure;
    }
    const detail = error instanceof Error ? error.message : String(error);
    io.stderr.write(io.env.DEBUG ? `${(error as Error)?.stack ?? detail}\n` : `pleo-register: internal error: ${detail.split('\n')[0]} (set DEBUG=1 for details)\n`);
    return ExitCode.Failure;
  }
}

/** For the build's code cache (scripts/code-cache.js); loaded only when called. */
export async function warmUp(manifest: string): Promise<void> {
  const { warmUp: run } = await import('./warm-up.js');
  await run(manifest, main);
}
