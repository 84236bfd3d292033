import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogoLoader } from '../logo/load.js';
import { FIXTURES, fakeRequest } from '../test-support/io-rule-tester.js';
import { TEST_CA, clientPool, resolverFor, startHttpsServer, type TestServer } from '../test-support/http-servers.js';
import { lint as lintManifest } from '../index.js';
import { MAX_VALUE_LENGTH } from '../text/describe.js';
import { renderMessage } from './render-message.js';

// Every placeholder value is cleaned where messages are made, so a rule that quotes a value raw (a
// server's words, a path, a reason) cannot put a control character or 12 KB into a report.

describe('renderMessage cleans every value', () => {
  it.each([
    ['plain text, unchanged', 'Acme Books', 'Acme Books'],
    ['a number', 42, '42'],
    ['a value a rule already cleaned, unchanged', 'Evil\\u{202E}Name…', 'Evil\\u{202E}Name…'],
    ['C0 controls (escape, line feed)', 'a\u001b[2Jb\nc', 'a\\u{001B}[2Jb\\u{000A}c'],
    ['C1 controls (NEL, CSI)', 'a\u0085b\u009b31mc', 'a\\u{0085}b\\u{009B}31mc'],
    ['bidi controls', 'x\u202ey\u2066z\u200fw', 'x\\u{202E}y\\u{2066}z\\u{200F}w'],
    ['zero-width and line separators', 'a\u200bb\u2028c\u2029d', 'a\\u{200B}b\\u{2028}c\\u{2029}d'],
    ['a lone surrogate', 'a\ud800b', 'a\\u{D800}b'],
    ['a value at the limit, whole', 'x'.repeat(MAX_VALUE_LENGTH), 'x'.repeat(MAX_VALUE_LENGTH)],
    ['a longer value, clipped', 'x'.repeat(12_000), 'x'.repeat(MAX_VALUE_LENGTH - 1) + '…'],
  ])('%s', (_, value, shown) => {
    expect(renderMessage('value "{{value}}" here', { value })).toBe(`value "${shown}" here`);
  });

  it('leaves the template itself alone, and still throws for a placeholder without data', () => {
    expect(renderMessage('a\u00a0{{n}} b', { n: 1 })).toBe('a\u00a01 b');
    expect(() => renderMessage('{{missing}}', {})).toThrow('message placeholder {{missing}} has no data');
  });
});

describe('a redirect Location that cannot be parsed', () => {
  // 12 KB that no URL parser takes ("https://[" opens an IPv6 host that never closes), with a C1 control
  // (NEL) near its start, where a clipped quote still shows it.
  const location = 'https://[evil\u0085' + 'a'.repeat(12_000);
  let server: TestServer;
  const pool = clientPool({ timeoutMs: 2000, resolve: resolverFor({ localhost: ['127.0.0.1'] }), allowLoopback: true, ca: TEST_CA });

  beforeAll(async () => {
    server = await startHttpsServer((_, response) => {
      // Header values travel as bytes, read back as Latin-1: U+0085 is the byte 0x85.
      response.writeHead(302, { location }).end();
    });
  });
  afterAll(async () => {
    await pool.closeAll();
    await server.close();
  });

  it('is quoted clipped and spelled out wherever a rule words the outcome (the logo loader quoted it raw)', async () => {
    // The outcome as the HTTP client gives it, the Location raw in its reason…
    const outcome = await pool.create().request(`https://localhost:${server.port}/moved`, { method: 'GET', maxBytes: 1024 });
    expect(outcome.kind).toBe('invalid-url');
    expect(outcome.kind === 'invalid-url' && outcome.reason.includes('\u0085' + 'a'.repeat(11_000))).toBe(true);
    // …as the answer for the manifest's public URLs, so the link rules and the logo loader all word it.
    const { kind, ...details } = outcome;
    const answer = { kind, ...details, redirects: [] } as typeof outcome;
    const urls = ['https://acme-books.io/', 'https://acme-books.io/logo.png', 'https://acme-books.io/terms', 'https://app.acme-books.io/cb'];
    const request = fakeRequest(Object.fromEntries(urls.map((url) => [url, { ...answer, url }])));
    const text = `client_uri: ${urls[0]}\nlogo: ${urls[1]}\ntos_uri: ${urls[2]}\nredirect_uris:\n  - ${urls[3]}\n`;
    const result = await lintManifest(text, { file: 'pleo-client.yaml' }, { online: true, request, loadLogo: createLogoLoader({ manifestDir: `${FIXTURES}valid`, online: true, request }) });
    // The link rules leave an unusable URL to uri-https; the logo rules say why the logo was not read.
    const quoting = result.problems.filter((problem) => problem.message.includes('https://[evil'));
    expect(quoting.map((problem) => problem.ruleId)).toEqual(['logo-readable']);
    expect(quoting[0]!.message).toContain('unusable Location: https://[evil\\u{0085}aaa');
    for (const { ruleId, message } of result.problems) {
      expect(message, ruleId).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
      expect(message.length, ruleId).toBeLessThan(2 * MAX_VALUE_LENGTH + 300);
    }
  });
});
