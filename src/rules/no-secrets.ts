import type { JsonPath } from '../diagnostics.js';
import { mask } from '../redact.js';
import { defineRule } from './define-rule.js';
import { clip } from './utils/describe.js';
import { AUTH_SCHEME, credentialKind, findSecrets, findSecretsInComments, HASH_WORDS, isPlaceholder, isReference, keyWords, type SecretFinding } from './utils/text.js';

type Msg = SecretFinding['kind'] | 'secretKeyPlaceholder' | 'privateJwk' | 'tooMany';
/** A finding with the text to show instead of its masked value ("a mapping", a placeholder). */
type Shown = SecretFinding & { shown?: string };

const JWK_PRIVATE = new Set(['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k']);
/**
 * Past this, a file is a dump of secrets: the first ones are listed, then a count. Only the reports stop:
 * every secret found, however many came before it, is still masked everywhere.
 */
const MAX_REPORTS = 50;

export default defineRule<Msg>({
  id: 'no-secrets',
  severity: 'error',
  messages: {
    secretKey: 'Key "{{key}}" holds a credential ({{masked}}); remove it from the manifest and keep it in a secret store, and rotate it if this file was ever committed or shared.',
    secretKeyPlaceholder: 'Key "{{key}}" names a credential ({{value}}); the registration never carries credentials, not even empty or as a reference, so remove the key and keep the reference in your deployment configuration.',
    privateKey: 'Private key in the manifest ("{{label}}", {{masked}}); remove it and replace the key pair, since anyone who saw this file has it.',
    knownToken: '{{label}} in the manifest ({{masked}}); remove it and revoke it with its issuer.',
    highEntropy: 'Random-looking {{label}} ({{masked}}) that may be a secret; remove it and rotate it if it is a credential (if it is not, disable this line with a reason).',
    urlPassword: 'A URL carries a password ({{masked}}) in "user:password@"; remove the password and change it.',
    queryCredential: 'A URL carries the credential "{{key}}" ({{masked}}) as a parameter; remove it from the URL and rotate it.',
    privateJwk: 'JSON Web Key member "{{key}}" ({{masked}}) is private key material; publish only the public members (kty, n, e or crv, x, y) and replace the key pair.',
    tooMany: 'The manifest holds at least {{count}} credential-looking values; the first {{shown}} are listed. Remove them and run again.',
  },
  docs: {
    summary: 'Keep every credential (client secrets, passwords, tokens, private keys) out of the manifest, comments included.',
    why: 'The manifest is committed and reviewed in pull requests; a secret in it is a leaked secret. Pleo delivers the client ID and secret through 1Password after registration, and the registration form has no field for them.',
    bad: 'client_name: Acme Books\nx-pleo:\n  client_id: 12a3b456-78c9-0d12-34e5-f678ab9bcd0e\n  client_secret: 12345a6bcd789ef012abcd34ef5a6b',
    good: 'client_name: Acme Books\nx-pleo:\n  client_id: 12a3b456-78c9-0d12-34e5-f678ab9bcd0e\n  # the client secret is in 1Password: "Pleo OAuth (production)"',
    fix: 'Delete the value (and its key), rotate the credential if the file was ever committed or shared, and keep it in a secret store; refer to it from your deployment configuration, not from this file. For a false alarm, add `# pleo-register-disable-next-line no-secrets -- <why it is not a secret>`.',
    source: 'Pleo "How to register an OAuth client" (credentials are delivered via 1Password); RFC 7591 §3.2.1 (the client secret is issued by the server); house rule',
  },
  check(manifest, context) {
    let found = 0;
    /** Marks one secret for masking everywhere, and reports it (masked) while there are not too many. */
    const report = (finding: Shown, path: JsonPath, where: { target?: 'key'; offsets?: [number, number] } = {}, messageId: Msg = finding.kind) => {
      found++;
      for (const piece of finding.redact) context.redact(piece);
      if (found > MAX_REPORTS) return;
      const data = { masked: finding.shown ?? mask(finding.secret), value: finding.shown ?? '', label: finding.label, key: clip(finding.label) };
      context.report({ messageId, path, ...where, data });
    };

    const stack: { value: unknown; path: JsonPath; key: string }[] = [{ value: manifest.data, path: [], key: '' }];
    const seen = new Set<object>();
    while (stack.length > 0) {
      const { value, path, key: near } = stack.pop()!;
      if (typeof value === 'string') {
        for (const finding of findSecrets(value, () => HASH_WORDS.test(keyWords(near).join(' ')))) report(finding, path);
        continue;
      }
      if (!value || typeof value !== 'object' || seen.has(value)) continue;
      seen.add(value);
      if (Array.isArray(value)) {
        value.forEach((item, i) => stack.push({ value: item, path: [...path, i], key: near }));
        continue;
      }
      const jwk = typeof (value as { kty?: unknown }).kty === 'string'; // a JSON Web Key: long public members (n, x5c) are not secrets
      for (const [key, child] of Object.entries(value)) {
        const at = [...path, key];
        for (const finding of findSecrets(key)) report(finding, at, { target: 'key' });
        const kind = credentialKind(key);
        const header = kind === 'header' && typeof child === 'string' ? AUTH_SCHEME.exec(child)?.[1] : undefined;
        if (kind === 'credential' || header) {
          const [messageId, finding] = credentialValue(key, header ?? child) ?? [];
          if (finding) report(finding, at, { target: 'key' }, messageId);
        } else if (jwk && JWK_PRIVATE.has(key) && typeof child === 'string' && child.length > 0) {
          report({ kind: 'secretKey', label: key, secret: child, redact: [child], start: 0, end: 0 }, at, { target: 'key' }, 'privateJwk');
        } else if (!(jwk && typeof child === 'string')) {
          stack.push({ value: child, path: at, key });
        }
      }
    }

    // Comments are scanned as one text, so a PEM block written as a run of comment lines is found whole.
    const starts: number[] = [];
    let text = '';
    for (const comment of manifest.comments) {
      starts.push(text.length);
      text += comment.text + '\n';
    }
    const toSource = (at: number) => {
      let low = 0;
      for (let high = starts.length - 1; low < high; ) {
        const mid = (low + high + 1) >> 1;
        if (starts[mid]! <= at) low = mid;
        else high = mid - 1;
      }
      return manifest.comments[low]!.offset + at - starts[low]!;
    };
    for (const finding of findSecretsInComments(text)) report(finding, [], { offsets: [toSource(finding.start), toSource(finding.end)] });
    if (found > MAX_REPORTS) context.report({ messageId: 'tooMany', path: [], data: { count: found, shown: MAX_REPORTS } });
  },
});

/**
 * What a credential-named key holds: a value (a number too) is a `secretKey`; nothing, a
 * placeholder or a reference is a `secretKeyPlaceholder`; a mapping or list counts as one
 * credential with every string in it masked; a boolean is a flag (`use_client_secret: true`).
 */
function credentialValue(key: string, value: unknown): [Msg, Shown] | undefined {
  const finding = (secret: string, redact: string[], shown?: string): Shown => ({ kind: 'secretKey', label: key, secret, redact, shown, start: 0, end: 0 });
  if (typeof value === 'boolean') return undefined;
  if (value === null || value === undefined || (typeof value === 'string' && (isPlaceholder(value) || isReference(value)))) {
    return ['secretKeyPlaceholder', finding('', [], value === null || value === undefined || value === '' ? 'empty' : `"${clip(value)}"`)];
  }
  if (typeof value !== 'object') return ['secretKey', finding(String(value), [String(value)])];
  const strings: string[] = [];
  const stack: unknown[] = [value];
  const seen = new Set<object>(); // an alias can make a node its own child
  while (stack.length > 0) {
    const item = stack.pop();
    if (typeof item === 'string' || typeof item === 'number') strings.push(String(item));
    else if (item && typeof item === 'object' && !seen.has(item)) {
      seen.add(item);
      for (const [name, inner] of Object.entries(item)) {
        // A key is masked only when it looks like a credential itself (`ghp_…: ci`), not `username`.
        if (!Array.isArray(item)) for (const found of findSecrets(name)) strings.push(...found.redact);
        stack.push(inner);
      }
    }
  }
  return ['secretKey', finding('', strings, Array.isArray(value) ? 'a list' : 'a mapping')];
}
