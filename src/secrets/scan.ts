// Every secret-looking value of a manifest, with where it is: what no-secrets reports and what every
// output masks, found in one walk.

import type { JsonPath } from '../diagnostics.js';
import type { Comment } from '../manifest/comments.js';
import { clip } from '../text/describe.js';
import { AUTH_SCHEME, credentialKind, findSecrets, findSecretsInComments, HASH_WORDS, isPlaceholder, isReference, keyWords, type SecretFinding } from './detect.js';

export type SecretKind = SecretFinding['kind'] | 'secretKeyPlaceholder' | 'privateJwk';

/** A finding with the text to show instead of its masked value ("a mapping", a placeholder). */
export type ShownSecret = SecretFinding & { shown?: string };

export interface SecretHit {
  kind: SecretKind;
  finding: ShownSecret;
  path: JsonPath;
  /** On the key rather than the value; or, for a comment, offsets into the text. */
  target?: 'key';
  offsets?: [number, number];
}

const JWK_PRIVATE = new Set(['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k']);

/** The last scan of each manifest: the engine's masking pass and no-secrets read the same one. */
const scans = new WeakMap<object, { comments: readonly Comment[]; hits: readonly SecretHit[] }>();

/** Every secret in the data (keys and values, however deep) and in the comments, in walk order. */
export function scanSecrets(data: unknown, comments: readonly Comment[]): readonly SecretHit[] {
  if (!data || typeof data !== 'object') return walk(data, comments);
  const known = scans.get(data);
  if (known?.comments === comments) return known.hits;
  const hits = walk(data, comments);
  scans.set(data, { comments, hits });
  return hits;
}

function walk(data: unknown, comments: readonly Comment[]): SecretHit[] {
  const hits: SecretHit[] = [];
  const report = (finding: ShownSecret, path: JsonPath, where: { target?: 'key'; offsets?: [number, number] } = {}, kind: SecretKind = finding.kind) =>
    void hits.push({ kind, finding, path, ...where });

  const stack: { value: unknown; path: JsonPath; key: string }[] = [{ value: data, path: [], key: '' }];
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
        const [valueKind, finding] = credentialValue(key, header ?? child) ?? [];
        if (finding) report(finding, at, { target: 'key' }, valueKind);
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
  for (const comment of comments) {
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
    return comments[low]!.offset + at - starts[low]!;
  };
  for (const finding of findSecretsInComments(text)) report(finding, [], { offsets: [toSource(finding.start), toSource(finding.end)] });
  return hits;
}

/**
 * What a credential-named key holds: a value (a number too) is a `secretKey`; nothing, a
 * placeholder or a reference is a `secretKeyPlaceholder`; a mapping or list counts as one
 * credential with every string in it masked; a boolean is a flag (`use_client_secret: true`).
 */
function credentialValue(key: string, value: unknown): [SecretKind, ShownSecret] | undefined {
  const finding = (secret: string, redact: string[], shown?: string): ShownSecret => ({ kind: 'secretKey', label: key, secret, redact, shown, start: 0, end: 0 });
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
