import { describe, expect, it } from 'vitest';
import { lint as lintManifest } from '../index.js';
import type { Outcome } from '../services/http-outcome.js';
import { BUDGET_SPENT, budgetSpentReason } from '../services/network-budget.js';
import redirectUriReachable from './redirect-uri-reachable.js';

async function lint(manifest: string, outcomes: Record<string, Outcome>) {
  const requested: string[] = [];
  const result = await lintManifest(manifest, { file: 'pleo-client.yaml', rules: [redirectUriReachable] }, {
    online: true,
    request: async (url) => {
      requested.push(url);
      return outcomes[url] ?? { kind: 'response', url, redirects: [], status: 200 };
    },
    loadLogo: async () => ({ kind: 'absent' }),
  });
  return { requested, problems: result.problems.map((p) => `${p.range.line} ${p.severity} ${p.messageId}`) };
}

const redirects = (...uris: string[]) => `redirect_uris:\n${uris.map((u) => `  - ${u}\n`).join('')}`;

describe('redirect-uri-reachable', () => {
  it('a redirect URI the run\'s network budget did not reach is a "not checked" warning', async () => {
    const a = 'https://a.acme-books.io/cb';
    const b = 'https://b.acme-books.io/cb';
    const { problems } = await lint(redirects(a, b), {
      [b]: { kind: 'network-error', code: BUDGET_SPENT, reason: budgetSpentReason(500), url: b, redirects: [] },
    });
    expect(problems).toEqual(['3 warning notChecked']);
  });

  it('any HTTP answer counts: a callback without a code often answers 400 or 405', async () => {
    const a = 'https://app.acme-books.io/cb';
    const b = 'https://app.acme-books.io/cb2';
    const { problems } = await lint(redirects(a, b), {
      [a]: { kind: 'response', url: a, redirects: [], status: 400 },
      [b]: { kind: 'response', url: b, redirects: [], status: 503 },
    });
    expect(problems).toEqual([]);
  });

  it('404 is a warning; DNS and TLS failures are errors; a timeout is a warning', async () => {
    const uris = ['https://a.acme-books.io/cb', 'https://b.acme-books.io/cb', 'https://c.acme-books.io/cb', 'https://d.acme-books.io/cb'];
    const { problems } = await lint(redirects(...uris), {
      [uris[0]!]: { kind: 'response', url: uris[0]!, redirects: [], status: 404 },
      [uris[1]!]: { kind: 'dns', url: uris[1]!, redirects: [], code: 'ENOTFOUND', hostname: 'b.acme-books.io' },
      [uris[2]!]: { kind: 'tls', url: uris[2]!, redirects: [], reason: 'DEPTH_ZERO_SELF_SIGNED_CERT' },
      [uris[3]!]: { kind: 'timeout', url: uris[3]!, redirects: [], phase: 'connect', ms: 5000 },
    });
    expect(problems).toEqual(['2 warning notFound', '3 error unreachable', '4 error unreachable', '5 warning unverified']);
  });

  it('skips loopback redirects in staging, and http: redirects (redirect-uri-https reports them)', async () => {
    const manifest = 'environment: staging\n' + redirects('http://localhost:3000/cb', 'https://localhost/cb', 'https://[::1]/cb', 'https://app.acme-books.io/cb');
    const { requested } = await lint(manifest, {});
    expect(requested).toEqual(['https://app.acme-books.io/cb']);
  });

  it('requests loopback redirects in production (the guard refuses them; redirect-uri-public-host reports)', async () => {
    const { requested, problems } = await lint(redirects('https://localhost/cb'), {
      'https://localhost/cb': { kind: 'blocked', url: 'https://localhost/cb', redirects: [], address: '127.0.0.1', range: 'loopback', stage: 'before-connect' },
    });
    expect(requested).toEqual(['https://localhost/cb']);
    expect(problems).toEqual([]);
  });
});
