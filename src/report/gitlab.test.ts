import { describe, expect, it } from 'vitest';
import { lint as lintManifest } from '../index.js';
import schemaRule from '../rules/schema.js';
import { expectGolden, GOLDEN_OPTIONS, goldenResults, handMadeResult, resultWith } from '../test-support/report-results.js';
import { gitlab, type CodeQualityIssue } from './gitlab.js';
import { fingerprintOf } from './identity.js';

const issues = (text: string) => JSON.parse(text) as CodeQualityIssue[];

describe('gitlab', () => {
  it('matches the golden file', () => {
    expectGolden('gitlab/report.json', gitlab(goldenResults(), GOLDEN_OPTIONS));
  });

  it('has the fields GitLab requires, with 1-based lines', () => {
    const [first, second, third] = issues(gitlab([handMadeResult()], GOLDEN_OPTIONS));
    expect(first).toEqual({
      description: 'Redirect URI "http://app.acme-books.io/callback" uses http:; use https:.',
      check_name: 'golden-example',
      fingerprint: expect.stringMatching(/^[0-9a-f]{32}$/),
      severity: 'critical',
      location: { path: 'services/payments api/pleo-client.staging.yaml', lines: { begin: 3, end: 3 } },
    });
    expect([first!.severity, second!.severity, third!.severity]).toEqual(['critical', 'minor', 'info']);
    expect(third!.location.lines).toEqual({ begin: 5, end: 7 });
  });

  it('writes repository-relative paths with forward slashes', () => {
    const [issue] = issues(gitlab([resultWith('.\\apps\\web\\pleo-client.yaml', { errors: 1 })], GOLDEN_OPTIONS));
    expect(issue!.location.path).toBe('apps/web/pleo-client.yaml');
  });

  it('gives unique fingerprints within a report, even to problems on the same key', () => {
    const sameKey = resultWith('a.yaml', { errors: 3 });
    for (const problem of sameKey.problems) problem.path = '/scopes';
    sameKey.problems[2]!.message = sameKey.problems[1]!.message;
    const results = [...goldenResults(), sameKey, resultWith('b.yaml', { errors: 3 })];
    const fingerprints = issues(gitlab(results, GOLDEN_OPTIONS)).map((issue) => issue.fingerprint);
    expect(new Set(fingerprints).size).toBe(fingerprints.length);
  });

  it('gives the same fingerprints on every run', () => {
    expect(gitlab(goldenResults(), GOLDEN_OPTIONS)).toBe(gitlab(goldenResults(), GOLDEN_OPTIONS));
  });

  it('keeps the fingerprint when the problem moves to another line, and changes it with the file', () => {
    const lint = (text: string, file = 'pleo-client.yaml') =>
      issues(gitlab([lintManifest(text, { file, rules: [schemaRule] })], GOLDEN_OPTIONS)).find((issue) => issue.description.includes('"client_type"'))!;
    const before = lint('client_name: Acme Books\nclient_type: server\n');
    const after = lint('# moved down\n\n\nclient_name: Acme Books\nclient_type: server\n');
    expect(after.location.lines.begin).toBe(before.location.lines.begin + 3);
    expect(after.fingerprint).toBe(before.fingerprint);
    expect(after.fingerprint).toBe(fingerprintOf('pleo-client.yaml', { ruleId: 'schema', path: '/client_type' }));
    expect(lint('client_name: Acme Books\nclient_type: server\n', 'other/pleo-client.yaml').fingerprint).not.toBe(before.fingerprint);
  });

  it('is an empty array without problems', () => {
    expect(gitlab([resultWith('a.yaml', {})], GOLDEN_OPTIONS)).toBe('[]\n');
  });
});
