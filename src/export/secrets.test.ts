import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { keysWithSecrets, manifestSecrets } from './index.js';

// An export prints values whole: it must know every value lint would mask, so that it can refuse.

const complete = parse(readFileSync(new URL('../../fixtures/valid/complete.yaml', import.meta.url), 'utf8')) as Record<string, unknown>;
const TOKEN = 'ghp_' + 'Ab3dE5fG7hAb3dE5fG7hAb3dE5fG7hAb3dE5';

const exported = (data: Record<string, unknown>) => keysWithSecrets(data, manifestSecrets(data));

describe('keysWithSecrets(manifestSecrets(…))', () => {
  it('finds nothing in a valid manifest, nor in secrets under keys an export does not print', () => {
    expect(exported(complete)).toEqual([]);
    expect(exported({ ...complete, client_secret: 'hunter2-hunter2', 'x-pleo': { client_secret: TOKEN } })).toEqual([]);
  });

  it.each([
    ['a token in any field', { client_name: `Acme ${TOKEN}` }, ['client_name']],
    ['a URL password, even one no-secrets lets pass as a placeholder', { client_uri: 'https://deploy:changeme@acme-books.io/' }, ['client_uri']],
    ['a URL password in a list', { redirect_uris: ['https://app.acme-books.io/cb', 'https://u:S3cr3tPassw0rd@app.acme-books.io/cb'] }, ['redirect_uris']],
    ['a credential in a URL parameter', { tos_uri: 'https://acme-books.io/terms?client_secret=hunter2xyz' }, ['tos_uri']],
    ['a random-looking string', { subject_type: 'x9Ab3kQ7mZp2Lr8TnV4cW6yH1dF5gJ0sQw' }, ['subject_type']],
    ['a secret held elsewhere and repeated in a printed field', { 'x-deploy': { password: 'Tr0ub4dor&3x' }, contacts: ['Tr0ub4dor&3x@acme-books.io'] }, ['contacts']],
  ])('%s', (_, change, keys) => {
    expect(exported({ ...complete, ...change })).toEqual(keys);
  });

  it('finds a secret after any number of other secrets', () => {
    const noise = Object.fromEntries(Array.from({ length: 150 }, (_, i) => [`x-k${i}`, `x9Ab3kQ7mZp2Lr8TnV4cW6yH1dF5${String(i).padStart(4, '0')}`]));
    // Values are searched last key first: the noise comes before the token.
    expect(exported({ ...complete, client_name: TOKEN, ...noise })).toEqual(['client_name']);
  });
});
