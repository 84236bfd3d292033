/** Time limits that undici's per-phase timeouts do not give. */

export interface Deadline {
  /** Runs `task` with a signal that aborts when the request's remaining time is spent. */
  run<T>(task: (signal: AbortSignal) => Promise<T>): Promise<T>;
}

/** A time budget shared by all hops of one request; only time spent working is counted. */
export function createDeadline(totalMs: number): Deadline {
  let spentMs = 0;
  return {
    async run(task) {
      const controller = new AbortController();
      const started = performance.now();
      const remainingMs = Math.max(0, totalMs - spentMs);
      const timer = setTimeout(() => controller.abort(new Error('request deadline exceeded')), remainingMs);
      try {
        return await task(controller.signal);
      } finally {
        clearTimeout(timer);
        spentMs += performance.now() - started;
      }
    },
  };
}

export async function withTimeout<T>(promise: Promise<T>, ms: number, timeoutError: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(timeoutError()), ms);
  });
  try {
    return await Promise.race([promise, expired]);
  } finally {
    clearTimeout(timer);
  }
}
