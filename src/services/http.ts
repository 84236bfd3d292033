/**
 * The one module that makes outbound requests. Manifest URLs are untrusted: only GET/HEAD
 * over https:, no cookies or credentials, proxy variables ignored (an explicit Agent is the
 * dispatcher, never the global one), special-use addresses refused before and on connect
 * (see guarded-connector.ts), redirects followed by hand and re-checked, every phase time-bounded,
 * bodies capped. Network conditions come back as an Outcome; nothing here throws for them.
 *
 * Imported only when a network check runs: importing it loads undici but starts nothing.
 */
import { Agent } from 'undici';
import { LOOPBACK, classifyAddress, hostLiteral, isAddressAllowed } from './address-guard.js';
import { createGuardedConnector, systemResolver } from './guarded-connector.js';
import type { Resolver } from './guarded-connector.js';
import { outcomeOfError } from './http-outcome.js';
import type { Outcome, OutcomeDetails } from './http-outcome.js';
import { createDeadline } from './deadline.js';
import type { Deadline } from './deadline.js';
import { readResponse } from './http-response.js';
import type { HopResult } from './http-response.js';
import { createHostLookups } from './host-lookups.js';
import { createRequestScheduler } from './request-scheduler.js';
import { BUDGET_SPENT, budgetSpentReason, DEFAULT_NETWORK_BUDGET_MS, startNetworkBudget } from './network-budget.js';

export type * from './http-outcome.js';
export type { ResolvedAddress, Resolver } from './guarded-connector.js';

export interface HttpClientOptions {
  /**
   * Bounds connect (incl. TLS), headers and the gap between body chunks (undici's timers: up to ~1 s
   * late); default 5000. A whole request, redirects included, is cut at 2 × timeoutMs + 1 s.
   */
  timeoutMs?: number;
  /** Hops followed per request; default 5. */
  maxRedirects?: number;
  /** Requests in flight overall, and pre-flight DNS lookups in flight; default 8. */
  concurrency?: number;
  /** Requests in flight per host name; default 2. */
  perHost?: number;
  /**
   * Requests in flight per resolved address, whatever the names; default 4, so two names of one
   * site (www and app on one CDN address) each get their two, and forty names cannot multiply it.
   */
  perAddress?: number;
  /**
   * The whole client's network time, from its creation (`--network-budget`); default 30000. Requests
   * still queued or in flight when it is spent end as a network-error with code BUDGET_SPENT.
   */
  budgetMs?: number;
  /**
   * Tests and benchmarks only — the CLI never sets it. Lets loopback addresses (127/8, ::1 and their
   * IPv4-mapped forms) through the guard, and allows plain http: when the host is a loopback IP
   * literal. Every other special-use range stays refused.
   */
  allowLoopback?: boolean;
  /** Host name resolution (tests inject one so no test touches real DNS); default: the OS resolver. */
  resolve?: Resolver;
  /** Extra trusted CA certificate (PEM); tests only. */
  ca?: string;
  /** Called when a distinct request starts or settles. */
  onProgress?: (done: number, total: number) => void;
  /** pleo-register's version, for the User-Agent. */
  version?: string;
}

export interface RequestOptions {
  method: 'GET' | 'HEAD';
  /** Body bytes read at most (2 MiB for pages, 10 MiB for logos); more ends the request as too-large. */
  maxBytes: number;
  /** Return the body of a 2xx GET (logos); otherwise it is read up to maxBytes and discarded. */
  readBody?: boolean;
  /** What the caller checks (e.g. "logo"); informational, never sent. */
  purpose?: string;
}

/** The network port: one guarded request, its outcome described (never thrown). */
export type SendRequest = (url: string, options: RequestOptions) => Promise<Outcome>;

export interface HttpClient {
  request: SendRequest;
  /** Closes pooled connections once in-flight requests end (each is bounded by its deadline). */
  close(): Promise<void>;
}

export function createHttpClient(options: HttpClientOptions = {}): HttpClient {
  const timeoutMs = options.timeoutMs ?? 5000;
  const maxRedirects = options.maxRedirects ?? 5;
  const allowLoopback = options.allowLoopback ?? false;
  const resolve = options.resolve ?? systemResolver;
  // Per request, across all hops: bodyTimeout is per chunk, so a server dripping a byte at a time
  // could otherwise hold a request for ever. Twice the per-phase timeout leaves room for a
  // slow-but-honest connect + response; the extra second is because undici's connect, headers and
  // body timers tick at ~0.5 s and may fire up to ~1 s late, and they name the phase better.
  // Time spent queued for a slot does not count.
  const deadlineMs = 2 * timeoutMs + 1000;
  const headers = {
    'user-agent': `pleo-register/${options.version ?? 'dev'} (+link check)`,
    accept: '*/*',
    // No compression: the byte cap then bounds what we hold, with no decompression bombs.
    'accept-encoding': 'identity',
  };

  const agent = new Agent({
    connect: createGuardedConnector({
      allowLoopback,
      connectTimeoutMs: timeoutMs,
      resolve,
      ...(options.ca === undefined ? {} : { ca: options.ca }),
    }),
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
    connections: options.perHost ?? 2,
    allowH2: false,
  });
  const concurrency = options.concurrency ?? 8;
  const scheduler = createRequestScheduler({
    concurrency,
    perHost: options.perHost ?? 2,
    perAddress: options.perAddress ?? 4,
  });
  const budget = startNetworkBudget(options.budgetMs ?? DEFAULT_NETWORK_BUDGET_MS);
  // As many lookups as requests: each lookup feeds a request, so more would only run ahead of
  // requests that cannot start, and an untrusted manifest's hundred names would otherwise be a
  // hundred lookups at once (the OS resolver runs them on libuv's few threads, shared with file
  // reads). The connector's own lookups happen inside a request slot, so they are bounded already.
  const lookUpHost = createHostLookups({ resolve, limit: concurrency, timeoutMs, budget });
  const budgetSpent = (url: string, redirects: readonly string[] = []): Outcome => ({
    kind: 'network-error',
    code: BUDGET_SPENT,
    reason: budgetSpentReason(budget.ms),
    url,
    redirects,
  });
  const memo = new Map<string, Promise<Outcome>>();
  let done = 0;

  const progress = (): void => options.onProgress?.(done, memo.size);

  /** An outcome for a URL that must not be requested as it is, or undefined when it may be. */
  function refusal(url: URL): OutcomeDetails | undefined {
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      return { kind: 'invalid-url', reason: `${url.protocol} URLs are not fetched; only https:` };
    }
    if (url.username !== '' || url.password !== '') {
      return { kind: 'invalid-url', reason: 'URLs with credentials (user:password@) are not fetched' };
    }
    const literal = hostLiteral(url.hostname);
    if (literal !== undefined) {
      const verdict = isAddressAllowed(literal, allowLoopback);
      if (!verdict.allowed) return { kind: 'blocked', address: literal, range: verdict.range, stage: 'before-connect' };
    }
    if (url.protocol === 'http:' && !(allowLoopback && literal !== undefined && isLoopback(literal))) {
      return { kind: 'invalid-url', reason: 'http: URLs are not fetched; only https:' };
    }
    return undefined;
  }

  /**
   * Early, friendly answer for names, and the addresses a request is counted against; the connector
   * re-resolves and re-checks on connect. The lookup is shared by every URL on the name (see
   * host-lookups.ts); time queued for it does not count against the request's deadline, as for a
   * request slot, but the lookup itself does.
   */
  async function checkResolved(
    hostname: string,
    deadline: Deadline,
  ): Promise<{ refusal: OutcomeDetails } | { addresses: string[] } | { budgetSpent: true }> {
    const literal = hostLiteral(hostname);
    if (literal !== undefined) return { addresses: [literal] };
    const lookup = lookUpHost(hostname);
    await lookup.started;
    const answer = await deadline.run(() => lookup.answer);
    if (answer.kind === 'budget-spent') return { budgetSpent: true };
    if (answer.kind === 'failed') {
      const outcome = outcomeOfError(answer.error, hostname, timeoutMs);
      return { refusal: outcome.kind === 'dns' ? outcome : { kind: 'dns', code: 'EOTHER', hostname } };
    }
    const { addresses } = answer;
    if (addresses.length === 0) return { refusal: { kind: 'dns', code: 'ENOTFOUND', hostname } };
    for (const { address } of addresses) {
      const verdict = isAddressAllowed(address, allowLoopback);
      if (!verdict.allowed) return { refusal: { kind: 'blocked', address, range: verdict.range, stage: 'before-connect' } };
    }
    return { addresses: addresses.map(({ address }) => address) };
  }

  async function sendOnce(url: URL, options: RequestOptions, deadline: Deadline): Promise<HopResult> {
    return deadline.run(async (deadlineSignal) => {
      // In flight when the budget is spent: ended, so the run does not wait for it.
      const signal = AbortSignal.any([deadlineSignal, budget.signal]);
      try {
        const response = await agent.request({
          origin: url.origin,
          path: `${url.pathname}${url.search}`,
          method: options.method,
          headers,
          signal,
        });
        return await readResponse(response, options, signal);
      } catch (error) {
        if (signal.aborted) return { kind: 'timeout', phase: 'total', ms: deadlineMs };
        return outcomeOfError(error, url.hostname, timeoutMs);
      }
    });
  }

  async function fetchWithRedirects(requested: string, options: RequestOptions): Promise<Outcome> {
    const redirects: string[] = [];
    let current: URL;
    try {
      current = withoutHash(new URL(requested));
    } catch {
      return { kind: 'invalid-url', reason: 'not an absolute URL', url: requested, redirects };
    }
    const deadline = createDeadline(deadlineMs);
    for (;;) {
      const at = { url: current.href, redirects: [...redirects] };
      if (budget.isSpent()) return budgetSpent(at.url, at.redirects);
      const early = refusal(current);
      if (early !== undefined) return { ...early, ...at };
      const resolved = await checkResolved(current.hostname, deadline);
      if ('budgetSpent' in resolved) return budgetSpent(at.url, at.redirects);
      if ('refusal' in resolved) return { ...resolved.refusal, ...at };
      const url = current;
      const slots = { host: url.hostname, addresses: resolved.addresses };
      // A request that waited for its slots past the budget is not sent.
      const hop = await scheduler.run(slots, async () => (budget.isSpent() ? undefined : sendOnce(url, options, deadline)));
      if (hop === undefined || (hop.kind === 'timeout' && budget.isSpent())) return budgetSpent(at.url, at.redirects);
      if (hop.kind !== 'redirect') return { ...hop, ...at };

      let next: URL;
      try {
        next = withoutHash(new URL(hop.location, current));
      } catch {
        return { kind: 'invalid-url', reason: `unusable Location: ${hop.location}`, ...at };
      }
      const chain = [...redirects, current.href, next.href];
      if (current.protocol === 'https:' && next.protocol === 'http:') {
        return { kind: 'downgrade', from: current.href, to: next.href, ...at };
      }
      if (chain.slice(0, -1).includes(next.href)) return { kind: 'redirect-loop', chain, ...at };
      if (redirects.length >= maxRedirects) return { kind: 'too-many-redirects', limit: maxRedirects, chain, ...at };
      redirects.push(current.href);
      current = next;
    }
  }

  return {
    request(url, requestOptions) {
      const key = memoKey(url, requestOptions);
      const known = memo.get(key);
      if (known !== undefined) return known;
      // Ends when the budget does, whatever the request is waiting for (a slot, DNS, the server).
      const pending = Promise.race([fetchWithRedirects(url, requestOptions), budget.spent.then(() => budgetSpent(url))])
        .catch((error: unknown): Outcome => ({
          kind: 'network-error',
          reason: error instanceof Error ? error.message : String(error),
          url,
          redirects: [],
        }))
        .finally(() => {
          done += 1;
          progress();
        });
      memo.set(key, pending);
      progress();
      return pending;
    },
    close: () => {
      // Past the budget, requests still in flight were given up on: their connections are cut, not
      // awaited (a handshake that never completes would hold the run for its connect timeout).
      const givenUp = budget.isSpent();
      budget.stop();
      return givenUp ? agent.destroy() : agent.close();
    },
  };
}

function isLoopback(ip: string): boolean {
  const verdict = classifyAddress(ip);
  return !verdict.allowed && verdict.range === LOOPBACK;
}

function withoutHash(url: URL): URL {
  url.hash = '';
  return url;
}

function memoKey(url: string, { method, maxBytes, readBody }: RequestOptions): string {
  let normalised = url;
  try {
    normalised = withoutHash(new URL(url)).href;
  } catch {
    // Invalid URLs are memoised by their text; they never reach the network anyway.
  }
  // Different body needs give different outcomes (a 3 MiB logo is too large as a page), so they
  // are distinct requests; rules always ask for a URL with the same needs.
  return `${method} ${maxBytes} ${readBody === true ? 'body' : 'no-body'} ${normalised}`;
}
