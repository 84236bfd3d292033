/**
 * The whole run's network time (`--network-budget`). Each request is bounded on its own, but
 * forty slow redirect URIs, a few at a time, add up to far more than any one; once the budget is spent, requests still
 * queued or in flight end as "not checked", and no new one is sent.
 *
 * No imports: the rules read BUDGET_SPENT to word the outcome, and must not load the network for it.
 */

/** The `code` of the network-error outcome of a request the budget did not cover. */
export const BUDGET_SPENT = 'PLEO_NETWORK_BUDGET_SPENT';

export const DEFAULT_NETWORK_BUDGET_MS = 30_000;

export interface NetworkBudget {
  readonly ms: number;
  /** Aborted when the budget is spent. */
  readonly signal: AbortSignal;
  /** Resolves when the budget is spent; never rejects. */
  readonly spent: Promise<void>;
  isSpent(): boolean;
  /** Stops the clock (the run is over); the budget then counts as spent. */
  stop(): void;
}

/** Starts the clock now. The timer does not keep the process alive. */
export function startNetworkBudget(ms: number): NetworkBudget {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const spent = new Promise<void>((resolve) => {
    controller.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  const end = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    if (!controller.signal.aborted) controller.abort(new Error('network budget spent'));
  };
  timer = setTimeout(end, ms);
  timer.unref?.();
  return { ms, signal: controller.signal, spent, isSpent: () => controller.signal.aborted, stop: end };
}

/** Why a request was not made, as the outcome's reason. */
export function budgetSpentReason(ms: number): string {
  return `not checked: budget spent (the run's network budget of ${ms / 1000} s ran out first)`;
}
