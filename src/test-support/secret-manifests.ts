/**
 * Manifests full of (fake) secrets, and a detector for them in any report: shared by the report tests
 * (src/report/secrets.test.ts) and the CLI tests (src/cli/secrets-cli.test.ts).
 *
 * A secret counts as printed when it appears, or when any 12 characters in a row of it do (masks keep at
 * most the first 4), in the output as written or once a format's escaping is undone (JSON strings, XML
 * entities, GitHub's %-escapes, Markdown backslashes, ANSI colours).
 */

// Fake credentials, built at run time so that no scanner mistakes this file for a leak.
export const SECRETS = {
  /** Top-level client_secret, written single-quoted with a '' escape (the source differs from the value). */
  quoted: "u8jzPde0Ig'xLd6&GncfB<Aep%fJBd0Kh8oO",
  /** x-pleo.client_secret, plain. */
  nested: 'KLzdocJ2isAjIhKtJ0RlgLKOmxgJTeKdNnFR',
  /** The value of client_type: the schema's enum message quotes it. */
  github: 'ghp_' + 'IBXuDL7DxtpYlSXpfKtHF4vUCsMehGAkWvj7',
  /** A GitHub token used as a key: the schema names it, the JSON Pointer holds it. */
  githubKey: 'ghp_' + 'FAc9QeWJKY40uvSwMFLZDe1f8rESQedUStPK',
  /** A GitHub token as a key inside a credential mapping (x-tokens). */
  githubInCredentials: 'ghp_' + 'Ty4Qwb8DwkNhFdnXsiVpzz63FfkCzJr4a1b2',
  /** In a redirect URI's query: longer than the 80 characters a message quotes, so it is clipped. */
  jwt:
    'eyJhbGciOiJSUzI1NiIsImtpZCI6InBsZW8tdGVzdCJ9' +
    '.eyJzdWIiOiJpMEIzSnJUQXdSNHk5b2pmbGpvUW9hRjFMbHFzYWoiLCJhdWQiOiJhY21lLWJvb2tzIn0' +
    '.AIxNKu8iS2G8NPRVdD53X83RZJzzzzgEOzdmenCkhvMdgaKjIg8xNbe3nNyjOq9w',
  /** 40 random characters under a neutral key. */
  entropy: 'MxEhh2FDEEtfjgVvVqE1SkHbn88HxjSI6bWHtP3f',
  /** user:password@ in client_uri (quoted by several URI rules) and in an x- value. */
  urlPassword: 'p0zVZomHFwUbbYrEqmSM9wCZ',
  mirrorPassword: '7Uw9xfogoEmvnEN5N1aE6PwZ',
  /** A two-line secret in a block scalar under a credential key (the source is indented). */
  blockLine1: 'Pf1Qh6yYTWmE4lBYOvfZ-first-half',
  blockLine2: 'Zq8Xv3Lm9Tr2Wb7Kp4Nd-second-half',
  /** Commented out: `# client_secret: …`, a token in a comment, a token named by a directive. */
  commentPair: 'c0mm3nt3dS3cr3tV4lu3Xy9',
  commentToken: 'ghp_' + 'C3J27XDCG2LmlZGEONYlgCtjfIZ4SOcMz9CP',
  directiveToken: 'ghp_' + 'Rk2Lm4Np6Qr8St0Uv2Wx4Yz6Ab8Cd0Ef2Gh4',
  /** The body of a PEM private key, one secret per line (that is how it is masked). */
  pem1: 'MIIEowIBAAKCAQEAx4j2mL5pQ9rT8vW3yZ6bN1cF0dG7hJ2kL4mN6pQ8rS0tU2vW',
  pem2: '4xY6zA8bC0dE2fG4hI6jK8lM0nO2pQ4rS6tU8vW0xY2zA4bC6dE8fG0hI2jK4lM6',
} as const;

const PEM_LABEL = `${'RSA PRIVATE'} KEY`;

/** A manifest that breaks a few rules besides no-secrets, so other rules quote the secrets too. */
export const SECRET_MANIFEST = [
  '# yaml-language-server: $schema=../../schemas/pleo-client.schema.json',
  'client_name: Acme Books',
  `client_uri: https://deploy:${SECRETS.urlPassword}@Acme-Books.io/./home`,
  'logo: ./brand/logo.png',
  'tos_uri: https://acme-books.io/legal/terms',
  'policy_uri: https://acme-books.io/legal/privacy',
  'contacts:',
  '  - integrations@acme-books.io',
  'initiation_uri: https://app.acme-books.io/pleo/connect',
  'settings_uri: https://app.acme-books.io/pleo/settings',
  `client_type: ${SECRETS.github}`,
  'redirect_uris:',
  `  - https://app.acme-books.io/oauth/pleo/callback?access_token=${SECRETS.jwt}`,
  'scopes:',
  '  - export-jobs:read',
  'pkce: S256',
  `client_secret: '${SECRETS.quoted.replace(/'/g, "''")}'`,
  `${SECRETS.githubKey}: deploy key`,
  'x-pleo:',
  '  client_id: 12a3b456-78c9-0d12-34e5-f678ab9bcd0e',
  `  client_secret: ${SECRETS.nested}`,
  'x-signing:',
  '  pem: |',
  `    -----BEGIN ${PEM_LABEL}-----`,
  `    ${SECRETS.pem1}`,
  `    ${SECRETS.pem2}`,
  `    -----END ${PEM_LABEL}-----`,
  'x-build:',
  `  note: ${SECRETS.entropy}`,
  'x-tokens:',
  `  ${SECRETS.githubInCredentials}: ci`,
  'x-deploy:',
  '  password: |',
  `    ${SECRETS.blockLine1}`,
  `    ${SECRETS.blockLine2}`,
  `x-mirror: https://deploy:${SECRETS.mirrorPassword}@git.acme-books.io/books.git`,
  `# old client_secret: ${SECRETS.commentPair}`,
  `# rotated: ${SECRETS.commentToken}`,
  `# pleo-register-disable-next-line ${SECRETS.directiveToken} -- not a rule`,
  'subject_type: company',
  '',
].join('\n');

/**
 * The same secrets in a file that does not parse (tabs), so no rule but yaml-syntax runs; each secret is
 * on a line a code frame shows (the line of a problem, or the one before).
 */
export const BROKEN_MANIFEST = [
  'client_name: Acme Books',
  `client_secret: ${SECRETS.nested}`,
  '\tclient_type: confidential',
  `x-token: ${SECRETS.github}`,
  '\tpkce: S256',
  `# client_secret: ${SECRETS.commentPair}`,
  '\tsubject_type: company',
  '',
].join('\n');

/** Every piece of text that must not appear: the secret, and each 12-character run of it when it is longer than 16. */
export function forbiddenPieces(secret: string): string[] {
  const pieces = [secret];
  if (secret.length > 16) for (let i = 0; i + 12 <= secret.length; i++) pieces.push(secret.slice(i, i + 12));
  return pieces;
}

/** The output as written, and with each format's escaping undone, so an escaped secret is still found. */
export function readings(output: string): string[] {
  const texts = [output, output.replace(/\u001b\[[0-9;]*m/g, '')];
  const json = (() => {
    try {
      return JSON.parse(output) as unknown;
    } catch {
      return undefined;
    }
  })();
  if (json !== undefined) texts.push(JSON.stringify(json, (_, value: unknown) => value, 0), strings(json).join('\n'));
  texts.push(output.replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16))).replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec))).replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'));
  texts.push(output.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%'));
  texts.push(output.replace(/\\([\\`*_[\]|~])/g, '$1').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'));
  return texts;
}

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([key, inner]) => [key, ...strings(inner)]);
  return [];
}

/** For each secret found in `output` (whole or in part), its name and the first piece found; empty when none leaked. */
export function leaks(output: string, secrets: Readonly<Record<string, string>> = SECRETS): string[] {
  const texts = readings(output);
  const found: string[] = [];
  for (const [name, secret] of Object.entries(secrets)) {
    const piece = forbiddenPieces(secret).find((candidate) => texts.some((text) => text.includes(candidate)));
    if (piece !== undefined) found.push(`${name}: ${piece}`);
  }
  return found;
}

/** Real secrets that come after 150 secret-looking values in DUMP_MANIFEST, each in a field an export prints. */
export const LATE_SECRETS = {
  /** The value of client_type: the schema quotes it, a code frame shows it. */
  token: 'ghp_' + 'Lt9Sc8Qw7Zx6Lm5Nb4Vc3Xz2As1Df0Gh9Jk8',
  /** In tos_uri's query, as access_token (a fixable host case on the same line puts it in a diff). */
  query: 'Qu3ryT0k3n-late-V4lue88',
  /** Under a credential key with a suffix, client_secret_prod. */
  suffixed: 'Pr0dS3cr3t-late-V4lue77',
  /** user:password@ in client_uri. */
  urlPassword: 'Ur1P4ssw0rd-late-V4lue66',
} as const;

/**
 * A manifest that holds 150 secret-looking values (x-dump) and then, in the order values are searched
 * (last key first, last item first), the real secrets of LATE_SECRETS.
 */
export const DUMP_MANIFEST = [
  'client_name: Acme Books',
  `client_uri: https://deploy:${LATE_SECRETS.urlPassword}@acme-books.io/`,
  'logo: ./brand/logo.png',
  `tos_uri: https://Acme-Books.io/legal/terms?access_token=${LATE_SECRETS.query}`,
  'policy_uri: https://acme-books.io/legal/privacy',
  'contacts:',
  '  - integrations@acme-books.io',
  'initiation_uri: https://app.acme-books.io/pleo/connect',
  'settings_uri: https://app.acme-books.io/pleo/settings',
  `client_type: ${LATE_SECRETS.token}`,
  'redirect_uris:',
  '  - https://app.acme-books.io/oauth/pleo/callback',
  'scopes:',
  '  - export-jobs:read',
  'pkce: S256',
  'subject_type: company',
  'x-pleo:',
  `  client_secret_prod: ${LATE_SECRETS.suffixed}`,
  'x-dump:',
  ...Array.from({ length: 150 }, (_, i) => `  - x9Ab3kQ7mZp2Lr8TnV4cW6yH1dF5gJ${String(i).padStart(4, '0')}`),
  '',
].join('\n');
