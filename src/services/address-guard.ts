/**
 * Which IP addresses a link check may connect to.
 *
 * Manifests are untrusted (they arrive in pull requests) and CI runners sit next to cloud metadata
 * services, so every address that is not ordinary public unicast is refused: the IANA special-purpose
 * registries (the list node-oidc-provider enforces) plus multicast, broadcast and IPv6 outside 2000::/3.
 * No I/O: what an address is, is node:net's answer.
 */

import { isIPv4, isIPv6 } from 'node:net';

export type AddressClass = { allowed: true } | { allowed: false; range: string };

/** Range names callers may compare against (the rest are descriptive only). */
export const LOOPBACK = 'loopback';
export const CLOUD_METADATA = 'cloud metadata service';

interface Ipv4Range {
  base: number;
  prefix: number;
  range: string;
}

interface Ipv6Range {
  base: bigint;
  prefix: number;
  range: string;
}

const PRIVATE = 'private (RFC 1918)';
const DOCUMENTATION = 'documentation';

// Built on first use: most runs classify no address at all.
let tables: ReturnType<typeof buildTables> | undefined;
const ranges = () => (tables ??= buildTables());

function buildTables() {
  // More specific entries first: the first match names the range.
  const ipv4: readonly Ipv4Range[] = [
    v4('169.254.169.254/32', CLOUD_METADATA), // AWS, GCP, Azure, OpenStack…
    v4('100.100.100.200/32', CLOUD_METADATA), // Alibaba Cloud
    v4('255.255.255.255/32', 'broadcast'),
    v4('0.0.0.0/8', 'unspecified / "this network"'),
    v4('10.0.0.0/8', PRIVATE),
    v4('100.64.0.0/10', 'carrier-grade NAT (RFC 6598)'),
    v4('127.0.0.0/8', LOOPBACK),
    v4('169.254.0.0/16', 'link-local / cloud metadata'),
    v4('172.16.0.0/12', PRIVATE),
    v4('192.0.0.0/24', 'IETF protocol assignments'),
    v4('192.0.2.0/24', DOCUMENTATION),
    v4('192.31.196.0/24', 'AS112 anycast'),
    v4('192.52.193.0/24', 'AMT relay anycast'),
    v4('192.88.99.0/24', '6to4 relay anycast (deprecated)'),
    v4('192.168.0.0/16', PRIVATE),
    v4('192.175.48.0/24', 'AS112 direct delegation'),
    v4('198.18.0.0/15', 'benchmarking'),
    v4('198.51.100.0/24', DOCUMENTATION),
    v4('203.0.113.0/24', DOCUMENTATION),
    v4('224.0.0.0/4', 'multicast'),
    v4('240.0.0.0/4', 'reserved'),
  ];

  // IPv4-mapped (::ffff:0:0/96), IPv4-compatible (::/96) and NAT64 (64:ff9b::/96) addresses are
  // classified by their embedded IPv4 address (see classifyIpv6), so they are not listed here.
  const ipv6: readonly Ipv6Range[] = [
    v6('::/128', 'unspecified'),
    v6('::1/128', LOOPBACK),
    v6('64:ff9b:1::/48', 'local-use NAT64'),
    v6('100::/64', 'discard-only'),
    v6('2001:db8::/32', DOCUMENTATION),
    v6('2001::/23', 'IETF protocol assignments (Teredo, ORCHID…)'),
    v6('2002::/16', '6to4'),
    v6('2620:4f:8000::/48', 'AS112 direct delegation'),
    v6('3fff::/20', DOCUMENTATION),
    v6('5f00::/16', 'segment routing (SRv6)'),
    v6('fd00:ec2::254/128', CLOUD_METADATA), // AWS over IPv6
    v6('fc00::/7', 'unique local (private)'),
    v6('fe80::/10', 'link-local'),
    v6('fec0::/10', 'site-local (deprecated)'),
    v6('ff00::/8', 'multicast'),
  ];

  return {
    ipv4,
    ipv6,
    globalUnicast: v6('2000::/3', 'global unicast'),
    mappedV4: v6('::ffff:0:0/96', 'IPv4-mapped'),
    compatibleV4: v6('::/96', 'IPv4-compatible (deprecated)'),
    nat64V4: v6('64:ff9b::/96', 'NAT64'),
  };
}

/**
 * Classifies an IP address (IPv4, IPv6, IPv6 with a zone, IPv4-mapped/compatible IPv6).
 * Anything that is not a valid IP address is refused too: the caller asked about an address.
 */
export function classifyAddress(ip: string): AddressClass {
  const address = stripZone(ip);
  if (isIPv4(address)) return classifyIpv4(ipv4ToNumber(address));
  if (isIPv6(address)) return classifyIpv6(ipv6ToBigInt(address));
  return { allowed: false, range: 'not an IP address' };
}

/** classifyAddress, with loopback let through when a test or benchmark asks for it. */
export function isAddressAllowed(ip: string, allowLoopback: boolean): AddressClass {
  const verdict = classifyAddress(ip);
  if (!verdict.allowed && allowLoopback && verdict.range === LOOPBACK) return { allowed: true };
  return verdict;
}

/**
 * The IP address in the host of a WHATWG-parsed URL (`url.hostname`), or undefined for a name.
 * WHATWG already normalises IPv4 spellings (`2130706433`, `0x7f.1`, `127.1` → `127.0.0.1`) and
 * brackets IPv6 (`[::1]`), so only the brackets need removing.
 */
export function hostLiteral(urlHost: string): string | undefined {
  const unbracketed = urlHost.startsWith('[') && urlHost.endsWith(']') ? urlHost.slice(1, -1) : urlHost;
  return isIPv4(unbracketed) || isIPv6(unbracketed) ? unbracketed : undefined;
}

function classifyIpv4(address: number): AddressClass {
  for (const { base, prefix, range } of ranges().ipv4) {
    if (ipv4InRange(address, base, prefix)) return { allowed: false, range };
  }
  return { allowed: true };
}

function classifyIpv6(address: bigint): AddressClass {
  const { ipv6, globalUnicast, mappedV4, compatibleV4, nat64V4 } = ranges();
  // Embedded IPv4 forms reach IPv4 hosts, so the IPv4 verdict decides.
  if (ipv6InRange(address, mappedV4) || ipv6InRange(address, nat64V4)) {
    return classifyIpv4(Number(address & 0xffffffffn));
  }
  for (const entry of ipv6) {
    if (ipv6InRange(address, entry)) return { allowed: false, range: entry.range };
  }
  if (ipv6InRange(address, compatibleV4)) {
    // Deprecated (RFC 4291); never legitimate today, but name the IPv4 range when there is one.
    const embedded = classifyIpv4(Number(address & 0xffffffffn));
    return { allowed: false, range: embedded.allowed ? compatibleV4.range : embedded.range };
  }
  if (!ipv6InRange(address, globalUnicast)) return { allowed: false, range: 'reserved (outside 2000::/3)' };
  return { allowed: true };
}

function stripZone(ip: string): string {
  const percent = ip.indexOf('%');
  return percent === -1 ? ip : ip.slice(0, percent);
}

function ipv4ToNumber(address: string): number {
  return address.split('.').reduce((value, octet) => value * 256 + Number(octet), 0);
}

function ipv4InRange(address: number, base: number, prefix: number): boolean {
  const size = 2 ** (32 - prefix);
  return address - (address % size) === base;
}

/** Expects an address that net.isIPv6 accepted (so at most one `::`, valid groups). */
function ipv6ToBigInt(address: string): bigint {
  let text = address.toLowerCase();
  const lastColon = text.lastIndexOf(':');
  const tail = text.slice(lastColon + 1);
  if (tail.includes('.')) {
    const v4 = ipv4ToNumber(tail);
    text = `${text.slice(0, lastColon + 1)}${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  }
  const [head = '', rest] = text.split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const restGroups = rest === undefined || rest === '' ? [] : rest.split(':');
  const zeros: string[] = rest === undefined ? [] : Array<string>(8 - headGroups.length - restGroups.length).fill('0');
  return [...headGroups, ...zeros, ...restGroups].reduce((value, group) => (value << 16n) | BigInt(`0x${group}`), 0n);
}

function ipv6InRange(address: bigint, { base, prefix }: Ipv6Range): boolean {
  const shift = BigInt(128 - prefix);
  return address >> shift === base >> shift;
}

function v4(cidr: string, range: string): Ipv4Range {
  const [base = '', prefix = ''] = cidr.split('/');
  return { base: ipv4ToNumber(base), prefix: Number(prefix), range };
}

function v6(cidr: string, range: string): Ipv6Range {
  const [base = '', prefix = ''] = cidr.split('/');
  return { base: ipv6ToBigInt(base), prefix: Number(prefix), range };
}
