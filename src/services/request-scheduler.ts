/**
 * Bounds how many requests are in flight: at most `concurrency` overall, `perHost` per host name and
 * `perAddress` per address the name resolved to, so checking many manifests never floods one server,
 * and forty names of one server count as that server. A request starts when every one of its slots
 * is free, all taken at once (so no request holds one slot while it waits for another). Waiters start
 * in arrival order as far as their slots allow.
 */
export interface RequestScheduler {
  run<T>(slots: RequestSlots, task: () => Promise<T>): Promise<T>;
}

export interface RequestSlots {
  host: string;
  /** The addresses the host resolved to (none for a name that was not resolved). */
  addresses: readonly string[];
}

export interface SchedulerLimits {
  concurrency: number;
  perHost: number;
  perAddress: number;
}

interface Waiter {
  keys: readonly string[];
  start: () => void;
}

export function createRequestScheduler(limits: SchedulerLimits): RequestScheduler {
  let active = 0;
  const activePerKey = new Map<string, number>();
  const waiting: Waiter[] = [];

  const limitOf = (key: string): number => (key.startsWith('host ') ? limits.perHost : limits.perAddress);
  const canStart = (keys: readonly string[]): boolean =>
    active < limits.concurrency && keys.every((key) => (activePerKey.get(key) ?? 0) < limitOf(key));

  const begin = (keys: readonly string[]): void => {
    active += 1;
    for (const key of keys) activePerKey.set(key, (activePerKey.get(key) ?? 0) + 1);
  };

  const finish = (keys: readonly string[]): void => {
    active -= 1;
    for (const key of keys) {
      const remaining = (activePerKey.get(key) ?? 1) - 1;
      if (remaining === 0) activePerKey.delete(key);
      else activePerKey.set(key, remaining);
    }
    for (let index = 0; index < waiting.length && active < limits.concurrency; ) {
      const waiter = waiting[index];
      if (waiter !== undefined && canStart(waiter.keys)) {
        waiting.splice(index, 1);
        begin(waiter.keys);
        waiter.start();
      } else {
        index += 1;
      }
    }
  };

  return {
    async run(slots, task) {
      const keys = [`host ${slots.host}`, ...new Set(slots.addresses.map((address) => `address ${address}`))];
      if (canStart(keys)) begin(keys);
      else await new Promise<void>((start) => waiting.push({ keys, start }));
      try {
        return await task();
      } finally {
        finish(keys);
      }
    },
  };
}
