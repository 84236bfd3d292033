import { describe, expect, it } from 'vitest';
import { fingerprintOf, reportPath } from './identity.js';

// Code scanning and GitLab match alerts across runs by their fingerprints: these values must never
// change (SHA-256 of the JSON [path, rule id, pointer], cut to 32 hex digits).
describe('fingerprintOf', () => {
  it.each([
    ['pleo-client.yaml', 'pkce-s256', '/pkce', '91856681e2908d78a109fb85da6b2c12'],
    ['apps/billing/pleo-client.yaml', 'redirect-uri-https', '/redirect_uris/0', 'fe72986858994693aa57f688eb8e5da7'],
    ['', 'schema', '', 'c1b30e3f74068b6fa12ea340e836fb29'],
    ['é/✖.yaml', 'client-name', '/client_name', '281e02d299a15bc4b81dd4ce5b48bc25'],
    ['./pleo-client.yaml', 'pkce-s256', '/pkce', '91856681e2908d78a109fb85da6b2c12'],
  ])('%s %s %s is %s', (file, ruleId, path, fingerprint) => {
    expect(fingerprintOf(file, { ruleId, path })).toBe(fingerprint);
  });

  it('reports paths with forward slashes and no leading ./', () => {
    expect(reportPath('.\\apps\\web\\pleo-client.yaml')).toBe('apps/web/pleo-client.yaml');
    expect(reportPath('././pleo-client.yaml')).toBe('pleo-client.yaml');
  });
});
