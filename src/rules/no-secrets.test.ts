import { expect, it } from 'vitest';
import { lint as lintManifest } from '../index.js';
import { ruleTester } from '../test-support/rule-tester.js';
import rule from './no-secrets.js';

// Fake credentials, built at run time so that no scanner mistakes this file for a leak.
const HEX30 = '12345a6bcd789ef012abcd34ef5a6b'; // Pleo's example client secret (illustrative)
const GITHUB = 'ghp_' + 'aB3dE5fG7h'.repeat(4).slice(0, 36);
const SLACK = 'xoxb-' + '1234567890-' + 'AbCdEfGhIjKlMnOp';
const STRIPE = 'sk_live_' + '4eC39HqLyjWDarjtT1zdp7dc';
const AWS = 'AKIA' + 'IOSFODNN7EXAMPLE';
const GOOGLE = 'AIza' + 'SyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY';
const JWT = 'eyJhbGciOiJIUzI1NiJ9' + '.eyJzdWIiOiIxMjM0NTY3ODkwIn0' + '.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U';
const NPM = 'npm_' + 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8';
const OPENAI = 'sk-proj-' + 'T3BlbkFJx9Ab3kQ7mZp2Lr8TnV4cW6yH1dF5';
const RANDOM = 'x9Ab3kQ7mZp2Lr8TnV4cW6yH1dF5gJ0sQw';
const PEM_BODY = ['MIIEowIBAAKCAQEA7bq98nW1Hd3cYpZ0xK2v', 'Q3r5T7y9U1i3O5p7A9s1D3f5G7h9J1k3L5z7'];
const PEM = `-----BEGIN RSA PRIVATE KEY-----\n    ${PEM_BODY.join('\n    ')}\n    -----END RSA PRIVATE KEY-----`;

function nested(depth: number, leaf: string): string {
  let text = '';
  for (let i = 0; i < depth; i++) text += `${'  '.repeat(i)}l${i}:\n`;
  return text + `${'  '.repeat(depth)}${leaf}\n`;
}

ruleTester(rule, {
  valid: [
    { name: 'a clean manifest', code: 'client_name: Acme Books\nclient_uri: https://acme-books.io/\ncontacts:\n  - integrations@acme-books.io\nredirect_uris:\n  - https://app.acme-books.io/oauth/pleo/callback\nscopes:\n  - export-jobs:read\n' },
    { name: 'a client ID (UUID) is public', code: 'x-pleo:\n  client_id: 12a3b456-78c9-0d12-34e5-f678ab9bcd0e\n' },
    { name: 'keys about credentials that are not credentials', code: 'x-token-endpoint: https://auth.pleo.io/oauth/token\nx-secret-name: pleo-client-secret\nx-password-policy-uri: https://acme-books.io/security\nx-client-secret-expires-at: 0\nx-token-endpoint-auth-method: client_secret_basic\n' },
    { name: 'a boolean under a credential key is a flag', code: 'x-use-client-secret: true\nx-has-password: false\n' },
    { name: 'an auth key without an auth scheme', code: 'x-auth: oauth2\nx-authorization: pkce\n' },
    { name: 'a commit hash under a hash-like key', code: 'x-commit: 9f3c2b1a8e7d6c5b4a3928172635445362718290\nx-logo-sha256: 3f786850e387550fdab836ed7e6dc881de23001b3f786850e387550fdab836ed\n' },
    { name: 'a commit hash in a comment', code: '# generated from commit 9f3c2b1a8e7d6c5b4a3928172635445362718290\nclient_name: Acme Books\n' },
    { name: 'camelCase identifiers and slugs', code: 'x-notes:\n  - ThisIsAVeryLongCamelCaseIdentifier2024\n  - AcmeBooksIntegrationSettingsPageForTheNordicMarkets2025\n  - 2024-Annual-Report-AcmeBooks-V2-Final\n  - https://acme-books.io/legal/privacy-policy-2024-version-3-final-draft\n' },
    { name: 'a data: URI (an image, not a secret)', code: 'logo: "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="\n' },
    { name: 'subresource integrity', code: 'x-integrity: sha384-oqVuAfXRKap7fdgcCY5uykM6+R9GqQ8K/uxy9rx7HNQlGYl1kPzQho1wx4JwY8wC\n' },
    { name: 'prose about secrets in comments', code: '# client secret: ask the integrations team\n# the client_secret lives in 1Password ("Pleo OAuth")\n# password: see vault\nclient_name: Acme Books\n' },
    { name: 'a URL with a user but no password', code: 'x-repo: https://git@github.com/acme/books\n' },
    { name: 'a password placeholder in a URL', code: 'x-db: postgres://app:${DB_PASSWORD}@db.acme-books.io/books\n' },
    { name: 'wrong types do not throw', code: 'client_name: 12345\ncontacts: 7\nredirect_uris: [1, 2, null]\nx-list: [[], {}, null, true, 3.5]\n' },
    { name: 'deep nesting without secrets', code: nested(60, 'leaf: plain value') },
    { name: 'a long list without secrets', code: 'x-items:\n' + Array.from({ length: 5000 }, (_, i) => `  - item-${i}\n`).join('') },
    { name: 'URL parameters that name no credential, or hold a reference', code: 'x-links:\n  - https://acme-books.io/cb?token_type=bearer&state=af0ifjsldkj\n  - https://acme-books.io/reset?password_reset=true\n  - https://acme-books.io/cb?client_secret=${CLIENT_SECRET}\n' },
    { name: 'keys that only start with a credential word', code: 'x-token-endpoint-v2: https://auth.pleo.io/oauth/token\nx-secret-name-prod: pleo-client-secret\n' },
  ],
  invalid: [
    {
      name: "Pleo's example client secret under client_secret",
      code: `x-pleo:\n  client_id: 12a3b456-78c9-0d12-34e5-f678ab9bcd0e\n  client_secret: ${HEX30}\n`,
      errors: [{ messageId: 'secretKey', path: '/x-pleo/client_secret', line: 3, column: 3, severity: 'error', includes: ['"client_secret"', '1234…(30 chars)'], excludes: [HEX30] }],
    },
    {
      name: 'credential keys in every spelling',
      code: 'client_secret: a\nclientSecret: b1b1b1\nCLIENT-SECRET: c\nclient.secret: d\npassword: hunter2\npasswd: e\npwd: f\naccess_token: g\nrefreshToken: h\nid_token: i\napi_token: j\nprivate_key: k\napiKey: l\nx-api-key: m\ncredentials: n\n',
      errors: Array.from({ length: 15 }, (_, i) => ({ messageId: 'secretKey', line: i + 1, column: 1 })),
    },
    {
      name: 'credential keys with a qualifier or a number after them, or a prefix before',
      code: 'client_secret_prod: a1b2c3d4\nclient_secret2: e5f6g7h8\npleo_api_key_live: i9j0k1l2\nPASSWORD_OLD: m3n4o5p6\nx-token-v2: q7r8s9t0\nclientSecretStaging: u1v2w3x4\n',
      errors: Array.from({ length: 6 }, (_, i) => ({ messageId: 'secretKey', line: i + 1, column: 1, excludes: [['a1b2c3d4', 'e5f6g7h8', 'i9j0k1l2', 'm3n4o5p6', 'q7r8s9t0', 'u1v2w3x4'][i]!] })),
    },
    {
      name: 'a credential in a URL parameter',
      code: 'x-callback: https://app.acme-books.io/cb?client_secret=hunter2xyz&state=abc\nx-api: "https://api.acme-books.io/v1?api_key=Zx9-Lm2"\n',
      errors: [
        { messageId: 'queryCredential', path: '/x-callback', line: 1, includes: ['"client_secret"', '…(10 chars)'], excludes: ['hunter2xyz'] },
        { messageId: 'queryCredential', path: '/x-api', line: 2, includes: ['"api_key"'], excludes: ['Zx9-Lm2'] },
      ],
    },
    {
      name: 'the password itself never appears in the message',
      code: 'x-db:\n  password: hunter2\n',
      errors: [{ messageId: 'secretKey', line: 2, includes: ['…(7 chars)'], excludes: ['hunter2'] }],
    },
    {
      name: 'references and placeholders get the softer message',
      code: 'client_secret: ${CLIENT_SECRET}\naccess_token: env:PLEO_TOKEN\nx-secret: op://Integrations/Pleo/client-secret\npassword: <redacted>\napi_key: changeme\nx-token:\nprivate_key: ""\n',
      errors: [
        { messageId: 'secretKeyPlaceholder', line: 1, includes: ['"${CLIENT_SECRET}"'] },
        { messageId: 'secretKeyPlaceholder', line: 2 },
        { messageId: 'secretKeyPlaceholder', line: 3, includes: ['op://'] },
        { messageId: 'secretKeyPlaceholder', line: 4 },
        { messageId: 'secretKeyPlaceholder', line: 5 },
        { messageId: 'secretKeyPlaceholder', line: 6, includes: ['(empty)'] },
        { messageId: 'secretKeyPlaceholder', line: 7, includes: ['(empty)'] },
      ],
    },
    {
      name: 'a number under a credential key',
      code: 'x-pin-password: 123456\n',
      errors: [{ messageId: 'secretKey', line: 1, excludes: ['123456'] }],
    },
    {
      name: 'a mapping of credentials is reported once',
      code: `credentials:\n  client_id: 12a3b456-78c9-0d12-34e5-f678ab9bcd0e\n  client_secret: ${HEX30}\n`,
      errors: [{ messageId: 'secretKey', path: '/credentials', line: 1, includes: ['a mapping'], excludes: [HEX30] }],
    },
    {
      name: 'an Authorization header value',
      code: 'x-headers:\n  Authorization: Bearer abcdefghijklmnop1234\n',
      errors: [{ messageId: 'secretKey', line: 2, includes: ['"Authorization"'], excludes: ['abcdefghijklmnop1234'] }],
    },
    {
      name: 'a PEM private key under a neutral key',
      code: `x-signing: |\n    ${PEM.replace(/\n {4}/g, '\n    ')}\n`,
      errors: [{ messageId: 'privateKey', line: 1, includes: ['BEGIN RSA PRIVATE KEY', 'MIIE…'], excludes: PEM_BODY }],
    },
    {
      name: 'a PEM private key under private_key is one problem',
      code: `private_key: |\n    ${PEM}\n`,
      errors: [{ messageId: 'secretKey', line: 1, excludes: PEM_BODY }],
    },
    {
      name: 'well-known token formats',
      code: `x-samples:\n  - ${GITHUB}\n  - ${SLACK}\n  - ${STRIPE}\n  - ${AWS}\n  - ${GOOGLE}\n  - ${JWT}\n  - ${NPM}\n  - ${OPENAI}\n`,
      errors: [
        { messageId: 'knownToken', path: '/x-samples/0', line: 2, includes: ['GitHub token', 'ghp_…(40 chars)'], excludes: [GITHUB] },
        { messageId: 'knownToken', line: 3, includes: ['Slack token'], excludes: [SLACK] },
        { messageId: 'knownToken', line: 4, includes: ['Stripe key'], excludes: [STRIPE] },
        { messageId: 'knownToken', line: 5, includes: ['AWS access key ID'], excludes: [AWS] },
        { messageId: 'knownToken', line: 6, includes: ['Google API key'], excludes: [GOOGLE] },
        { messageId: 'knownToken', line: 7, includes: ['JSON Web Token'], excludes: [JWT] },
        { messageId: 'knownToken', line: 8, includes: ['npm token'], excludes: [NPM] },
        { messageId: 'knownToken', line: 9, includes: ['sk-'], excludes: [OPENAI] },
      ],
    },
    {
      name: 'a token inside a longer string',
      code: `x-note: "rotate ${GITHUB} next week"\n`,
      errors: [{ messageId: 'knownToken', line: 1, excludes: [GITHUB] }],
    },
    {
      name: 'a token as a key of an x- mapping',
      code: `x-allow:\n  ${GITHUB}: true\n`,
      errors: [{ messageId: 'knownToken', path: '/x-allow/ghp_…(40 chars)', line: 2, column: 3, excludes: [GITHUB] }],
    },
    {
      name: 'random-looking strings under neutral keys (hex-30 included)',
      code: `x-note: ${HEX30}\nx-other: ${RANDOM}\n`,
      errors: [
        { messageId: 'highEntropy', line: 1, includes: ['Random-looking hex string (1234…(30 chars))'], excludes: [HEX30] },
        { messageId: 'highEntropy', line: 2, includes: ['Random-looking string ('], excludes: [RANDOM] },
      ],
    },
    {
      name: 'a password in a URL',
      code: 'x-db: postgres://app:S3cretPassw0rd@db.acme-books.io/books\n',
      errors: [{ messageId: 'urlPassword', line: 1, excludes: ['S3cretPassw0rd'] }],
    },
    {
      name: 'a private JSON Web Key',
      code: 'x-jwks:\n  keys:\n    - kty: RSA\n      e: AQAB\n      n: sXchDaQebHnPiGvyDOAT4saGEUetSyo9MKLOoWFsueri23bOdgWp4Dy1WlUzewbgBHod5pcM9H95GQRV3JDXboIRROSBigeC5yjU1hGzHHyXss8UDpre\n      d: VFCWOqXr8nvZNyaaJLXdnNPXZKRaWCjkU5Q2egQQpTBMwhprMzWzpR8Sxq1OPThh_J6MUD8Z35wky9b8eEO0pwNS8xlh1lOFRRBoNqDIKVOku0aZb\n',
      errors: [{ messageId: 'privateJwk', path: '/x-jwks/keys/0/d', line: 6, includes: ['"d"'], excludes: ['VFCWOqXr8nvZNyaaJLXdnNPXZKRaWCjkU5Q2egQQpTBM'] }],
    },
    {
      name: 'a secret 60 levels deep',
      code: nested(60, `client_secret: ${HEX30}`),
      errors: [{ messageId: 'secretKey', line: 61, excludes: [HEX30] }],
    },
    {
      name: 'a secret deep in a long list',
      code: 'x-items:\n' + Array.from({ length: 5000 }, (_, i) => (i === 4321 ? `  - ${GITHUB}\n` : `  - item-${i}\n`)).join(''),
      errors: [{ messageId: 'knownToken', path: '/x-items/4321', line: 4323 }],
    },
    {
      name: 'a token in a comment',
      code: `client_name: Acme Books\n# old token: ${GITHUB}\n`,
      errors: [{ messageId: 'knownToken', path: '', line: 2, column: 14, excludes: [GITHUB] }],
    },
    {
      name: 'a commented-out client secret',
      code: `client_name: Acme Books\n# client_secret: ${HEX30}\n# password: hunter2\n`,
      errors: [
        { messageId: 'secretKey', line: 2, column: 18, includes: ['"client_secret"'], excludes: [HEX30] },
        { messageId: 'secretKey', line: 3, column: 13, excludes: ['hunter2'] },
      ],
    },
    {
      name: 'a PEM key written as comment lines is one problem',
      code: `client_name: Acme Books\n# ${PEM.replace(/\n {4}/g, '\n# ')}\n`,
      errors: [{ messageId: 'privateKey', line: 2, excludes: PEM_BODY }],
    },
    {
      name: 'a dump of secrets: the first 50 are listed, then a count',
      code: 'x-dump:\n' + Array.from({ length: 60 }, (_, i) => `  - ${RANDOM.slice(0, 30)}${String(i).padStart(4, '0')}\n`).join(''),
      errors: [
        { messageId: 'tooMany', line: 1, includes: ['at least 60', 'first 50'] },
        ...Array.from({ length: 50 }, () => ({ messageId: 'highEntropy' })),
      ],
    },
  ],
});

it('masks every secret it finds in the source kept for code frames', () => {
  const code = `x-pleo:\n  client_secret: ${HEX30}\n# ${GITHUB}\nx-note: ${RANDOM}\nx-key: |\n    ${PEM}\n`;
  const result = lintManifest(code, { file: 'pleo-client.yaml', rules: [rule] });
  expect(result.problems).toHaveLength(4);
  for (const secret of [HEX30, GITHUB, RANDOM, ...PEM_BODY]) {
    expect(result.source).not.toContain(secret);
    for (const problem of result.problems) expect(problem.message).not.toContain(secret);
  }
});

it('masks a secret however many secret-looking values come before it (the first 100 used to be all)', () => {
  const noise = Array.from({ length: 150 }, (_, i) => `  - ${RANDOM.slice(0, 30)}${String(i).padStart(4, '0')}\n`).join('');
  const real = 'ghp_' + 'Rl9Sc8Qw7Zx6Lm5Nb4Vc3Xz2As1Df0Gh9Jk8';
  // Values are searched last first: the list's first item after the other 150, then client_type, which the schema quotes.
  const code = `client_type: ${real}\nx-dump:\n  - ${real}\n${noise}`;
  const result = lintManifest(code, { file: 'pleo-client.yaml' });
  expect(result.problems.filter((p) => p.ruleId === 'no-secrets')).toHaveLength(51); // the reports stop at 50, and one says so
  expect(result.problems.some((p) => p.ruleId === 'schema' && p.path === '/client_type')).toBe(true);
  for (const problem of result.problems) expect(problem.message).not.toContain(real.slice(4, 20));
  expect(result.source).not.toContain(real.slice(4, 20));
});
