import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FileResult } from '../diagnostics.js';
import { mask, redact, redactInPlace, secretsIn } from '../secrets/redact.js';
import { loadFormatter } from '../report/index.js';
import { formatOptions } from '../resources.js';
import { rulesById } from '../engine/rule-list.js';
import { lint as lintManifest } from '../index.js';
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
  lint: typeof lintManifest;
  rulesById: typeof rulesById;
  loadFormatter?: typeof loadFormatter;
  formatOptions: typeof formatOptions;
}

const fuzz = shared as {
  manifestInputs(fast: typeof fc, options?: { maxListItems?: number; maxStringLength?: number; maxNesting?: number }): fc.Arbitrary<Input>;
  checkPipeline(lib: Library, input: Input): Promise<{ found: string[]; problems: number }>;
  checkResult(result: FileResult, options: { file: string; rulesById: Library['rulesById'] }): string[];
  describeInput(input: Input): string;
  prototypeSnapshot(): string;
};

const library: Library = { lint: lintManifest, rulesById, loadFormatter, formatOptions };
const SEED = 20_261_128;
/** Smaller than `npm run fuzz` makes them, so that the sample stays a few seconds. */
const SMALL = { maxListItems: 300, maxStringLength: 5_000, maxNesting: 2_000 };

describe('the pipeline on random manifests (fast-check)', () => {
  it('200 inputs: never throws, and every result is well formed', async () => {
    const kinds: Record<string, number> = {};
    const sample = { inputs: 0, bytes: 0, problems: 0 };
    await fc.assert(
      fc.asyncProperty(fuzz.manifestInputs(fc, SMALL), async (input) => {
        const { found, problems } = await fuzz.checkPipeline(library, input);
        expect(found, fuzz.describeInput(input)).toEqual([]);
        kinds[input.kind] = (kinds[input.kind] ?? 0) + 1;
        sample.inputs++;
        sample.bytes += input.bytes.length;
        sample.problems += problems;
      }),
      { numRuns: 200, seed: SEED },
    );
    // Every kind of input was made, and the sample stays small enough for every `npm test`: what it
    // costs is the bytes linted and the problems reported.
    expect(Object.keys(kinds).sort()).toEqual(['bytes', 'mutated-fixture', 'string', 'yaml-mapping', 'yaml-value']);
    // At this seed: 200 inputs, 1.7 MB, about a thousand problems.
    expect(sample.inputs).toBe(200);
    expect(sample.bytes, 'bytes linted').toBeLessThan(3 * 1024 * 1024);
    expect(sample.problems, 'problems reported').toBeLessThan(5_000);
  });

  it('the checks find what they look for', () => {
    // A guard on the guard: a result that breaks every property is caught by checkResult.
    const broken = {
      file: 'pleo-client.yaml',
      environment: 'production',
      source: 'a: 1\n',
      problems: [
        { ruleId: 'no-such-rule', messageId: 'x', severity: 'error', message: 'bad', path: '', range: { line: 1, column: 1, endLine: 1, endColumn: 2 }, docsUrl: 'https://github.com/pleo-register/pleo-register/blob/HEAD/docs/rules/no-such-rule.md' },
        { ruleId: 'schema', messageId: 'nope', severity: 'error', message: 'ok', path: '', range: { line: 1, column: 1, endLine: 1, endColumn: 2 }, docsUrl: 'https://github.com/pleo-register/pleo-register/blob/HEAD/docs/rules/schema.md' },
        { ruleId: 'schema', messageId: 'required', severity: 'fatal', message: 'ok', path: '', range: { line: 1, column: 1, endLine: 1, endColumn: 2 }, docsUrl: 'https://github.com/pleo-register/pleo-register/blob/HEAD/docs/rules/schema.md' },
        { ruleId: 'schema', messageId: 'required', severity: 'error', message: 'a \u202e b', path: '', range: { line: 1, column: 1, endLine: 1, endColumn: 2 }, docsUrl: 'https://github.com/pleo-register/pleo-register/blob/HEAD/docs/rules/schema.md' },
        { ruleId: 'schema', messageId: 'required', severity: 'error', message: 'a \u001b[2J b', path: '', range: { line: 1, column: 1, endLine: 1, endColumn: 2 }, docsUrl: 'https://github.com/pleo-register/pleo-register/blob/HEAD/docs/rules/schema.md' },
        { ruleId: 'schema', messageId: 'required', severity: 'error', message: 'a \u0085 b', path: '', range: { line: 1, column: 1, endLine: 1, endColumn: 2 }, docsUrl: 'https://github.com/pleo-register/pleo-register/blob/HEAD/docs/rules/schema.md' },
        { ruleId: 'schema', messageId: 'required', severity: 'error', message: 'ok', path: '', range: { line: 0, column: 1, endLine: 1, endColumn: 2 }, docsUrl: 'https://github.com/pleo-register/pleo-register/blob/HEAD/docs/rules/schema.md' },
        { ruleId: 'schema', messageId: 'required', severity: 'error', message: 'ok', path: '', range: { line: 4, column: 1, endLine: 4, endColumn: 2 }, docsUrl: 'https://github.com/pleo-register/pleo-register/blob/HEAD/docs/rules/schema.md' },
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
    const result = lintManifest(new TextEncoder().encode(text), { file: 'x' });
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
    const problems = lintManifest(new TextEncoder().encode(text), { file: 'x' }).problems;
    expect(problems.map((p) => `${p.messageId}@${p.range.line}:${p.range.column}`)).toEqual(['invalidYaml@1:10', 'duplicateKey@4:1']);
  });

  it('a YAML error at the very end of the file is not placed past it', () => {
    // Found by the fuzzer: "%%%…" without a final newline gave endColumn 102 on a 100-character line.
    const text = '%'.repeat(100);
    const problems = lintManifest(new TextEncoder().encode(text), { file: 'x' }).problems;
    expect(problems.length).toBeGreaterThan(0);
    for (const { range } of problems) expect(range.endColumn).toBeLessThanOrEqual(text.length + 1);
  });
});

describe('masking secrets through an index of their prefixes (fast-check)', () => {
  // The masking once tried every secret on every message and copied the whole source for each secret:
  // 100 secrets and 10,000 problems took 6.5 s, 10,000 secrets (a credential key holding lists) and
  // 10,000 problems more than 5 minutes. It now looks up candidates by their first four characters.
  // These properties hold it to the plain algorithm it replaced, on a small alphabet so that secrets
  // overlap and repeat (with "…", which masks and clipped values write).
  const alphabet = fc.constantFrom('x', 'y', 'z', '…');
  const text = fc.array(alphabet, { maxLength: 60 }).map((chars) => chars.join(''));
  const secrets = fc.array(fc.array(alphabet, { minLength: 1, maxLength: 20 }).map((chars) => chars.join('')), { maxLength: 8 });

  /** The algorithm before the index: each secret, longest first, replaced everywhere, then the clipped starts. */
  function plainRedact(input: string, list: readonly string[]): string {
    const sorted = [...list].sort((a, b) => b.length - a.length);
    let result = input;
    for (const secret of sorted) if (secret.length >= 4) result = result.split(secret).join(mask(secret));
    if (!result.includes('…')) return result;
    for (const secret of sorted) {
      if (secret.length <= 5) continue;
      for (let at = result.indexOf('…'); at >= 0; at = result.indexOf('…', at + 1)) {
        let cut = Math.min(secret.length - 1, 200, at);
        while (cut > 4 && !result.startsWith(secret.slice(0, cut), at - cut)) cut--;
        if (cut <= 4) continue;
        const masked = mask(secret);
        result = result.slice(0, at - cut) + masked + result.slice(at + 1);
        at = at - cut + masked.length - 1;
      }
    }
    return result;
  }

  it('redact gives what the plain algorithm gives', () => {
    fc.assert(
      fc.property(text, secrets, (input, list) => {
        expect(redact(input, list)).toBe(plainRedact(input, list));
      }),
      { numRuns: 2_000, seed: SEED },
    );
  });

  it('redactInPlace keeps the length and stars each occurrence of each secret (but a long secret\'s first four)', () => {
    fc.assert(
      fc.property(text, secrets, (input, list) => {
        const result = redactInPlace(input, list);
        expect(result).toHaveLength(input.length);
        const hidden = new Array<boolean>(input.length).fill(false);
        for (const secret of list) {
          if (secret.length < 4) continue;
          // The occurrences `split` finds: left to right, not overlapping one another.
          for (let at = input.indexOf(secret); at >= 0; at = input.indexOf(secret, at + secret.length)) {
            for (let i = at + (secret.length >= 16 ? 4 : 0); i < at + secret.length; i++) hidden[i] = true;
          }
        }
        for (let i = 0; i < input.length; i++) expect(result[i]).toBe(hidden[i] ? '*' : input[i]);
      }),
      { numRuns: 2_000, seed: SEED },
    );
  });

  it('secretsIn lists the secrets of 4 characters or more that occur, longest first', () => {
    fc.assert(
      fc.property(text, secrets, (input, list) => {
        const expected = [...new Set(list)].filter((secret) => secret.length >= 4 && input.includes(secret));
        expect(new Set(secretsIn(input, list))).toEqual(new Set(expected));
        const lengths = secretsIn(input, list).map((secret) => secret.length);
        expect(lengths).toEqual([...lengths].sort((a, b) => b - a));
      }),
      { numRuns: 1_000, seed: SEED },
    );
  });

  it('where two secrets overlap, both are masked (the plain algorithm left the second one\'s end)', () => {
    expect(redactInPlace('AAAABBBBCCCC', ['AAAABBBB', 'BBBBCCCC'])).toBe('************');
  });

  it('the index follows a list that grows during the run', () => {
    const list = ['xyzxyz'];
    expect(redactInPlace('a xyzxyz b qqqqqq', list)).toBe('a ****** b qqqqqq');
    list.push('qqqqqq');
    expect(redactInPlace('a xyzxyz b qqqqqq', list)).toBe('a ****** b ******');
  });

  it('a long, repetitive secret is masked in linear time', () => {
    const password = 'a:'.repeat(50_000);
    const source = `client_uri: "https://${password}@a.io/"\n`.repeat(4);
    const started = performance.now();
    expect(redactInPlace(source, [password])).not.toContain('a:a:a:a:a:');
    // Kept in time: the scan's steps are not counted anywhere. Linear takes milliseconds; the
    // quadratic masking took minutes.
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
