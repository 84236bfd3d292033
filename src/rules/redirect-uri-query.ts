import { defineRule } from './define-rule.js';
import { clip } from '../text/describe.js';
import { cleanUri, quoteUri, redirectUris } from '../uri/uri.js';

/** What Pleo (or any OAuth server) adds to the redirect URI itself; a second copy breaks the response. */
const RESPONSE_PARAMETERS = new Set([
  'code', 'state', 'error', 'error_description', 'error_uri', 'iss',
  'access_token', 'id_token', 'token_type', 'expires_in', 'session_state',
]);

export default defineRule({
  id: 'redirect-uri-query',
  severity: 'warning',
  severities: { responseParameter: 'error' },
  messages: {
    responseParameter: 'Redirect URI "{{uri}}" has {{names}} in its query, which Pleo adds to the redirect itself; a parameter given twice makes the response ambiguous. Remove {{them}} from the redirect URI.',
    query: 'Redirect URI "{{uri}}" has a query ("?{{query}}"); Pleo must keep it and match it exactly, so prefer carrying context in the path or in the state parameter.',
    emptyQuery: 'Redirect URI "{{uri}}" ends with an empty query "?", which clients drop or keep at will; remove the "?" so the URI matches exactly.',
  },
  docs: {
    summary: 'Keep queries out of redirect URIs, and never put OAuth response parameters (code, state, error, iss…) in one.',
    why: 'Pleo appends code and state (or error) to the registered redirect URI. A registered "?state=…" or "?code=…" repeats them, and OAuth responses must not repeat parameters. Any other query must survive every redirect exactly for the string match to succeed; context fits better in the path or the state parameter.',
    bad: 'redirect_uris:\n  - https://app.acme-books.io/callback?state=fixed\n  - https://app.acme-books.io/callback?tenant=eu',
    good: 'redirect_uris:\n  - https://app.acme-books.io/callback/eu',
    fix: 'Remove response parameters from the redirect URI. For another query, move the context into the path or the state parameter, or keep the query and disable this warning with a reason once Pleo has confirmed it.',
    source: 'RFC 6749 §3.1 (parameters must not be included more than once) and §3.1.2 (the query of the redirect URI must be retained); OAuth 2.1 draft; house rule for the warning',
  },
  check(manifest, context) {
    for (const { path, raw } of redirectUris(manifest.data)) {
      const text = cleanUri(raw);
      const hash = text.indexOf('#');
      const beforeHash = hash < 0 ? text : text.slice(0, hash);
      const question = beforeHash.indexOf('?');
      if (question < 0) continue;
      const query = beforeHash.slice(question + 1);
      const uri = quoteUri(raw, context);
      if (query === '') {
        context.report({ messageId: 'emptyQuery', path, data: { uri } });
        continue;
      }
      const names = new Set<string>();
      for (const pair of query.split(/[&;]/)) {
        const name = decodeName(pair.split('=', 1)[0]!);
        if (RESPONSE_PARAMETERS.has(name)) names.add(`"${name}"`);
      }
      if (names.size > 0) {
        const list = [...names].join(', ');
        context.report({ messageId: 'responseParameter', path, data: { uri, names: list, them: names.size > 1 ? 'them' : 'it' } });
      } else {
        context.report({ messageId: 'query', path, data: { uri, query: clip(query, 50) } });
      }
    }
  },
});

function decodeName(name: string): string {
  try {
    return decodeURIComponent(name.replace(/\+/g, ' '));
  } catch {
    return name;
  }
}
