/**
 * Maps with at most `limit` calls in flight and yields the results in input order as they are ready.
 * At most `window` calls are started ahead of the result awaited, so however many items there are, few
 * results wait in memory for a slow earlier one.
 */
export async function* mapInOrder<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>, window = limit * 4): AsyncGenerator<R> {
  let running = 0;
  const waiting: (() => void)[] = [];
  // A finishing call hands its place straight to the next waiter, so no more than `limit` ever run.
  const acquire = async () => (running < limit ? void running++ : new Promise<void>((start) => waiting.push(start)));
  const release = () => (waiting.length > 0 ? waiting.shift()!() : void running--);
  const started = new Map<number, Promise<R>>();
  const start = (index: number) => {
    const call = (async () => {
      await acquire();
      try {
        return await fn(items[index]!);
      } finally {
        release();
      }
    })();
    // Awaited in its turn; until then a failure must not count as unhandled.
    call.catch(() => {});
    started.set(index, call);
  };
  let next = 0;
  for (let index = 0; index < items.length; index++) {
    while (next < items.length && next < index + window) start(next++);
    const call = started.get(index)!;
    started.delete(index);
    yield await call;
  }
}
