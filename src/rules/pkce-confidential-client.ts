import { definePkceClientRule } from './utils/pkce-client.js';

export default definePkceClientRule({
  id: 'pkce-confidential-client',
  severity: 'warning',
  clientType: 'confidential',
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
});
