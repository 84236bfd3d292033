import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fingerprintOf, reportPath } from './identity.js';

// Fingerprints are SHA-256 computed in JavaScript (identity.ts); code scanning and GitLab match alerts
// across runs by them, so they must stay what node:crypto gives.
const expected = (file: string, ruleId: string, path: string) =>
  createHash('sha256').update(JSON.stringify([file, ruleId, path])).digest('hex').slice(0, 32);

describe('fingerprintOf', () => {
  it.each([
    ['pleo-client.yaml', 'pkce-s256', '/pkce'],
    ['apps/billing/pleo-client.yaml', 'redirect-uri-https', '/redirect_uris/0'],
    ['', 'schema', ''],
    ['é/✖.yaml', 'client-name', '/client_name'],
  ])('%s %s %s is node:crypto\'s SHA-256, cut to 32 hex digits', (file, ruleId, path) => {
    expect(fingerprintOf(file, { ruleId, path })).toBe(expected(file, ruleId, path));
  });

  it('agrees with node:crypto on any text, lone surrogates and long inputs included', () => {
    const text = fc.string({ unit: 'binary', maxLength: 300 });
    fc.assert(
      fc.property(text, text, text, (file, ruleId, path) => {
        expect(fingerprintOf(file, { ruleId, path })).toBe(expected(reportPath(file), ruleId, path));
      }),
      { numRuns: 2000 },
    );
  });
});
