import { describe, expect, it } from 'vitest';
import { unifiedDiff } from '../fix/diff.js';
import { DUMP_MANIFEST, LATE_SECRETS, leaks } from '../test-support/secret-manifests.js';
import { redactDiff } from './manifest-secrets.js';

describe('redactDiff', () => {
  it('masks every secret of the manifest in a diff of it, after any number of others, keeping each line\'s length', () => {
    const fixed = DUMP_MANIFEST.replace('https://Acme-Books.io/', 'https://acme-books.io/');
    const diff = unifiedDiff(DUMP_MANIFEST, fixed, 'pleo-client.yaml');
    expect(leaks(diff, LATE_SECRETS)).not.toEqual([]); // what a diff shows as it is
    const masked = redactDiff(diff, DUMP_MANIFEST);
    expect(leaks(masked, LATE_SECRETS)).toEqual([]);
    expect(masked.split('\n').map((line) => line.length)).toEqual(diff.split('\n').map((line) => line.length));
    expect(masked).toContain('+tos_uri: https://acme-books.io/legal/terms?access_token=Qu3r*******************');
  });

  it('leaves a diff without secrets, or of a manifest that does not parse, as it is', () => {
    const diff = unifiedDiff('client_uri: HTTPS://acme-books.io/\n', 'client_uri: https://acme-books.io/\n', 'pleo-client.yaml');
    expect(redactDiff(diff, 'client_uri: HTTPS://acme-books.io/\n')).toBe(diff);
    expect(redactDiff(diff, '\tnot: [yaml')).toBe(diff);
    expect(redactDiff('', DUMP_MANIFEST)).toBe('');
  });
});
