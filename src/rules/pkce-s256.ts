import { defineRule } from './define-rule.js';
import { trimFix } from './utils/fixes.js';
import { describeValue } from '../text/describe.js';

/**
 * How the PKCE rules read `pkce`: absent, null (`pkce:` with no value), `none` and `false` all mean
 * "no PKCE" and are judged by the client-type rules; `S256` is PKCE; anything else is `pkce-s256`'s.
 */
export function pkceMethod(value: unknown): 'S256' | 'none' | 'invalid' {
  if (value === 'S256') return 'S256';
  if (value === undefined || value === null || value === false || value === 'none') return 'none';
  return 'invalid';
}

const YES = new Set(['yes', 'true', 'on', 'enabled', 'required', 'supported']);
const NO = new Set(['no', 'false', 'off', 'disabled', 'unsupported', 'not supported']);

export default defineRule({
  id: 'pkce-s256',
  severity: 'error',
  messages: {
    plain: 'PKCE method {{found}} is not supported by Pleo; use "S256".',
    wrongCase: 'PKCE method {{found}} must be written "{{method}}", with this exact case.',
    boolean: 'pkce names the PKCE method, not yes or no: write "S256" instead of {{found}}.',
    negative: 'pkce names the PKCE method, not yes or no: write "none" instead of {{found}} for no PKCE (Pleo recommends "S256" for every client and requires it for public ones).',
    invalid: 'pkce must be "S256" (or "none"), found {{found}}.',
  },
  docs: {
    summary: 'Set pkce to S256, the only PKCE method Pleo supports (or none, for a confidential client that cannot do PKCE).',
    why: 'Pleo supports the S256 code-challenge method only; "plain" sends the verifier in the clear and gives no protection against a stolen authorisation code. Any other value cannot be registered.',
    bad: 'client_type: confidential\npkce: plain',
    good: 'client_type: confidential\npkce: S256',
    fix: 'Write `pkce: S256` and send an S256 code_challenge in the authorise request. Leave pkce out, or write `none`, only if your confidential client cannot do PKCE.',
    source: 'Pleo "OAuth 2.0 Client Registration" (PKCE support: S256 only, plain not supported); RFC 7636 §4.2 and RFC 9700 §2.1.1',
  },
  check(manifest, context) {
    const value = manifest.data.pkce;
    if (pkceMethod(value) !== 'invalid') return;
    const found = describeValue(value);
    const path = ['pkce'];
    const text = typeof value === 'string' ? value.trim().toLowerCase() : undefined;
    const fix = typeof value === 'string' ? trimFix('pkce', value) : undefined;
    const report: typeof context.report = (found) => context.report({ ...found, fix });
    if (text === 'plain') report({ messageId: 'plain', path, data: { found } });
    else if (text === 's256' || text === 'none') report({ messageId: 'wrongCase', path, data: { found, method: text === 's256' ? 'S256' : 'none' } });
    else if (value === true || (text !== undefined && YES.has(text))) report({ messageId: 'boolean', path, data: { found } });
    else if (text !== undefined && NO.has(text)) report({ messageId: 'negative', path, data: { found } });
    else report({ messageId: 'invalid', path, data: { found } });
  },
});
