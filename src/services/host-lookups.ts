/**
 * The pre-flight host name lookups of one run (one HTTP client). A manifest is untrusted and may
 * list a hundred random subdomains of one domain, or the same name forty times, so:
 *  - each name is looked up once per run and its answer shared by every URL and redirect hop on it.
 *    Failures are shared too: within one run a name that did not resolve (or timed out) would not
 *    do better the next time, and retrying would let one slow name cost a timeout per URL;
 *  - at most `limit` lookups are in flight; the rest wait their turn, in arrival order;
 *  - once the budget is spent no waiting lookup starts.
 * These answers are only the early check and the addresses a request is counted against: the
 * connector resolves again on connect, checks every address and pins the connection to them.
 */
import { dnsError } from './guarded-connector.js';
import type { ResolvedAddress, Resolver } from './guarded-connector.js';
import { withTimeout } from './deadline.js';
import type { NetworkBudget } from './network-budget.js';

export type LookupAnswer =
  | { kind: 'resolved'; addresses: ResolvedAddress[] }
  | { kind: 'failed'; error: unknown }
  | { kind: 'budget-spent' };

export interface HostLookup {
  /** Settles once the lookup has started (or joined one), or will never start; before that it is queued. */
  readonly started: Promise<void>;
  /** Never rejects. */
  readonly answer: Promise<LookupAnswer>;
}

export interface HostLookupOptions {
  resolve: Resolver;
  /** Lookups in flight at most. */
  limit: number;
  /** A lookup slower than this answers as ETIMEOUT. */
  timeoutMs: number;
  budget: Pick<NetworkBudget, 'isSpent' | 'spent'>;
}

export function createHostLookups(options: HostLookupOptions): (hostname: string) => HostLookup {
  const { resolve, limit, timeoutMs, budget } = options;
  const lookups = new Map<string, HostLookup>();
  /** Each waiter is told whether it got a slot (false: the budget is spent, it will not start). */
  const waiting: ((granted: boolean) => void)[] = [];
  let inFlight = 0;

  void budget.spent.then(() => {
    for (const giveUp of waiting.splice(0)) giveUp(false);
  });

  const acquire = (): Promise<boolean> => {
    if (budget.isSpent()) return Promise.resolve(false);
    if (inFlight < limit) {
      inFlight += 1;
      return Promise.resolve(true);
    }
    return new Promise((granted) => waiting.push(granted));
  };

  // A freed slot goes straight to the next waiter, so a newcomer cannot take it in between.
  const release = (): void => {
    const next = waiting.shift();
    if (next === undefined) inFlight -= 1;
    else if (budget.isSpent()) {
      inFlight -= 1;
      next(false);
    } else next(true);
  };

  async function lookUp(hostname: string, slot: Promise<boolean>): Promise<LookupAnswer> {
    if (!(await slot)) return { kind: 'budget-spent' };
    const resolving = Promise.resolve().then(() => resolve(hostname));
    // The slot is held until the resolver is really done, not just until our timeout: a lookup we
    // stopped waiting for still occupies the OS resolver (getaddrinfo cannot be cancelled).
    resolving.then(release, release);
    try {
      return { kind: 'resolved', addresses: await withTimeout(resolving, timeoutMs, () => dnsError('ETIMEOUT', hostname)) };
    } catch (error) {
      return { kind: 'failed', error };
    }
  }

  return (hostname) => {
    let lookup = lookups.get(hostname);
    if (lookup === undefined) {
      const slot = acquire();
      lookup = { started: slot.then(() => undefined), answer: lookUp(hostname, slot) };
      lookups.set(hostname, lookup);
    }
    return lookup;
  };
}
