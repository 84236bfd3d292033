/** A mistake in how the tool was called (bad flag, missing file): one line on stderr, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
  /** Marks a usage error (subclasses included) for isUsageError. */
  readonly isUsageError = true;
}

/**
 * Whether the error is a UsageError or one of its subclasses, by its mark: a command that runs from its
 * own module files (serve, check-request) throws its own copy of the class, which `instanceof` in the
 * CLI bundle does not know.
 */
export function isUsageError(error: unknown): error is UsageError {
  return error instanceof Error && (error as Partial<UsageError>).isUsageError === true;
}
