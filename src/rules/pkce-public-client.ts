import { definePkceClientRule } from './utils/pkce-client.js';

export default definePkceClientRule({
  id: 'pkce-public-client',
  severity: 'error',
  clientType: 'public',
  messages: {
    missing: 'A public client must use PKCE, and pkce is not set; add `pkce: S256`.',
    disabled: 'A public client must use PKCE, but pkce is {{found}}; write `pkce: S256`.',
  },
  docs: {
    summary: 'Use PKCE (pkce: S256) in a public client.',
    why: 'A public client (an SPA, a mobile or desktop app) cannot keep a client secret, so nothing but PKCE stops an intercepted authorisation code from being exchanged for tokens. Pleo requires PKCE for public clients.',
    bad: 'client_type: public\npkce: none',
    good: 'client_type: public\npkce: S256',
    fix: 'Write `pkce: S256` and send a code_challenge (S256) in the authorise request and the code_verifier in the token request. If your application can keep a secret on a server, it is a confidential client instead.',
    source: 'Pleo "PKCE and Secured Patterns" (public clients must use PKCE); RFC 9700 §2.1.1; RFC 7636',
  },
});
