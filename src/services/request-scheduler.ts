/**
 * Bounds how many requests are in flight: at most `concurrency` overall and `perHost` per host
 * name, so checking many manifests never floods one server. Waiters start in arrival order as far
 * as their host allows.
 */
export interface RequestScheduler {
  run<T>(host: string, task: () => Promise<T>): Promise<T>;
}

interface Waiter {
  host: string;
  start: () => void;
}

export function createRequestScheduler(concurrency: number, perHost: number): RequestScheduler {
  let active = 0;
  const activePerHost = new Map<string, number>();
  const waiting: Waiter[] = [];

  const canStart = (host: string): boolean => active < concurrency && (activePerHost.get(host) ?? 0) < perHost;

  const begin = (host: string): void => {
    active += 1;
    activePerHost.set(host, (activePerHost.get(host) ?? 0) + 1);
  };

  const finish = (host: string): void => {
    active -= 1;
    const remaining = (activePerHost.get(host) ?? 1) - 1;
    if (remaining === 0) activePerHost.delete(host);
    else activePerHost.set(host, remaining);
    for (let index = 0; index < waiting.length && active < concurrency; ) {
      const waiter = waiting[index];
      if (waiter !== undefined && canStart(waiter.host)) {
        waiting.splice(index, 1);
        begin(waiter.host);
        waiter.start();
      } else {
        index += 1;
      }
    }
  };

  return {
    async run(host, task) {
      if (canStart(host)) begin(host);
      else await new Promise<void>((start) => waiting.push({ host, start }));
      try {
        return await task();
      } finally {
        finish(host);
      }
    },
  };
}
