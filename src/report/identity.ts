import { createHash } from 'node:crypto';
import type { FileResult, Problem } from '../diagnostics.js';

/**
 * The file name as a repository-relative path for CI systems: forward slashes, no leading `./`.
 * Code scanning and GitLab match it against the paths of the repository, which never start with `./`.
 */
export function reportPath(file: string): string {
  return file.replace(/\\/g, '/').replace(/^(\.\/)+/, '');
}

/**
 * A fingerprint per problem of a file, in the order of `result.problems`: a hash of the file, the
 * rule id and the JSON Pointer, so an alert survives the problem moving to another line. Problems that
 * share all three (several missing keys reported at the document) are told apart by their message,
 * then by their order, so fingerprints stay unique within a report (GitLab drops duplicates).
 */
export function problemFingerprints(result: FileResult): string[] {
  const file = reportPath(result.file);
  const base = result.problems.map((problem) => [file, problem.ruleId, problem.path]);
  const baseCounts = countKeys(base);
  const keys = result.problems.map((problem, i) => {
    const key = base[i]!;
    return baseCounts.get(JSON.stringify(key))! > 1 ? [...key, problem.message] : key;
  });
  const seen = new Map<string, number>();
  return keys.map((key) => {
    const text = JSON.stringify(key);
    const occurrence = (seen.get(text) ?? 0) + 1;
    seen.set(text, occurrence);
    return hash(occurrence === 1 ? text : JSON.stringify([...key, occurrence]));
  });
}

/** The same fingerprint for one problem on its own (no disambiguation): what the tests compare. */
export function fingerprintOf(file: string, problem: Pick<Problem, 'ruleId' | 'path'>): string {
  return hash(JSON.stringify([reportPath(file), problem.ruleId, problem.path]));
}

function hash(text: string): string {
  // 128 bits of SHA-256 are plenty to keep a report's fingerprints apart, and half as long to read.
  return createHash('sha256').update(text).digest('hex').slice(0, 32);
}

function countKeys(keys: readonly (readonly string[])[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const key of keys) {
    const text = JSON.stringify(key);
    counts.set(text, (counts.get(text) ?? 0) + 1);
  }
  return counts;
}
