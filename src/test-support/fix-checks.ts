import type { RuleSettings } from '../rules/define-rule.js';
import { Composer, Parser } from 'yaml';
import { fromJsonPointer, toJsonPointer } from '../diagnostics.js';
import { lint as lintManifest } from '../index.js';
import { collectComments } from '../manifest/comments.js';
import type { Fix } from '../fix/fix.js';

// Shared by the fix tests.

/** Every comment of a text, as written (trailing white space dropped). */
export function commentsOf(text: string): string[] {
  const tokens = Array.from(new Parser().parse(text));
  void Array.from(new Composer().compose(tokens));
  return collectComments(tokens).map((c) => c.text.trimEnd());
}

/**
 * The problems of a text as `ruleId pointer` strings; with the fixes that made it, list items are
 * named by the index they had before any item was removed.
 */
export function problemKeys(text: string, settings: RuleSettings, fixes: readonly Fix[] = []): string[] {
  const removed = new Map<string, number[]>();
  for (const fix of fixes) {
    if (fix.action !== 'remove') continue;
    const [key, index] = fromJsonPointer(fix.path) as [string, number];
    removed.set(key, [...(removed.get(key) ?? []), index]);
  }
  return lintManifest(text, { file: 'pleo-client.yaml', settings }).problems.map((problem) => {
    const path = fromJsonPointer(problem.path);
    const gone = typeof path[0] === 'string' ? removed.get(path[0]) : undefined;
    if (!gone || typeof path[1] !== 'number') return `${problem.ruleId} ${problem.path}`;
    let original = -1;
    for (let seen = -1; seen < path[1]; ) if (!gone.includes(++original)) seen++;
    return `${problem.ruleId} ${toJsonPointer([path[0]!, original, ...path.slice(2)])}`;
  });
}

/** Whether every element of `sub` is in `all`, counting repeats. */
export function isSubMultiset(sub: readonly string[], all: readonly string[]): boolean {
  const counts = new Map<string, number>();
  for (const item of all) counts.set(item, (counts.get(item) ?? 0) + 1);
  for (const item of sub) {
    const left = counts.get(item) ?? 0;
    if (left === 0) return false;
    counts.set(item, left - 1);
  }
  return true;
}
