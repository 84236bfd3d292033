import { defineRule } from './define-rule.js';
import { pkceMethod } from './pkce-s256.js';

export default defineRule({
  id: 'pkce-confidential-client',
  severity: 'warning',
  messages: {
    missing: 'Pleo recommends PKCE for confidential clients too, and pkce is not set; add `pkce: S256`.',
    disabled: 'Pleo recommends PKCE for confidential clients too, but pkce is {{found}}; write `pkce: S256` if your OAuth library supports it.',
  },
  docs: {
    summary: 'Use PKCE (pkce: S256) in a confidential client too.',
    why: 'The client secret protects the token request, but PKCE also ties the authorisation code to the browser session that asked for it, which stops code injection. Pleo recommends PKCE for every client, and requires it wherever the client supports it.',
    bad: 'client_type: confidential\npkce: none',
    good: 'client_type: confidential\npkce: S256',
    fix: 'Write `pkce: S256`, and have your OAuth library send a code_challenge (S256) and the code_verifier. If your library cannot do PKCE, turn this rule off in .pleo-register.yaml with a comment that says why.',
    source: 'Pleo "PKCE and Secured Patterns" (PKCE recommended for confidential clients, "required where supported by the client"); RFC 9700 §2.1.1',
  },
  check(manifest, context) {
    const { data } = manifest;
    if (data.client_type !== 'confidential') return;
    // A value that is neither S256 nor "no PKCE" (plain, s256…) is pkce-s256's to report.
    if (pkceMethod(data.pkce) !== 'none') return;
    if (Object.hasOwn(data, 'pkce')) context.report({ messageId: 'disabled', path: ['pkce'], data: { found: data.pkce === null ? 'empty' : JSON.stringify(data.pkce) } });
    else context.report({ messageId: 'missing', path: ['client_type'] });
  },
});
