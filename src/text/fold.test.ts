import { describe, expect, it } from 'vitest';
import {
  credentialKind,
  describeCharacter,
  findName,
  findSecrets,
  fold,
  graphemeLength,
  isPlaceholder,
  isReference,
  keyWords,
  looksRandom,
  mixedScriptWord,
  scriptOf,
  shannonEntropy,
  stripInvisible,
  words,
} from './text.js';

describe('fold', () => {
  it.each([
    ['Pleo', 'pleo'],
    ['ＰＬＥＯ', 'pleo'],
    ['\u{1D40F}\u{1D425}\u{1D41E}\u{1D428}', 'pleo'],
    ['\u0420\u0435\u043E', 'peo'],
    ['\u03C1\u03BF', 'po'],
    ['PIeo', 'pleo'],
    ['P1e0', 'pleo'],
    ['Pl3o', 'pleo'],
    ['Pl€o', 'pleo'],
    ['Ple\u200Bo', 'pleo'],
    ['Pl\u00ADeo', 'pleo'],
    ['Pléo', 'pleo'],
    ['\u1D18\u029F\u1D07\u1D0F', 'pleo'],
    ['Café', 'cafe'],
  ])('%s → %s', (input, expected) => expect(fold(input)).toBe(expected));
});

describe('words', () => {
  it('splits on non-letters and case changes', () => {
    expect(words('AcmePleo Books').map((w) => w.folded)).toEqual(['acme', 'pleo', 'books']);
    expect(words('ACMEPleo').map((w) => w.folded)).toEqual(['acme', 'pleo']);
    expect(words('Acme2Pleo').map((w) => w.folded)).toEqual(['acme2', 'pleo']);
  });
  it('keeps offsets into the original text', () => {
    const [, second] = words('Acme \u0420leo');
    expect([second!.start, second!.end]).toEqual([5, 9]);
  });
  it('takes |, ! and € as letters only inside a word', () => {
    expect(words('P|eo!').map((w) => w.folded)).toEqual(['pleo']);
  });
});

describe('findName', () => {
  it.each(['Pleo', 'Acme Pleo', 'AcmePleo', 'P1eo Sync', 'Pl3o', 'PL30', 'P.l.e.o', 'P-L-E-O', 'P l e o', 'Ple-o', 'Pleo!', 'Pleo365', 'PleoIntegration', 'PLeo', '\u0410cme \u0420leo', 'Ple\u200Bo', '⒫⒧⒠⒪'])(
    'finds %s',
    (text) => expect(findName(text, 'pleo')).toBeDefined(),
  );
  it.each(['Simpleo', 'Pleomorphic', 'Pleonasm', 'Napleon', 'pleonexia', 'Ple o', 'S.I.M.P.L.E.O', 'A.P. Leo', 'Apple O', 'Peo', 'Pleeo'])(
    'does not find %s',
    (text) => expect(findName(text, 'pleo')).toBeUndefined(),
  );
  it('returns the span in the original text', () => {
    const text = 'Acme Ple\u200Bo Sync';
    const match = findName(text, 'pleo')!;
    expect(text.slice(match.start, match.end)).toBe('Ple\u200Bo');
  });
});

describe('scripts', () => {
  it('names scripts and skips Common and Inherited', () => {
    expect(scriptOf('a')).toBe('Latin');
    expect(scriptOf('\u0430')).toBe('Cyrillic');
    expect(scriptOf('1')).toBeUndefined();
    expect(scriptOf('\u0301')).toBeUndefined();
    expect(scriptOf('\u{10330}')).toBe('Other');
  });
  it('finds a word that mixes scripts', () => {
    expect(mixedScriptWord('\u0410cme Books')).toEqual({ word: '\u0410cme', scripts: ['Cyrillic', 'Latin'] });
    expect(mixedScriptWord('Acme Бухгалтерия')).toBeUndefined();
    expect(mixedScriptWord('freeeクラウド会計')).toBeUndefined();
    expect(mixedScriptWord('Café 2.0')).toBeUndefined();
  });
});

describe('measuring', () => {
  it('counts user-perceived characters', () => {
    expect(graphemeLength('e\u0301')).toBe(1);
    expect(graphemeLength('👩‍💻 Acme')).toBe(6);
  });
  it('names characters', () => {
    expect(describeCharacter('\u202E')).toBe('U+202E (right-to-left override)');
    expect(describeCharacter('\u0007')).toBe('U+0007');
  });
  it('computes Shannon entropy', () => {
    expect(shannonEntropy('aaaa')).toBe(0);
    expect(shannonEntropy('abcd')).toBe(2);
  });
  it('strips invisible characters', () => expect(stripInvisible('A\u200Bc\u202Em\u00ADe')).toBe('Acme'));
});

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
