import { mask } from '../secrets/redact.js';
import { scanSecrets, type SecretKind } from '../secrets/scan.js';
import { defineRule } from './define-rule.js';
import { clip } from '../text/describe.js';

type Msg = SecretKind | 'tooMany';
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
  // Every secret found is masked by the engine's own pass (secrets/scan.ts), whatever this rule's severity.
  readsWholeLists: true,
  check(manifest, context) {
    const hits = scanSecrets(manifest.data, manifest.comments);
    for (const { kind, finding, path, target, offsets } of hits.slice(0, MAX_REPORTS)) {
      const data = { masked: finding.shown ?? mask(finding.secret), value: finding.shown ?? '', label: finding.label, key: clip(finding.label) };
      context.report({ messageId: kind, path, target, offsets, data });
    }
    if (hits.length > MAX_REPORTS) context.report({ messageId: 'tooMany', path: [], data: { count: hits.length, shown: MAX_REPORTS } });
  },
});
