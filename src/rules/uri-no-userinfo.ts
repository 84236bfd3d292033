import { defineRule } from './define-rule.js';
import { clip } from '../text/describe.js';
import { parseUrl, quoteUri, redirectUris, splitRaw, splitUserinfo, webUris } from '../uri/uri.js';

const LOOKS_LIKE_HOST = /^[a-z0-9-]+(?:\.[a-z0-9-]+)+\.?$/i;

export default defineRule({
  id: 'uri-no-userinfo',
  severity: 'error',
  messages: {
    hostConfusion: '{{label}} "{{uri}}" leads to the host "{{host}}", not "{{user}}": the text before "@" is user information, which readers mistake for the host. Remove "{{user}}@" so the URI starts with its real host.',
    credentials: '{{label}} "{{uri}}" carries a user name and password ("{{user}}:…@") before its host "{{host}}"; remove them: a registration must never hold credentials.',
    userinfo: '{{label}} "{{uri}}" has user information ("{{userinfo}}@") before its host "{{host}}"; remove it.',
    backslashConfusion: '{{label}} "{{uri}}" has "\\" before "@": browsers go to the host "{{host}}", while other parsers read the text before "@" as user information and go to "{{otherHost}}". Remove the "\\" and what is meant to be user information.',
  },
  docs: {
    summary: 'Write URIs and redirect URIs without user information (`user@` or `user:password@` before the host).',
    why: 'User information in an http(s) URI is deprecated and only serves to deceive: "https://acme-books.io@evil.example/cb" goes to evil.example, and a password in the manifest is a leaked credential. A backslash before "@" makes browsers and server-side parsers disagree about the host.',
    bad: 'client_uri: https://acme-books.io@evil.example/\nredirect_uris:\n  - https://admin:s3cret@app.acme-books.io/callback',
    good: 'client_uri: https://acme-books.io/\nredirect_uris:\n  - https://app.acme-books.io/callback',
    fix: 'Delete everything between "//" and "@" (and the "@"). If a password was committed, rotate it.',
    source: 'RFC 9110 §4.2.4 (userinfo deprecated in http and https URIs); RFC 3986 §3.2.1 and §7.5; Google OAuth redirect URI rules (no userinfo)',
  },
  check(manifest, context) {
    for (const { label, path, raw } of [...webUris(manifest.data), ...redirectUris(manifest.data)]) {
      if (!raw.includes('@')) continue;
      const parts = splitRaw(raw);
      if (!parts) continue;
      const host = clip(parseUrl(raw)?.hostname || parts.host);
      if (parts.userinfo !== undefined) {
        const { user, password } = splitUserinfo(parts.userinfo);
        const uri = quoteUri(raw, context);
        if (password) context.redact(password);
        if (LOOKS_LIKE_HOST.test(user)) context.report({ messageId: 'hostConfusion', path, data: { label, uri, host, user: clip(user) } });
        else if (password !== undefined) context.report({ messageId: 'credentials', path, data: { label, uri, host, user: clip(user) } });
        else context.report({ messageId: 'userinfo', path, data: { label, uri, host, userinfo: clip(user) } });
        continue;
      }
      // RFC 3986 parsers end the authority at "/", "?" or "#" only, so "\…@" makes them see another host.
      const authority = parts.text.slice(parts.authorityStart).split(/[/?#]/, 1)[0]!;
      const at = authority.lastIndexOf('@');
      if (at >= 0 && authority.includes('\\')) {
        const otherHost = clip(authority.slice(at + 1).replace(/:\d*$/, ''));
        context.report({ messageId: 'backslashConfusion', path, data: { label, uri: quoteUri(raw, context), host, otherHost } });
      }
    }
  },
});
