/** A mistake in how the tool was called (bad flag, missing file): one line on stderr, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
