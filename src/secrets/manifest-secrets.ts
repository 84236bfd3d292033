// The values of a manifest that lint masks, for the outputs that print the manifest's own text or values
// (an export, a fix's diff) rather than lint's report.

import type { Comment } from '../manifest/comments.js';
import { parseText } from '../manifest/parse.js';
import { scanSecrets } from './scan.js';
import { redactInPlace } from './redact.js';
import { splitRaw, splitUserinfo } from '../uri/uri.js';

/**
 * Every value lint would mask in this manifest: what no-secrets recognises (whatever its severity, as lint
 * does), and the password of every URI with user information (as the URI rules mask the URIs they quote).
 */
export function manifestSecrets(data: Readonly<Record<string, unknown>>, comments: readonly Comment[] = []): string[] {
  const secrets = scanSecrets(data, comments).flatMap((hit) => hit.finding.redact);
  const stack: unknown[] = [data];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value === 'string') {
      const userinfo = value.includes('@') ? splitRaw(value)?.userinfo : undefined;
      const password = userinfo === undefined ? undefined : splitUserinfo(userinfo).password;
      if (password) secrets.push(password);
    } else if (value && typeof value === 'object' && !seen.has(value)) {
      seen.add(value);
      for (const inner of Object.values(value)) stack.push(inner);
    }
  }
  return secrets;
}

/**
 * `--fix-dry-run`'s diff of `manifestText` with every secret in it masked as code frames mask them
 * (`ghp_****…`, lengths kept): a diff shows lines of the manifest as written, secrets included.
 */
export function redactDiff(diff: string, manifestText: string): string {
  if (diff === '') return diff;
  const parsed = parseText(manifestText);
  if (!parsed.data) return diff;
  return redactInPlace(diff, manifestSecrets(parsed.data, parsed.comments));
}
