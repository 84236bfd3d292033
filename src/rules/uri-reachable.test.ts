import { describe, expect, it } from 'vitest';
import { lint as lintManifest } from '../index.js';
import type { Outcome } from '../services/http-outcome.js';
import { BUDGET_SPENT, budgetSpentReason } from '../services/network-budget.js';
import uriReachable from './uri-reachable.js';

const pages = `client_uri: https://acme-books.io/
logo: https://acme-books.io/logo.png
tos_uri: https://acme-books.io/terms
policy_uri: https://acme-books.io/privacy
initiation_uri: https://app.acme-books.io/connect
settings_uri: http://app.acme-books.io/settings
`;

function response(url: string, status: number): Outcome {
  return { kind: 'response', url, redirects: [], status };
}

async function lint(outcomes: Record<string, Outcome>, online = true) {
  const requested: string[] = [];
  const result = await lintManifest(pages, { file: 'pleo-client.yaml', rules: [uriReachable] }, {
    online,
    request: async (url) => {
      requested.push(url);
      return outcomes[url] ?? response(url, 200);
    },
    loadLogo: async () => ({ kind: 'absent' }),
  });
  return { requested, result, problems: result.problems.map((p) => `${p.range.line} ${p.severity} ${p.messageId}: ${p.message}`) };
}

describe('uri-reachable', () => {
  it('a page the run\'s network budget did not reach is a "not checked" warning, in the manifest\'s order', async () => {
    const spent = (url: string): Outcome => ({ kind: 'network-error', code: BUDGET_SPENT, reason: budgetSpentReason(30_000), url, redirects: [] });
    const { problems } = await lint({ 'https://app.acme-books.io/connect': spent('https://app.acme-books.io/connect'), 'https://acme-books.io/terms': spent('https://acme-books.io/terms') });
    expect(problems).toEqual([
      '3 warning notChecked: tos_uri "https://acme-books.io/terms" was not checked: budget spent (the run\'s network budget of 30 s ran out first); give --network-budget more time to check it.',
      '5 warning notChecked: initiation_uri "https://app.acme-books.io/connect" was not checked: budget spent (the run\'s network budget of 30 s ran out first); give --network-budget more time to check it.',
    ]);
  });

  it('requests the https pages (not the logo, which the logo rules fetch; not http:, which uri-https reports)', async () => {
    const { requested, problems } = await lint({});
    expect(requested.sort()).toEqual(['https://acme-books.io/', 'https://acme-books.io/privacy', 'https://acme-books.io/terms', 'https://app.acme-books.io/connect']);
    expect(problems).toEqual([]);
  });

  it('reports 4xx and 5xx answers as errors, with the status', async () => {
    const { problems } = await lint({
      'https://acme-books.io/terms': response('https://acme-books.io/terms', 404),
      'https://acme-books.io/privacy': { kind: 'response', url: 'https://acme-books.io/legal/privacy', redirects: ['https://acme-books.io/privacy'], status: 500 },
    });
    expect(problems).toEqual([
      '3 error unreachable: tos_uri "https://acme-books.io/terms" is not reachable: answered HTTP 404. Users follow this link from Pleo; fix the page or the URL.',
      '4 error unreachable: policy_uri "https://acme-books.io/privacy" is not reachable: answered HTTP 500 (after redirects, at https://acme-books.io/legal/privacy). Users follow this link from Pleo; fix the page or the URL.',
    ]);
  });

  it.each<[string, Outcome, 'error' | 'warning', string]>([
    ['DNS failure', { kind: 'dns', url: 'https://acme-books.io/', redirects: [], code: 'ENOTFOUND', hostname: 'acme-books.io' }, 'error', 'its host acme-books.io does not resolve (ENOTFOUND)'],
    ['TLS failure', { kind: 'tls', url: 'https://acme-books.io/', redirects: [], reason: 'CERT_HAS_EXPIRED' }, 'error', 'the TLS handshake failed (CERT_HAS_EXPIRED)'],
    ['refused connection', { kind: 'refused', url: 'https://acme-books.io/', redirects: [] }, 'error', 'the connection was refused'],
    ['downgrade', { kind: 'downgrade', url: 'https://acme-books.io/', redirects: [], from: 'https://acme-books.io/', to: 'http://acme-books.io/' }, 'error', 'redirects from https: to http:'],
    ['too many redirects', { kind: 'too-many-redirects', url: 'https://acme-books.io/', redirects: [], limit: 5, chain: [] }, 'error', 'more than 5 times'],
    ['redirect loop', { kind: 'redirect-loop', url: 'https://acme-books.io/', redirects: [], chain: ['https://acme-books.io/', 'https://acme-books.io/a', 'https://acme-books.io/'] }, 'error', 'in a loop'],
    ['timeout', { kind: 'timeout', url: 'https://acme-books.io/', redirects: [], phase: 'headers', ms: 5000 }, 'warning', 'no answer within 5000 ms (headers)'],
    ['unreachable network', { kind: 'unreachable', url: 'https://acme-books.io/', redirects: [], reason: 'ENETUNREACH' }, 'warning', 'the network is unreachable'],
  ])('%s', async (_, outcome, severity, reason) => {
    const { result } = await lint({ 'https://acme-books.io/': outcome });
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatchObject({ severity, path: '/client_uri', range: { line: 1, column: 13 } });
    expect(result.problems[0]!.message).toContain(reason);
    expect(result.problems[0]!.messageId).toBe(severity === 'error' ? 'unreachable' : 'unverified');
  });

  it('leaves refused (private) addresses to uri-public-host', async () => {
    const blocked: Outcome = { kind: 'blocked', url: 'https://acme-books.io/', redirects: [], address: '10.0.0.1', range: 'private', stage: 'on-connect' };
    expect((await lint({ 'https://acme-books.io/': blocked })).problems).toEqual([]);
  });

  it('with --offline, requests nothing and is listed as skipped', async () => {
    const { requested, result } = await lint({}, false);
    expect(requested).toEqual([]);
    expect(result.skipped).toEqual([{ ruleId: 'uri-reachable', reason: 'offline' }]);
  });
});
