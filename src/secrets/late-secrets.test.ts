/**
 * A manifest with 150 secret-looking values, then real secrets (DUMP_MANIFEST): offline and online (the
 * link rules quote the URIs that hold them), no report format prints one, in part or whole.
 */
import { formatOptions } from '../resources.js';
import { describe, expect, it } from 'vitest';
import type { FileResult } from '../diagnostics.js';
import { lint as lintManifest } from '../index.js';
import { createLogoLoader } from '../logo/load.js';
import { githubStepSummary } from '../report/github.js';
import { FORMAT_NAMES, loadFormatter } from '../report/index.js';
import { fakeRequest, FIXTURES } from '../test-support/io-rule-tester.js';
import { DUMP_MANIFEST, LATE_SECRETS, leaks } from '../test-support/secret-manifests.js';

async function results(): Promise<FileResult[]> {
  const slow = { kind: 'timeout', phase: 'headers', ms: 5000 } as const;
  const request = fakeRequest({
    [`https://deploy:${LATE_SECRETS.urlPassword}@acme-books.io/`]: slow,
    [`https://Acme-Books.io/legal/terms?access_token=${LATE_SECRETS.query}`]: slow,
  });
  const loadLogo = createLogoLoader({ manifestDir: `${FIXTURES}valid`, online: true, request });
  return [
    lintManifest(DUMP_MANIFEST, { file: 'offline/pleo-client.yaml' }),
    await lintManifest(DUMP_MANIFEST, { file: 'online/pleo-client.yaml' }, { online: true, request, loadLogo }),
    lintManifest(DUMP_MANIFEST, { file: 'no-secrets-off/pleo-client.yaml', severities: { 'no-secrets': 'off' } }),
  ];
}

describe('real secrets after 150 secret-looking values', () => {
  it('are quoted by other rules, offline and online (so the test has something to catch)', async () => {
    const [offline, online] = await results();
    const quoting = (result: FileResult) => new Set(result.problems.filter((p) => p.ruleId !== 'no-secrets').map((p) => p.ruleId));
    expect([...quoting(offline!)]).toEqual(expect.arrayContaining(['schema', 'uri-no-userinfo', 'uri-canonical']));
    expect([...quoting(online!)]).toEqual(expect.arrayContaining(['uri-reachable']));
    expect(offline!.problems.filter((p) => p.ruleId === 'no-secrets').length).toBe(51);
  });

  it.each([...FORMAT_NAMES, 'github step summary'])('appear in no %s report, nor in messages, JSON Pointers or source', async (format) => {
    const all = await results();
    const output = format === 'github step summary' ? githubStepSummary(all, formatOptions('0.0.0-test')) : (await loadFormatter(format as (typeof FORMAT_NAMES)[number]))(all, formatOptions('0.0.0-test'));
    expect(output.length).toBeGreaterThan(500);
    expect(leaks(output, LATE_SECRETS)).toEqual([]);
    for (const result of all) {
      const parts = { messages: result.problems.map((p) => p.message).join('\n'), paths: result.problems.map((p) => p.path).join('\n'), source: result.source };
      expect(Object.fromEntries(Object.entries(parts).map(([name, text]) => [name, leaks(text, LATE_SECRETS)])), result.file).toEqual({ messages: [], paths: [], source: [] });
    }
  });
});

describe('a file that does not parse', () => {
  it('has a real secret masked on a line its code frames show, after any number of others', () => {
    const noisy = (line: number) => '# ' + Array.from({ length: 28 }, (_, i) => `x9Ab3kQ7mZp2Lr8TnV4cW6yH1dF5gJ${String(line * 28 + i).padStart(4, '0')}`).join(' ');
    // Each line before a tab-indented one is framed: 4 lines of 28 random strings, then the secret.
    const lines = [0, 1, 2, 3].flatMap((line) => [noisy(line), '\tbad: 1']);
    const text = ['client_name: Acme Books', ...lines, `client_secret: ${LATE_SECRETS.suffixed}`, '\tbad: 1', ''].join('\n');
    const result = lintManifest(text, { file: 'pleo-client.yaml' });
    expect(result.problems.every((p) => p.ruleId === 'yaml-syntax')).toBe(true);
    expect(result.source).toContain('x9Ab'); // the noise, masked but for its first 4 characters…
    expect(result.source).not.toContain('x9Ab3kQ7mZp2');
    expect(leaks(result.source, LATE_SECRETS)).toEqual([]); // …and the secret after it
  });
});
