import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error -- plain JavaScript shared with `npm run fuzz:zzuf` (scripts/zzuf.js); typed below.
import * as shared from '../../scripts/zzuf.js';

// A sample of `npm run fuzz:zzuf`: manifests mutated by an outside fuzzer (zzuf flips bits in the
// example and the fixtures), linted by the real binary. CI installs zzuf; elsewhere the sample is
// skipped when it is missing.

interface Mutant {
  path: string;
  from: string;
  args: string[];
}
interface Summary {
  files: number;
  parsed: number;
  problems: number;
  exits: Record<0 | 1, number>;
  failures: { format: string; found: string[]; culprits: Mutant[] }[];
}
const zzuf = shared as {
  corpus(): string[];
  hasZzuf(): boolean;
  writeMutants(dir: string, options: { count: number; firstSeed?: number }): Mutant[];
  lintMutants(mutants: Mutant[], options: { batch?: number; cwd: string }): Summary;
};

const available = zzuf.hasZzuf();
if (!available && process.env.CI) throw new Error('zzuf is not installed; .ci/run installs it');

const dir = mkdtempSync(join(tmpdir(), 'pleo-register-zzuf-test-'));
cpSync('fixtures/valid/brand', join(dir, 'brand'), { recursive: true });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!available)('manifests mutated by zzuf, through the binary', () => {
  it('400 distinct mutants of the hand-written manifests: exit 0 or 1, no stack trace, one JSON result each', () => {
    const mutants = zzuf.writeMutants(dir, { count: 400, firstSeed: 20_261_128 });
    expect(new Set(mutants.map((m) => m.path)).size).toBe(400);
    const summary = zzuf.lintMutants(mutants, { batch: 100, cwd: dir });
    expect(summary.failures).toEqual([]);
    expect(summary.files).toBe(400);
    // Both kinds are reached: mutants the loader refuses, and mutants that parse and meet the rules.
    expect(summary.parsed).toBeGreaterThan(100);
    expect(summary.files - summary.parsed).toBeGreaterThan(50);
    expect(summary.problems).toBeGreaterThan(summary.files);
  }, 120_000);

  it('a failing run is caught and its file named', () => {
    const missing = { path: join(dir, 'no-such-manifest.yaml'), from: 'nowhere', args: [] };
    const summary = zzuf.lintMutants([missing], { batch: 1, cwd: dir });
    expect(summary.failures.map((f) => f.found.join(' '))).toEqual([expect.stringMatching(/^exit code 2/), expect.stringMatching(/^exit code 2/)]);
    expect(summary.failures[0]!.culprits).toEqual([missing]);
  });

  it('the corpus is the example and every fixture manifest', () => {
    const files = zzuf.corpus();
    expect(files.some((f) => f.endsWith('example/pleo-client.yaml'))).toBe(true);
    expect(files.filter((f) => f.includes('fixtures/invalid/')).length).toBeGreaterThan(50);
  });
});
