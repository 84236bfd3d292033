import type { Outcome } from '../../services/http-outcome.js';
import { clip } from '../../text/describe.js';

import type { RequestOptions } from '../../services/http.js';
import { BUDGET_SPENT } from '../../services/network-budget.js';

/** Bytes a link check reads of a page before it stops. */
export const PAGE_BYTES = 2 * 1024 * 1024;

/**
 * How every rule asks for a page, and how the logo loader asks for a logo: the client requests each
 * URL once per way of asking, so rules that ask alike share one request.
 */
export const PAGE_REQUEST: RequestOptions = { method: 'GET', maxBytes: PAGE_BYTES };
export const LOGO_REQUEST: RequestOptions = { method: 'GET', maxBytes: 10 * 1024 * 1024, readBody: true, purpose: 'logo' };

/** How a failed request reads in a message: "answered HTTP 404", "its host does not resolve"… */
export function describeOutcome(outcome: Outcome): string {
  const via = outcome.redirects.length > 0 ? ` (after redirects, at ${clip(outcome.url)})` : '';
  switch (outcome.kind) {
    case 'response':
      return `answered HTTP ${outcome.status}${via}`;
    case 'dns':
      return `its host ${clip(outcome.hostname)} does not resolve (${outcome.code})`;
    case 'tls':
      return `the TLS handshake failed (${clip(outcome.reason)})${via}`;
    case 'timeout':
      return `no answer within ${outcome.ms} ms (${outcome.phase === 'total' ? 'the whole request' : outcome.phase})${via}`;
    case 'refused':
      return `the connection was refused${via}`;
    case 'unreachable':
      return `the network is unreachable (${clip(outcome.reason)})`;
    case 'downgrade':
      return `it redirects from https: to http: (${clip(outcome.to)})`;
    case 'too-many-redirects':
      return `it redirects more than ${outcome.limit} times`;
    case 'redirect-loop':
      return `it redirects in a loop (${outcome.chain.map((u) => clip(u, 60)).join(' → ')})`;
    case 'too-large':
      return `its body is larger than ${Math.round(outcome.limit / 1024 / 1024)} MiB${via}`;
    case 'blocked':
      return `leads to ${outcome.address}, a ${outcome.range} address, which is never requested${via}`;
    case 'invalid-url':
      return `it is not a URL that can be requested (${clip(outcome.reason)})`;
    case 'network-error':
      if (isBudgetSpent(outcome)) return outcome.reason;
      return `the request failed (${clip(outcome.reason)})${via}`;
  }
}

/** A request the run's network budget (`--network-budget`) ran out before: not checked at all. */
export function isBudgetSpent(outcome: Outcome): boolean {
  return outcome.kind === 'network-error' && outcome.code === BUDGET_SPENT;
}

/**
 * Conditions that say nothing about the page (the runner's network, a slow server) are warnings:
 * the check "could not verify". Everything else is the page's fault.
 */
export function isInconclusive(outcome: Outcome): boolean {
  return outcome.kind === 'timeout' || outcome.kind === 'unreachable' || outcome.kind === 'network-error' || outcome.kind === 'too-large';
}
