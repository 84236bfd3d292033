import { isUsageError } from '../errors.js';
import { packageVersion } from '../resources.js';
import { parseWithCommander } from './commander-args.js';
import { ExitCode, type ProcessIo } from './process-io.js';

/** The CLI: reads the command line, runs the command, resolves to the exit code. Never throws. */
export async function main(argv: readonly string[], io: ProcessIo): Promise<number> {
  try {
    const invocation = await parseWithCommander(argv, io, packageVersion());
    if (typeof invocation === 'number') return invocation;
    const code = await invocation.command.run(invocation.argument as never, invocation.options as never, io, packageVersion());
    return code ?? ExitCode.Ok;
  } catch (error) {
    if (isUsageError(error)) {
      io.stderr.write(`pleo-register: ${error.message}\n`);
      return ExitCode.Failure;
    }
    const detail = error instanceof Error ? error.message : String(error);
    io.stderr.write(io.env.DEBUG ? `${(error as Error)?.stack ?? detail}\n` : `pleo-register: internal error: ${detail.split('\n')[0]} (set DEBUG=1 for details)\n`);
    return ExitCode.Failure;
  }
}
