import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FileResult } from '../diagnostics.js';
import { loadFormatter } from '../report/index.js';
import { rulesById } from '../rules/index.js';
import { lintBytes, lintBytesWithIo } from './lint.js';
// @ts-expect-error -- plain JavaScript shared with `npm run fuzz` (scripts/fuzz.js); typed below.
import * as shared from '../../scripts/fuzz.js';

// A small, fixed sample of the properties `npm run fuzz` checks 10,000 times on the build: whatever
// the bytes (random YAML values, random strings and bytes, and mutations of the valid manifest), the
// whole pipeline never throws, and every problem names a known rule and message, carries a severity, a
// message without raw control or bidi characters, and a position inside the file.

interface Input {
  kind: string;
  bytes: Uint8Array;
  logo: number;
}

interface Library {
  lintBytes: typeof lintBytes;
  lintBytesWithIo: typeof lintBytesWithIo;
  rulesById: typeof rulesById;
  loadFormatter?: typeof loadFormatter;
}

const fuzz = shared as {
  manifestInputs(fast: typeof fc, options?: { maxListItems?: number; maxStringLength?: number; maxNesting?: number }): fc.Arbitrary<Input>;
  checkPipeline(lib: Library, input: Input): Promise<{ found: string[]; problems: number }>;
  checkResult(result: FileResult, options: { file: string; rulesById: Library['rulesById'] }): string[];
  describeInput(input: Input): string;
  prototypeSnapshot(): string;
};

const library: Library = { lintBytes, lintBytesWithIo, rulesById, loadFormatter };
const SEED = 20_261_128;
/** Smaller than `npm run fuzz` makes them, so that the sample stays a few seconds. */
const SMALL = { maxListItems: 300, maxStringLength: 5_000, maxNesting: 2_000 };

describe('the pipeline on random manifests (fast-check)', () => {
  it('200 inputs: never throws, and every result is well formed', async () => {
    const kinds: Record<string, number> = {};
    const started = performance.now();
    await fc.assert(
      fc.asyncProperty(fuzz.manifestInputs(fc, SMALL), async (input) => {
        const { found } = await fuzz.checkPipeline(library, input);
        expect(found, fuzz.describeInput(input)).toEqual([]);
        kinds[input.kind] = (kinds[input.kind] ?? 0) + 1;
      }),
      { numRuns: 200, seed: SEED },
    );
    // Every kind of input was made, and the sample stays quick enough for every `npm test`.
    expect(Object.keys(kinds).sort()).toEqual(['bytes', 'mutated-fixture', 'string', 'yaml-mapping', 'yaml-value']);
    expect(performance.now() - started).toBeLessThan(15_000);
  });

  it('the checks find what they look for', () => {
    // A guard on the guard: a result that breaks every property is caught by checkResult.
    const broken = {
      file: 'pleo-client.yaml',
      environment: 'production',
      source: 'a: 1\n',
      problems: [
        { ruleId: 'no-such-rule', messageId: 'x', severity: 'error', message: 'bad', path: '', range: { line: 1, column: 1, endLine: 1, endColumn: 2 }, docsUrl: 'https://www.npmjs.com/package/pleo-register#rule-no-such-rule' },
        { ruleId: 'schema', messageId: 'nope', severity: 'error', message: 'ok', path: '', range: { line: 1, column: 1, endLine: 1, endColumn: 2 }, docsUrl: 'https://www.npmjs.com/package/pleo-register#rule-schema' },
        { ruleId: 'schema', messageId: 'required', severity: 'fatal', message: 'ok', path: '', range: { line: 1, column: 1, endLine: 1, endColumn: 2 }, docsUrl: 'https://www.npmjs.com/package/pleo-register#rule-schema' },
        { ruleId: 'schema', messageId: 'required', severity: 'error', message: 'a \u202e b', path: '', range: { line: 1, column: 1, endLine: 1, endColumn: 2 }, docsUrl: 'https://www.npmjs.com/package/pleo-register#rule-schema' },
        { ruleId: 'schema', messageId: 'required', severity: 'error', message: 'a \u001b[2J b', path: '', range: { line: 1, column: 1, endLine: 1, endColumn: 2 }, docsUrl: 'https://www.npmjs.com/package/pleo-register#rule-schema' },
        { ruleId: 'schema', messageId: 'required', severity: 'error', message: 'a \u0085 b', path: '', range: { line: 1, column: 1, endLine: 1, endColumn: 2 }, docsUrl: 'https://www.npmjs.com/package/pleo-register#rule-schema' },
        { ruleId: 'schema', messageId: 'required', severity: 'error', message: 'ok', path: '', range: { line: 0, column: 1, endLine: 1, endColumn: 2 }, docsUrl: 'https://www.npmjs.com/package/pleo-register#rule-schema' },
        { ruleId: 'schema', messageId: 'required', severity: 'error', message: 'ok', path: '', range: { line: 4, column: 1, endLine: 4, endColumn: 2 }, docsUrl: 'https://www.npmjs.com/package/pleo-register#rule-schema' },
      ],
      skipped: [],
      errorCount: 7,
      warningCount: 0,
      infoCount: 0,
    } as unknown as FileResult;
    const found = fuzz.checkResult(broken, { file: 'pleo-client.yaml', rulesById }).join('\n');
    expect(found).toContain('problem 0 (no-such-rule/x): unknown rule id');
    expect(found).toContain('the rule has no message "nope"');
    expect(found).toContain('severity "fatal"');
    expect(found).toContain('raw U+202E');
    expect(found).toContain('raw U+001B');
    expect(found).toContain('raw U+0085');
    expect(found).toContain('has a position below 1');
    expect(found).toContain('is past the last line (2)');
  });

  it.each([
    ['a lone surrogate in a key', '"\\ud800": 1\n', 'schema/unknownKey', '\\u{D800}'],
    ['an escaped bidi override in a key', '"x\\u202ey": 1\n', 'schema/unknownKey', '\\u{202E}'],
    // Found by the fuzzer: yaml's error messages quote the source, and the quote reached the report raw.
    ['a bidi override quoted by a YAML error', 'pkce: }\u202eS256\n', 'yaml-syntax/invalidYaml', '\\u{202E}'],
    ['a bidi override as a rule id in a directive', '# pleo-register-disable \u202e\nx-a: 1\n', 'disable-directive/unknownRule', '\\u{202E}'],
    ['a bidi override among the rule ids of a directive without a reason', '# pleo-register-disable schema,\u202e\nx-a: 1\n', 'disable-directive/missingReason', '\\u{202E}'],
    ['a bidi override at the start of a masked secret', 'password: "\u202e...\\e[31m\u202e"\n', 'no-secrets/secretKey', '\\u{202E}.…(10 chars)'],
    ['a zero-width space quoted by a YAML error', 'pkce: ]\u200bS256\n', 'yaml-syntax/invalidYaml', '\\u{200B}'],
  ])('%s is spelled out in the message', (_, text, problem, spelled) => {
    const result = lintBytes(new TextEncoder().encode(text), { file: 'x' });
    const messages = result.problems.filter((p) => `${p.ruleId}/${p.messageId}`.startsWith(problem)).map((p) => p.message);
    expect(messages.some((message) => message.includes(spelled))).toBe(true);
    for (const message of messages) {
      expect(message).not.toMatch(/\p{Cs}/u); // no lone surrogate
      expect(message).not.toMatch(/[\u200b\u202e]/);
    }
  });

  it('line numbers stay right after a line break the YAML lexer skips while recovering from an error', () => {
    // Found by the fuzzer: after `a: "x" y⏎  z` yaml's lexer reported no line break for the second
    // line, so every later problem was placed a line too high.
    const text = 'x-a: "x" y\n  z\nx-b: 1\nx-b: 2\n';
    const problems = lintBytes(new TextEncoder().encode(text), { file: 'x' }).problems;
    expect(problems.map((p) => `${p.messageId}@${p.range.line}:${p.range.column}`)).toEqual(['invalidYaml@1:10', 'duplicateKey@4:1']);
  });

  it('a YAML error at the very end of the file is not placed past it', () => {
    // Found by the fuzzer: "%%%…" without a final newline gave endColumn 102 on a 100-character line.
    const text = '%'.repeat(100);
    const problems = lintBytes(new TextEncoder().encode(text), { file: 'x' }).problems;
    expect(problems.length).toBeGreaterThan(0);
    for (const { range } of problems) expect(range.endColumn).toBeLessThanOrEqual(text.length + 1);
  });
});
