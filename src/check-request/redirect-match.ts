import { editDistance } from '../text/suggest.js';

/**
 * Pleo compares a redirect URI with the registered ones as strings, exactly: no normalisation, so a
 * trailing slash, a letter's case or a port makes it another URI. When a request's URI is not
 * registered, the closest registered one and what sets them apart make the refusal easy to fix.
 */
export interface NearMiss {
  registered: string;
  index: number;
  /** "a trailing slash", "letter case", "the port (:8080 instead of :3000)"…; undefined when the two differ in more than one way. */
  difference?: string;
}

export function closestRegistered(requested: string, registered: readonly string[]): NearMiss | undefined {
  let best: NearMiss | undefined;
  let bestDistance = Infinity;
  registered.forEach((uri, index) => {
    const difference = differenceBetween(requested, uri);
    // A URI that differs in one known way is closer than any other, whatever the edit distance says.
    const distance = (difference ? 0 : 1_000_000) + editDistance(requested, uri);
    if (distance < bestDistance) {
      bestDistance = distance;
      best = { registered: uri, index, ...(difference ? { difference } : {}) };
    }
  });
  // Far from every registered URI: naming one would mislead more than help.
  if (best && !best.difference && bestDistance - 1_000_000 > Math.max(8, requested.length / 2)) return undefined;
  return best;
}

/** The one way two URIs differ, when there is just one that people commonly trip over. */
export function differenceBetween(requested: string, registered: string): string | undefined {
  if (requested === registered) return undefined;
  if (requested === `${registered}/` || `${requested}/` === registered) return 'a trailing slash';
  if (requested.toLowerCase() === registered.toLowerCase()) return 'letter case';
  if (requested.trim() === registered.trim()) return 'white space around it';
  const a = parse(requested);
  const b = parse(registered);
  if (!a || !b) return undefined;
  const same = (keys: readonly (keyof URL)[]) => keys.every((key) => a[key] === b[key]);
  const rest = ['username', 'password', 'pathname', 'search', 'hash'] as const;
  if (same(['protocol', 'hostname', ...rest]) && a.port !== b.port) return `the port (${portText(a)} instead of ${portText(b)})`;
  if (same(['hostname', 'port', ...rest]) && a.protocol !== b.protocol) return `the scheme (${a.protocol} instead of ${b.protocol})`;
  if (same(['protocol', 'hostname', 'port', 'pathname', 'hash']) && a.search !== b.search) return 'the query';
  if (same(['protocol', 'port', ...rest]) && a.hostname !== b.hostname) return `the host (${a.hostname} instead of ${b.hostname})`;
  if (same(['protocol', 'hostname', 'port', 'search', 'hash']) && a.pathname !== b.pathname) return 'the path';
  return undefined;
}

function parse(uri: string): URL | undefined {
  try {
    return new URL(uri);
  } catch {
    return undefined;
  }
}

function portText(url: URL): string {
  return url.port === '' ? 'no port' : `:${url.port}`;
}
