import { describe, expect, it } from 'vitest';
import { runRule } from '../test-support/rule-tester.js';
import legalUrisDistinct from '../rules/legal-uris-distinct.js';
import redirectUriExact from '../rules/redirect-uri-exact.js';
import redirectUriHttps from '../rules/redirect-uri-https.js';
import redirectUriNoFragment from '../rules/redirect-uri-no-fragment.js';
import redirectUriNoWildcard from '../rules/redirect-uri-no-wildcard.js';
import redirectUriPublicHost from '../rules/redirect-uri-public-host.js';
import redirectUriQuery from '../rules/redirect-uri-query.js';
import redirectUriUnique from '../rules/redirect-uri-unique.js';
import uriCanonical from '../rules/uri-canonical.js';
import uriHttps from '../rules/uri-https.js';
import uriNoUserinfo from '../rules/uri-no-userinfo.js';
import uriPublicHost from '../rules/uri-public-host.js';
import { analyseCanonical, classifyHost, isAllowedLoopback, looksLikeUrl, quoteUri, schemeOf, splitRaw, suggestAbsolute } from './uri.js';

const ids = (raw: string) => analyseCanonical(raw)?.findings.map((f) => f.messageId);

describe('analyseCanonical', () => {
  it.each([
    ['https://2130706433/cb', ['ipv4Notation'], 'https://127.0.0.1/cb'],
    ['https://0x7f.1/cb', ['ipv4Notation'], 'https://127.0.0.1/cb'],
    ['https://127.1/cb', ['ipv4Notation'], 'https://127.0.0.1/cb'],
    ['https://0177.0.0.1/cb', ['ipv4Notation'], 'https://127.0.0.1/cb'],
    ['https://127.0.0.1./cb', ['ipv4Notation'], 'https://127.0.0.1/cb'],
    ['https://[0:0:0:0:0:0:0:1]/cb', ['ipv6Notation'], 'https://[::1]/cb'],
    ['https://[::FFFF:127.0.0.1]/cb', ['ipv6Notation'], 'https://[::ffff:7f00:1]/cb'],
    [' https://acme.io/cb', ['whitespace'], 'https://acme.io/cb'],
    ['https://acme.io/c\tb\n', ['whitespace'], 'https://acme.io/cb'],
    ['https://acme.io\\cb', ['backslash'], 'https://acme.io/cb'],
    ['https:\\\\acme.io/cb', ['backslash'], 'https://acme.io/cb'],
    ['https:acme.io/cb', ['slashes'], 'https://acme.io/cb'],
    ['https:///acme.io/cb', ['slashes'], 'https://acme.io/cb'],
    ['HTTPS://App.Acme.io/cb', ['schemeCase', 'hostCase'], 'https://app.acme.io/cb'],
    ['https://аррӏе.com/cb', ['unicodeHost'], 'https://xn--80ak6aa92e.com/cb'],
    ['https://acme.io:443/cb', ['defaultPort'], 'https://acme.io/cb'],
    ['http://acme.io:80/cb', ['defaultPort'], 'http://acme.io/cb'],
    ['https://acme.io:0443/cb', ['portFormat'], 'https://acme.io/cb'],
    ['https://acme.io:08080/cb', ['portFormat'], 'https://acme.io:8080/cb'],
    ['https://acme.io:/cb', ['portFormat'], 'https://acme.io/cb'],
    ['https://acme.io/a/./cb', ['dotSegments'], 'https://acme.io/a/cb'],
    ['https://acme.io/a/../cb', ['dotSegments'], 'https://acme.io/cb'],
    ['https://acme.io/a/%2e%2E/cb', ['dotSegments'], 'https://acme.io/cb'],
    ['https://acme.io/a/.%2e/cb', ['dotSegments'], 'https://acme.io/cb'],
    ['https://acme.io/c%zzb', ['invalidPercent'], 'https://acme.io/c%25zzb'],
    ['https://acme.io/cb?x=100%', ['invalidPercent'], 'https://acme.io/cb?x=100%25'],
    ['https://acme.io/a%2fb', ['lowercasePercent'], 'https://acme.io/a%2Fb'],
    ['https://acme.io/%7Euser', ['encodedUnreserved'], 'https://acme.io/~user'],
    ['https://acme.io/%61b', ['encodedUnreserved'], 'https://acme.io/ab'],
    ['https://acme.io/%4a%5A%5f%2D%30', ['encodedUnreserved'], 'https://acme.io/JZ_-0'],
    ['https://acme.io/%25%2F%3A%40%5B%7B%7F', [], 'https://acme.io/%25%2F%3A%40%5B%7B%7F'],
    ['https://acme.io/a b', ['unencoded'], 'https://acme.io/a%20b'],
    ['https://acme.io/é', ['unencoded'], 'https://acme.io/%C3%A9'],
    ["https://acme.io/cb?x='y'", ['unencoded'], 'https://acme.io/cb?x=%27y%27'],
  ])('%s → %j', (raw, expected, canonical) => {
    const analysis = analyseCanonical(raw)!;
    expect(analysis.findings.map((f) => f.messageId)).toEqual(expected);
    expect(analysis.canonical).toBe(canonical);
  });

  it.each([
    'https://acme.io/',
    'https://acme.io',
    'https://acme.io?x=1',
    'https://app.acme.io:8443/oauth/callback?tenant=eu#x',
    'http://localhost:3000/callback',
    'http://127.0.0.1:8080/cb',
    'http://[::1]/cb',
    'https://xn--80ak6aa92e.com/cb',
    'https://acme.io/a%2Fb%3A',
    'https://acme.io/a|b^c[d]',
    // Node 24 and later write "^" in a path as "%5E", Node 20 and 22 as "^": either spelling passes on every Node.
    'https://acme.io/a%5Eb',
    'https://acme.io/cb#',
    'https://acme.io./cb',
    'https://u:p@acme.io/cb',
  ])('%s is canonical', (raw) => {
    expect(ids(raw)).toEqual([]);
  });

  it('names the canonical form without user information', () => {
    expect(analyseCanonical('HTTPS://user:secret@Acme.io/cb')!.canonical).toBe('https://acme.io/cb');
  });

  it('has one finding per kind, naming the first case', () => {
    const analysis = analyseCanonical('https://acme.io/%7e/%7E/%2f/%3a')!;
    expect(analysis.findings).toEqual([
      { messageId: 'encodedUnreserved', data: { part: '%7e', char: '~' } },
      { messageId: 'lowercasePercent', data: { part: '%2f' } },
    ]);
  });

  it('leaves what is not an http(s) URL to other rules', () => {
    for (const raw of ['javascript:alert(1)', 'com.example.app:/cb', '/cb', 'https://', 'https://a b.com/', 'mailto:a@b.io']) {
      expect(analyseCanonical(raw)).toBeUndefined();
    }
  });

  it('is idempotent: the canonical form has no findings', () => {
    const inputs = [
      'HTTPS://App.Acme.io:443/./a/%2e%2E/b/%7e%zz%/c%3a?q=\'x\' y#f`g',
      ' https://evil.com\\@good.com/cb ',
      'https://0x7f.1:0443/a b/é',
      'https:///аррӏе.com/%41',
    ];
    for (const raw of inputs) {
      const canonical = analyseCanonical(raw)!.canonical;
      expect(ids(canonical), canonical).toEqual([]);
    }
  });

  it('stays fast on a long value', () => {
    const raw = `https://acme.io/${'a%7e'.repeat(50_000)}`;
    const start = performance.now();
    expect(ids(raw)).toEqual(['encodedUnreserved']);
    // Kept in time: the work is regular expressions and the URL parser, which count nothing. Linear
    // takes milliseconds; backtracking over 200,000 characters takes minutes.
    expect(performance.now() - start).toBeLessThan(2000);
  });
});

describe('classifyHost', () => {
  it.each([
    ['acme-books.io', 'public', false],
    ['xn--80ak6aa92e.com', 'public', false],
    ['localhost', 'localhost', true],
    ['localhost.', 'localhost', true],
    ['app.localhost', 'localName', true],
    ['printer.local', 'localName', false],
    ['api.corp.internal', 'localName', false],
    ['nas.home.arpa', 'localName', false],
    ['intranet', 'singleLabel', false],
    ['example.com', 'reserved', false],
    ['app.example.org', 'reserved', false],
    ['acme.test', 'reserved', false],
    ['acme.example', 'reserved', false],
    ['nothing.invalid', 'reserved', false],
    ['myexample.com', 'public', false],
    ['127.0.0.1', 'ip', true],
    ['127.0.0.2', 'ip', true],
    ['10.1.2.3', 'ip', false],
    ['8.8.8.8', 'ip', false],
    ['[::1]', 'ip', true],
    ['[::ffff:7f00:1]', 'ip', true],
    ['[fd00::1]', 'ip', false],
    ['[2606:4700::1111]', 'ip', false],
  ] as const)('%s is %s', (host, kind, loopback) => {
    const result = classifyHost(host);
    expect(result.kind).toBe(kind);
    expect(result.loopback).toBe(loopback);
  });

  it.each([
    ['0.0.0.0', 'unspecified'],
    ['10.0.0.1', 'private (RFC 1918)'],
    ['172.16.0.1', 'private (RFC 1918)'],
    ['172.32.0.1', 'public'],
    ['192.168.1.1', 'private (RFC 1918)'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['169.254.169.254', 'cloud metadata'],
    ['192.0.2.1', 'documentation'],
    ['198.51.100.7', 'documentation'],
    ['203.0.113.9', 'documentation'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['[::]', 'unspecified'],
    ['[fe80::1]', 'link-local'],
    ['[fc00::1]', 'unique local'],
    ['[ff02::1]', 'multicast'],
    ['[2001:db8::1]', 'documentation'],
    ['[::ffff:a9fe:a9fe]', 'cloud metadata service'],
  ])('%s is described as %s', (host, words) => {
    expect(classifyHost(host).range).toContain(words);
  });

  it('allows exactly the documented loopback hosts', () => {
    expect(['localhost', '127.0.0.1', '[::1]'].every(isAllowedLoopback)).toBe(true);
    expect(['127.0.0.2', 'localhost.', '[::ffff:7f00:1]', 'app.localhost'].some(isAllowedLoopback)).toBe(false);
  });
});

describe('raw URI helpers', () => {
  it('tells a logo URL from a file path', () => {
    for (const url of ['https://cdn.acme.io/logo.png', 'HTTP://x', 'data:image/png;base64,AAAA', '//cdn.acme.io/logo.png', 'javascript:alert(1)', ' https://x']) expect(looksLikeUrl(url), url).toBe(true);
    for (const path of ['./brand/logo.png', 'brand/logo.png', '../logo.png', 'logo.png', '/abs/logo.png', 'C:\\brand\\logo.png', 'c:/brand/logo.png']) expect(looksLikeUrl(path), path).toBe(false);
  });

  it('reads the scheme as parsers do, but not a host and port', () => {
    expect(schemeOf('  HTTPS://a.io')).toBe('https');
    expect(schemeOf('java\tscript:alert(1)')).toBe('javascript');
    expect(schemeOf('localhost:3000/cb')).toBeUndefined();
    expect(schemeOf('acme.io:8443')).toBeUndefined();
    expect(schemeOf('com.example.app:/cb')).toBe('com.example.app');
    expect(suggestAbsolute('acme-books.io/legal/terms')).toBe('https://acme-books.io/legal/terms');
    expect(suggestAbsolute('//acme-books.io/legal')).toBe('https://acme-books.io/legal');
    expect(suggestAbsolute('/legal/terms')).toBe('https://<your domain>/legal/terms');
  });

  it('splits the authority where WHATWG does', () => {
    expect(splitRaw('https://good.com@evil.com/cb')).toMatchObject({ userinfo: 'good.com', host: 'evil.com', rest: '/cb' });
    expect(splitRaw('https://evil.com\\@good.com/cb')).toMatchObject({ userinfo: undefined, host: 'evil.com', rest: '\\@good.com/cb' });
    expect(splitRaw('https://a@b@c.io:8443?x')).toMatchObject({ userinfo: 'a@b', host: 'c.io', port: '8443', rest: '?x' });
    expect(splitRaw('https://[::1]:443/')).toMatchObject({ host: '[::1]', port: '443' });
    expect(splitRaw('com.example.app:/cb')).toBeUndefined();
  });

  it('masks a password in a quoted URI and registers it for redaction', () => {
    const secrets: string[] = [];
    const quoted = quoteUri('https://admin:hunter2hunter2@acme.io/cb', { redact: (s) => void secrets.push(s) });
    expect(quoted).not.toContain('hunter2hunter2');
    expect(quoted).toContain('https://admin:');
    expect(secrets).toEqual(['hunter2hunter2']);
    const short = quoteUri('https://a:pw@pw.io/', { redact: () => undefined });
    expect(short).toBe('https://a:…(2 chars)@pw.io/');
  });
});

describe('docs examples of the URI rules', () => {
  const rules = [uriHttps, uriNoUserinfo, uriCanonical, uriPublicHost, legalUrisDistinct, redirectUriHttps, redirectUriNoWildcard, redirectUriNoFragment, redirectUriExact, redirectUriUnique, redirectUriPublicHost, redirectUriQuery];
  it.each(rules.map((rule) => [rule.id, rule] as const))('%s: "bad" is reported, "good" is not', (_, rule) => {
    expect(runRule(rule, rule.docs.bad).length).toBeGreaterThan(0);
    expect(runRule(rule, rule.docs.good)).toEqual([]);
  });
});

describe('the URI rules on hostile values', () => {
  const rules = [uriHttps, uriNoUserinfo, uriCanonical, uriPublicHost, legalUrisDistinct, redirectUriHttps, redirectUriNoWildcard, redirectUriNoFragment, redirectUriExact, redirectUriUnique, redirectUriPublicHost, redirectUriQuery];
  const n = 100_000;
  it.each([
    ['a run of spaces', `https://a.io/${' '.repeat(n)}x`],
    ['a run of "%"', `https://a.io/${'%'.repeat(n)}`],
    ['a run of "@"', `https://${'@'.repeat(n)}a.io/`],
    ['backslashes before "@"', `https://a.io${'\\@'.repeat(n / 2)}`],
    ['a long password', `https://${'a:'.repeat(n / 2)}@a.io/`],
    ['many labels', `https://${'a.'.repeat(n / 2)}/`],
    ['a long scheme-like word', `${'a'.repeat(n)}!`],
  ])('%s stays linear', (_, value) => {
    const y = JSON.stringify(value);
    const start = performance.now();
    for (const rule of rules) runRule(rule, `client_uri: ${y}\ntos_uri: ${y}\nredirect_uris:\n  - ${y}\n  - ${y}\n`);
    // Kept in time, as above: about a second on a loaded machine, minutes if a pattern backtracks.
    expect(performance.now() - start).toBeLessThan(8000);
  });
});
