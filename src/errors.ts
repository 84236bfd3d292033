/** A mistake in how the tool was called (bad flag, missing file): one line on stderr, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/**
 * Whether the error is a UsageError, by name: a command that runs from its own module files (serve,
 * check-request) throws its copy of the class, which `instanceof` in the CLI bundle does not know.
 */
export function isUsageError(error: unknown): error is UsageError {
  return error instanceof Error && error.name === 'UsageError';
}
