/**
 * The undici connector every link check connects through. Three layers, because each alone is
 * bypassable (reference/oauth-validation.md §3):
 *  1. an IP-literal host is classified before anything is opened (net.connect never calls `lookup`
 *     for literals, so a lookup-only guard lets `https://169.254.169.254/` through);
 *  2. a name is resolved by our `lookup`, every address is classified, and net.connect is pinned to
 *     the addresses we checked (the URL host is kept, so SNI and certificate checks still apply);
 *  3. after the TCP connection is up — and before TLS or any HTTP byte — the socket's actual
 *     `remoteAddress` is classified (node-oidc-provider's rule: the connected peer is the only
 *     reliable enforcement point; it holds whatever the resolver or Node did).
 */
import { lookup as systemLookup } from 'node:dns/promises';
import type { LookupAddress, LookupOptions } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { createSecureContext, rootCertificates } from 'node:tls';
import type { SecureContext } from 'node:tls';
import type { buildConnector as UndiciConnector } from 'undici';
import { buildConnector } from 'undici';
import { hostLiteral, isAddressAllowed } from './address-guard.js';
import { BlockedAddressError } from './http-outcome.js';

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a host name; rejects with an error carrying a DNS `code` (ENOTFOUND…). */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export interface GuardedConnectorOptions {
  allowLoopback: boolean;
  connectTimeoutMs: number;
  resolve?: Resolver;
  /** Extra trusted CA (PEM), added to Node's bundled roots rather than replacing them. */
  ca?: string;
}

export type Connector = UndiciConnector.connector;

export const systemResolver: Resolver = async (hostname) => {
  const addresses = await systemLookup(hostname, { all: true, verbatim: true });
  return addresses.map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));
};

export function createGuardedConnector(options: GuardedConnectorOptions): Connector {
  const { allowLoopback, connectTimeoutMs } = options;
  const lookup = guardedLookup(options.resolve ?? systemResolver, allowLoopback);
  const tcp = withRemoteAddressCheck(buildConnector({ timeout: connectTimeoutMs, lookup }), allowLoopback);
  const tls = buildConnector({
    timeout: connectTimeoutMs,
    ...(options.ca === undefined ? {} : { secureContext: secureContextTrusting(options.ca) }),
  });

  return (connectOptions, callback) => {
    const literal = hostLiteral(connectOptions.hostname);
    if (literal !== undefined) {
      const verdict = isAddressAllowed(literal, allowLoopback);
      if (!verdict.allowed) {
        callback(new BlockedAddressError(literal, verdict.range, 'before-connect'), null);
        return;
      }
    }
    const https = connectOptions.protocol === 'https:';
    const port = connectOptions.port === '' ? (https ? '443' : '80') : connectOptions.port;
    // Plain TCP first so the peer is checked before the TLS handshake; then TLS over that socket.
    tcp({ ...connectOptions, protocol: 'http:', port }, (error, socket) => {
      if (error !== null) callback(error, null);
      else if (!https) callback(null, socket);
      else tls({ ...connectOptions, port, httpSocket: socket }, callback);
    });
  };
}

/** Wraps a connector so a connection to a refused peer is destroyed and reported as blocked. */
export function withRemoteAddressCheck(connect: Connector, allowLoopback: boolean): Connector {
  return (connectOptions, callback) => {
    connect(connectOptions, (error, socket) => {
      if (error !== null) {
        callback(error, null);
        return;
      }
      const address = socket.remoteAddress ?? '';
      const verdict = isAddressAllowed(address, allowLoopback);
      if (verdict.allowed) {
        callback(null, socket);
        return;
      }
      socket.destroy();
      callback(new BlockedAddressError(address || 'unknown peer', verdict.range, 'on-connect'), null);
    });
  };
}

/**
 * A `lookup` for net.connect that resolves once through `resolve`, refuses the host when any
 * address is special-use, and answers in both of Node's call shapes (`all: true` → array, used with
 * autoSelectFamily; otherwise address + family).
 */
export function guardedLookup(resolve: Resolver, allowLoopback: boolean): LookupFunction {
  return (hostname: string, options: LookupOptions, callback: LookupCallback) => {
    resolve(hostname).then(
      (resolved) => {
        const family = options.family === 4 || options.family === 6 ? options.family : undefined;
        const wanted = family === undefined ? resolved : resolved.filter((entry) => entry.family === family);
        const first = wanted[0];
        if (first === undefined) {
          callback(dnsError('ENOTFOUND', hostname), '');
          return;
        }
        for (const { address } of wanted) {
          const verdict = isAddressAllowed(address, allowLoopback);
          if (!verdict.allowed) {
            callback(new BlockedAddressError(address, verdict.range, 'before-connect'), '');
            return;
          }
        }
        if (options.all === true) callback(null, wanted);
        else callback(null, first.address, first.family);
      },
      (error: unknown) => callback(asErrnoException(error, hostname), ''),
    );
  };
}

const secureContexts = new Map<string, SecureContext>();

/** Node's roots plus `ca`. Cached: parsing every bundled root costs tens of ms, per connection if passed as `ca`. */
function secureContextTrusting(ca: string): SecureContext {
  let context = secureContexts.get(ca);
  if (context === undefined) {
    context = createSecureContext({ ca: [...rootCertificates, ca] });
    secureContexts.set(ca, context);
  }
  return context;
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

export function dnsError(code: string, hostname: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code} ${hostname}`), { code, hostname, syscall: 'getaddrinfo' });
}

function asErrnoException(error: unknown, hostname: string): NodeJS.ErrnoException {
  return error instanceof Error ? error : dnsError('ENOTFOUND', hostname);
}
