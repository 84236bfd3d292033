/**
 * No report prints a secret whole: not in a message (no-secrets' own, or another rule's that quotes the
 * value), not in a JSON Pointer, not in a code frame — in every format, and in the GitHub step summary.
 * See src/test-support/secret-manifests.ts for what counts as printed.
 */
import { formatOptions } from '../resources.js';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FileResult } from '../diagnostics.js';
import { lint as lintManifest } from '../index.js';
import { createLogoLoader } from '../logo/load.js';
import { redact } from '../secrets/redact.js';
import { fakeRequest } from '../test-support/io-rule-tester.js';
import { BROKEN_MANIFEST, SECRET_MANIFEST, SECRETS, leaks } from '../test-support/secret-manifests.js';
import { githubStepSummary } from './github.js';
import { FORMAT_NAMES, loadFormatter } from './index.js';
import type { FormatName } from './index.js';

const OPTIONS = formatOptions('0.0.0-test');

describe('the test itself', () => {
  it('finds a secret however a format escapes it', () => {
    const secret = SECRETS.quoted; // has ', &, <, %
    expect(leaks(JSON.stringify({ message: secret }))).toEqual([`quoted: ${secret}`]);
    expect(leaks(secret.replace(/&/g, '&amp;').replace(/</g, '&lt;'))).toEqual([`quoted: ${secret}`]);
    expect(leaks(secret.replace(/%/g, '%25'))).toEqual([`quoted: ${secret}`]);
    expect(leaks(`\u001b[31m${secret.slice(3, 15)}\u001b[39m`)).toEqual([`quoted: ${secret.slice(3, 15)}`]);
    expect(leaks(SECRETS.github.replace(/_/g, '\\_'))).toEqual([`github: ${SECRETS.github}`]);
    expect(leaks(redact(`found "${SECRETS.github}"`, [SECRETS.github]))).toEqual([]);
  });

  it('the manifest carries every secret, and no-secrets reports them', () => {
    for (const secret of Object.values(SECRETS)) expect(SECRET_MANIFEST).toContain(secret.replace(/'/g, "''"));
    const result = lintManifest(SECRET_MANIFEST, { file: 'pleo-client.yaml' });
    expect(result.problems.filter((p) => p.ruleId === 'no-secrets').length).toBeGreaterThanOrEqual(13);
  });
});

describe('secrets in every report format', () => {
  let results: FileResult[];

  beforeAll(async () => {
    // Online too (the two URLs with secrets answer with a timeout), so the reachability rules quote them.
    const slow = { kind: 'timeout', phase: 'headers', ms: 5000 } as const;
    const request = fakeRequest({
      [`https://deploy:${SECRETS.urlPassword}@Acme-Books.io/./home`]: slow,
      [`https://app.acme-books.io/oauth/pleo/callback?access_token=${SECRETS.jwt}`]: slow,
    });
    const manifestDir = new URL('../../fixtures/valid/', import.meta.url).pathname;
    results = [
      lintManifest(SECRET_MANIFEST, { file: 'apps/web/pleo-client.yaml' }),
      await lintManifest(SECRET_MANIFEST, { file: 'online/pleo-client.yaml' }, { online: true, request, loadLogo: createLogoLoader({ manifestDir, online: true, request }) }),
      // Turned off, no-secrets reports nothing, but what it recognises is still masked everywhere.
      lintManifest(SECRET_MANIFEST, { file: 'no-secrets-off/pleo-client.yaml', severities: { 'no-secrets': 'off' } }),
      lintManifest(BROKEN_MANIFEST, { file: 'broken/pleo-client.yaml' }),
    ];
  });

  it('the results hold problems that quote the values (so the test has something to catch)', () => {
    const [offline, online, off, broken] = results as [FileResult, FileResult, FileResult, FileResult];
    const rules = (result: FileResult) => [...new Set(result.problems.map((p) => p.ruleId))];
    expect(rules(offline)).toEqual(expect.arrayContaining(['no-secrets', 'schema', 'uri-no-userinfo', 'uri-canonical', 'redirect-uri-query', 'disable-directive']));
    expect(rules(online)).toEqual(expect.arrayContaining(['uri-reachable', 'redirect-uri-reachable']));
    expect(rules(off)).not.toContain('no-secrets');
    expect(off.problems.some((p) => p.ruleId === 'schema' && p.path === '/client_type')).toBe(true);
    expect(rules(broken)).toEqual(['yaml-syntax']);
  });

  it.each([0, 1, 2, 3])('result %i has no secret in its messages, JSON Pointers or source (for code frames)', (index) => {
    const result = results[index]!;
    const found = {
      messages: leaks(result.problems.map((p) => p.message).join('\n')),
      paths: leaks(result.problems.map((p) => p.path).join('\n')),
      source: leaks(result.source),
    };
    expect(found, result.file).toEqual({ messages: [], paths: [], source: [] });
  });

  const formats: [string, () => Promise<string>][] = [
    ...FORMAT_NAMES.map((name: FormatName): [string, () => Promise<string>] => [name, async () => (await loadFormatter(name))(results, OPTIONS)]),
    ['stylish in colour', async () => (await loadFormatter('stylish', 3))(results, OPTIONS)],
    ['the GitHub step summary', async () => githubStepSummary(results, OPTIONS)],
  ];

  it.each(formats)('%s prints no secret whole', async (_, format) => {
    const output = await format();
    expect(output.length).toBeGreaterThan(200);
    expect(leaks(output)).toEqual([]);
  });
});

// One test per leak this file found, each on the smallest manifest that showed it.
describe('leaks found and fixed', () => {
  const lint = (text: string, severities?: Record<string, 'off'>) => lintManifest(text, { file: 'pleo-client.yaml', ...(severities ? { severities } : {}) });
  const messageAt = (text: string, path: string, severities?: Record<string, 'off'>) => lint(text, severities).problems.find((p) => p.ruleId === 'schema' && p.path === path)?.message ?? '';

  it('a long secret clipped in another rule\'s message ("eyJhbGciOi…") is masked as the whole secret', () => {
    const message = messageAt(`client_type: ${SECRETS.jwt}\n`, '/client_type');
    expect(message).toBe(`"client_type" must be one of "confidential", "public", found "eyJh…(${SECRETS.jwt.length} chars)".`);
    expect(redact(`found "${SECRETS.jwt.slice(0, 30)}…"`, [SECRETS.jwt])).toBe(`found "eyJh…(${SECRETS.jwt.length} chars)"`);
    expect(redact('found "eyJh…", "eyJhb…"', [SECRETS.jwt])).toBe(`found "eyJh…", "eyJh…(${SECRETS.jwt.length} chars)"`); // 4 characters are what a mask shows anyway
  });

  it('a credential used as a key is masked in the JSON Pointer too', () => {
    const result = lint(`${SECRETS.githubKey}: deploy key\n`);
    expect(result.problems.map((p) => p.path)).toContain('/ghp_…(40 chars)');
    expect(leaks(result.problems.map((p) => p.path).join('\n'))).toEqual([]);
  });

  it('a secret written with YAML escapes, or as a block scalar, is masked in the source, columns kept', () => {
    const text = `client_secret: '${SECRETS.quoted.replace(/'/g, "''")}'\nx-deploy:\n  password: |\n    ${SECRETS.blockLine1}\n    ${SECRETS.blockLine2}\nx-end: 1\n`;
    const { source } = lint(text);
    expect(source.split('\n').map((line) => line.length)).toEqual(text.split('\n').map((line) => line.length));
    expect(source).toMatch(/^client_secret: '\*+'\nx-deploy:\n {2}password: \|\n {4}\*+\n {4}\*+\nx-end: 1\n$/);
  });

  it('a token as a key inside a credential mapping is masked in the source', () => {
    const { source } = lint(`x-tokens:\n  ${SECRETS.githubInCredentials}: ci\n`);
    expect(source).toBe(`x-tokens:\n  ghp_${'*'.repeat(36)}: ci\n`);
  });

  it('a file that does not parse still has its secrets masked on the lines its code frames show', () => {
    const result = lint(BROKEN_MANIFEST);
    expect(result.problems.map((p) => `${p.ruleId} ${p.range.line}`)).toEqual(['yaml-syntax 3', 'yaml-syntax 5', 'yaml-syntax 7']);
    expect(leaks(result.source)).toEqual([]);
    expect(result.source.split('\n').slice(1, 6)).toEqual([`client_secret: KLzd${'*'.repeat(32)}`, '\tclient_type: confidential', `x-token: ghp_${'*'.repeat(36)}`, '\tpkce: S256', `# client_secret: c0mm${'*'.repeat(19)}`]);
  });

  it('with no-secrets turned off, other rules still quote a secret masked', () => {
    expect(messageAt(`client_type: ${SECRETS.github}\n`, '/client_type', { 'no-secrets': 'off' })).toBe('"client_type" must be one of "confidential", "public", found "ghp_…(40 chars)".');
    expect(lint(`client_type: ${SECRETS.github}\n`, { 'no-secrets': 'off' }).problems.some((p) => p.ruleId === 'no-secrets')).toBe(false);
  });
});
