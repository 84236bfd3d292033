import { describe, expect, it } from 'vitest';
import { credentialKind, findSecrets, isPlaceholder, isReference, keyWords, looksRandom } from './detect.js';


describe('credential keys', () => {
  it('splits keys into words', () => {
    expect(keyWords('clientSecret')).toEqual(['client', 'secret']);
    expect(keyWords('X-API-Key')).toEqual(['x', 'api', 'key']);
    expect(keyWords('client.secret_value')).toEqual(['client', 'secret', 'value']);
  });
  it.each(['client_secret', 'clientSecret', 'CLIENT-SECRET', 'secret', 'password', 'passwd', 'pwd', 'access_token', 'refresh_token', 'id_token', 'api_token', 'token', 'private_key', 'privateKey', 'api_key', 'apikey', 'APIKey', 'credentials', 'client_secret_value', 'accesstoken'])(
    '%s names a credential',
    (key) => expect(credentialKind(key)).toBe('credential'),
  );
  it.each(['client_id', 'token_endpoint', 'token_endpoint_auth_method', 'secret_name', 'password_policy_uri', 'client_secret_expires_at', 'key', 'keys', 'oauth', 'author'])(
    '%s does not',
    (key) => expect(credentialKind(key)).toBeUndefined(),
  );
  it('treats auth and authorization as header-like', () => {
    expect(credentialKind('Authorization')).toBe('header');
    expect(credentialKind('x-auth')).toBe('header');
  });
  it('tells references and placeholders from values', () => {
    for (const value of ['${CLIENT_SECRET}', '$TOKEN', '${{ secrets.PLEO }}', 'env:PLEO_SECRET', 'op://Vault/Pleo/secret', 'vault:secret/data/pleo']) expect(isReference(value)).toBe(true);
    for (const value of ['', '<redacted>', 'changeme', '***', 'xxxxxxxx', 'TODO', 'your-client-secret']) expect(isPlaceholder(value)).toBe(true);
    for (const value of ['hunter2', '12345a6bcd789ef012abcd34ef5a6b']) expect(isReference(value) || isPlaceholder(value)).toBe(false);
  });
});

describe('findSecrets', () => {
  it('finds random-looking strings but not identifiers', () => {
    expect(looksRandom('12345a6bcd789ef012abcd34ef5a6b')).toBe('hex');
    expect(looksRandom('x9Ab3kQ7mZp2Lr8TnV4cW6yH1dF5gJ0sQw')).toBe('base64');
    expect(looksRandom('ThisIsAVeryLongCamelCaseIdentifier2024')).toBeUndefined();
    expect(looksRandom('12345a6bcd789ef012abcd34ef5a6')).toBeUndefined();
    expect(looksRandom('0'.repeat(40))).toBeUndefined();
  });
  it('ignores URLs, UUIDs, e-mail addresses, scopes and prose', () => {
    const text = 'See https://app.acme-books.io/oauth/pleo/callback, client 12a3b456-78c9-0d12-34e5-f678ab9bcd0e, integrations@acme-books.io, export-jobs:read and the integration-announcement-for-accounting page.';
    expect(findSecrets(text)).toEqual([]);
  });
  it('reports each secret once, with its offsets', () => {
    const token = 'ghp_' + 'aB3dE5fG7h'.repeat(4).slice(0, 36);
    const [finding, ...rest] = findSecrets(`token ${token} here`);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ kind: 'knownToken', label: 'GitHub token', secret: token, start: 6, end: 6 + token.length });
  });
  it('lets hex strings pass where hashes live', () => {
    expect(findSecrets('9f3c2b1a8e7d6c5b4a3928172635445362718290', () => true)).toEqual([]);
    expect(findSecrets('9f3c2b1a8e7d6c5b4a3928172635445362718290')).toHaveLength(1);
  });
  it('skips public keys and certificates', () => {
    const pem = '-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu1SU1LfVLPHCozMxH2Mo\n-----END PUBLIC KEY-----';
    expect(findSecrets(pem)).toEqual([]);
  });
});
