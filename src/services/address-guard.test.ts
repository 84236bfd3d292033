import * as net from 'node:net';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyAddress, hostLiteral, isAddressAllowed } from './address-guard.js';

/** The IP a link check would connect to for this URL, as WHATWG parses it. */
function ipOf(url: string): string {
  const ip = hostLiteral(new URL(url).hostname);
  if (ip === undefined) throw new Error(`${url} has no IP literal host`);
  return ip;
}

describe('classifyAddress through URL hosts', () => {
  it.each([
    ['https://127.0.0.1/', 'loopback'],
    ['https://[::1]/', 'loopback'],
    ['https://[::ffff:127.0.0.1]/', 'loopback'],
    ['https://[::ffff:7f00:1]/', 'loopback'],
    ['https://[::127.0.0.1]/', 'loopback'],
    ['https://2130706433/', 'loopback'],
    ['https://0x7f.1/', 'loopback'],
    ['https://127.1/', 'loopback'],
    ['https://0177.0.0.1/', 'loopback'],
    ['https://169.254.169.254/', 'cloud metadata service'],
    ['https://[::ffff:169.254.169.254]/', 'cloud metadata service'],
    ['https://[fd00:ec2::254]/', 'cloud metadata service'],
    ['https://169.254.10.1/', 'link-local / cloud metadata'],
    ['https://100.64.0.1/', 'carrier-grade NAT (RFC 6598)'],
    ['https://[fd00::1]/', 'unique local (private)'],
    ['https://[fe80::1]/', 'link-local'],
    ['https://10.0.0.1/', 'private (RFC 1918)'],
    ['https://172.16.5.4/', 'private (RFC 1918)'],
    ['https://192.168.1.1/', 'private (RFC 1918)'],
    ['https://0.0.0.0/', 'unspecified / "this network"'],
    ['https://[::]/', 'unspecified'],
    ['https://[64:ff9b::7f00:1]/', 'loopback'],
    ['https://[64:ff9b::10.1.2.3]/', 'private (RFC 1918)'],
    ['https://[64:ff9b:1::1]/', 'local-use NAT64'],
    ['https://192.0.2.7/', 'documentation'],
    ['https://[2001:db8::1]/', 'documentation'],
    ['https://[3fff::1]/', 'documentation'],
    ['https://198.18.0.1/', 'benchmarking'],
    ['https://224.0.0.1/', 'multicast'],
    ['https://[ff02::1]/', 'multicast'],
    ['https://240.0.0.1/', 'reserved'],
    ['https://255.255.255.255/', 'broadcast'],
    ['https://[2002:7f00:1::]/', '6to4'],
    ['https://[2001::1]/', 'IETF protocol assignments (Teredo, ORCHID…)'],
    ['https://[100::1]/', 'discard-only'],
    ['https://[5f00::1]/', 'segment routing (SRv6)'],
    ['https://[2620:4f:8000::1]/', 'AS112 direct delegation'],
    ['https://[4000::1]/', 'reserved (outside 2000::/3)'],
  ])('%s is refused as %s', (url, range) => {
    expect(classifyAddress(ipOf(url))).toEqual({ allowed: false, range });
  });

  it.each([
    'https://8.8.8.8/',
    'https://1.1.1.1/',
    'https://[2606:4700::1111]/',
    'https://172.32.0.1/',
    'https://100.128.0.1/',
    'https://169.255.0.1/',
    'https://[64:ff9b::808:808]/', // NAT64 of a public address
    'https://[::ffff:8.8.8.8]/',
  ])('%s is allowed', (url) => {
    expect(classifyAddress(ipOf(url))).toEqual({ allowed: true });
  });
});

describe('classifyAddress on socket addresses', () => {
  it('ignores an IPv6 zone', () => {
    expect(classifyAddress('fe80::1%eth0')).toEqual({ allowed: false, range: 'link-local' });
  });

  it('refuses what is not an IP address', () => {
    expect(classifyAddress('localhost')).toEqual({ allowed: false, range: 'not an IP address' });
    expect(classifyAddress('')).toEqual({ allowed: false, range: 'not an IP address' });
  });

  it('treats upper-case IPv6 like lower-case', () => {
    expect(classifyAddress('FD00::1')).toEqual({ allowed: false, range: 'unique local (private)' });
  });
});

describe('isAddressAllowed', () => {
  it('lets loopback through only when asked', () => {
    expect(isAddressAllowed('127.0.0.1', true)).toEqual({ allowed: true });
    expect(isAddressAllowed('::ffff:127.0.0.1', true)).toEqual({ allowed: true });
    expect(isAddressAllowed('::1', true)).toEqual({ allowed: true });
    expect(isAddressAllowed('127.0.0.1', false)).toEqual({ allowed: false, range: 'loopback' });
  });

  it('never lets other special ranges through', () => {
    expect(isAddressAllowed('10.0.0.1', true).allowed).toBe(false);
    expect(isAddressAllowed('169.254.169.254', true).allowed).toBe(false);
    expect(isAddressAllowed('0.0.0.0', true).allowed).toBe(false);
  });
});

describe('hostLiteral', () => {
  it('returns IP literals without brackets', () => {
    expect(hostLiteral('127.0.0.1')).toBe('127.0.0.1');
    expect(hostLiteral('[::1]')).toBe('::1');
    expect(hostLiteral(new URL('https://[::ffff:127.0.0.1]/').hostname)).toBe('::ffff:7f00:1');
  });

  it('returns undefined for names', () => {
    expect(hostLiteral('example.com')).toBeUndefined();
    expect(hostLiteral('localhost')).toBeUndefined();
    expect(hostLiteral('[example]')).toBeUndefined();
  });
});

