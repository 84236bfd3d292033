import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { FileResult } from '../diagnostics.js';
import type { LogoInspection } from '../logo/types.js';
import { MAX_ENTRIES, MAX_MANIFEST_BYTES, MAX_SYNTAX_FINDINGS } from '../manifest/parse.js';
import { MAX_PROBLEMS_PER_RULE } from './problem-limits.js';
import { bin, scratchDir, STACK_TRACE, validManifest } from '../test-support/cli.js';
import { PEAK_RSS_SOURCE, runMeasured } from '../test-support/measured-run.js';
import { mappingEntriesRead } from '../manifest/locate.js';
import { lint as lintManifest } from '../index.js';

// Hostile manifests against the built binary (`npm test` builds first), each bounded in wall time and
// peak memory: the point is "no hang, no blow-up, no crash". Each runs as a user would run it,
// `pleo-register lint - --offline` with the manifest on stdin (or as a file past the 1 MiB limit),
// printing stylish on stdout and writing the JSON report to a file, which the test reads.

/** Generous: most take well under a second; the table printed at the end has the real times. */
const TIME_LIMIT_MS = 5_000;
/**
 * 1 MiB of tens of thousands of keys takes 2-4 s on a loaded 2-core machine (YAML composition and the
 * rules' walk over every key), so it gets a bound that still catches the 30 s it once took.
 */
const MANY_KEYS_TIME_LIMIT_MS = 20_000;
/**
 * The most any hostile manifest may take. 1 MiB of 70,000 keys peaks near 300 MiB on Node 24 (YAML's
 * nodes for every key; 301 MiB measured once), somewhat less on Node 20: room above that, and far
 * below the gigabytes an unbounded run took.
 */
const RSS_LIMIT_KIB = 384 * 1024;

const fixture = readFileSync(validManifest, 'utf8');
const utf8 = (text: string) => Buffer.from(text, 'utf8');

interface Measured {
  name: string;
  ms: number;
  rssKiB: number;
  code: number | null;
  stdout: string;
  stderr: string;
  report: { results: { problems: { ruleId: string; messageId: string; message: string; line: number }[] }[] };
}

const measured: Measured[] = [];
const inputs = new WeakMap<Measured, Uint8Array>();

/** Runs the binary on `bytes` and measures it; `asFile` passes a path instead of stdin. */
function runHostile(name: string, bytes: Uint8Array, options: { asFile?: boolean } = {}): Measured {
  const dir = scratchDir({ 'pleo-client.yaml': '' });
  try {
    const jsonPath = join(dir, 'report.json');
    if (options.asFile) writeFileSync(join(dir, 'pleo-client.yaml'), bytes);
    const argv = [bin, 'lint', options.asFile ? 'pleo-client.yaml' : '-', '--offline', '-f', 'stylish', '-f', `json=${jsonPath}`];
    const { run, ms, rssKiB } = runMeasured(argv, { cwd: dir, input: options.asFile ? undefined : bytes, timeout: 60_000, maxBuffer: 512 * 1024 * 1024 });
    const report = existsSync(jsonPath) ? JSON.parse(readFileSync(jsonPath, 'utf8')) : { results: [] };
    const result = { name, ms, rssKiB, code: run.status, stdout: run.stdout, stderr: run.stderr, report };
    measured.push(result);
    inputs.set(result, bytes);
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The bounds every hostile manifest must keep. Returns the problems as `ruleId/messageId`: the JSON
 * report has no message ids, so they come from linting the same bytes in process, which must report
 * the same rules as the binary did (but for the logo rules, which need the logo file).
 */
function expectBounded(run: Measured, timeLimitMs = TIME_LIMIT_MS): string[] {
  expect(run.stderr, 'stderr').not.toMatch(STACK_TRACE);
  expect(run.stdout, 'stdout').not.toMatch(STACK_TRACE);
  expect([0, 1], `exit code ${run.code}; stderr: ${run.stderr.slice(0, 500)}`).toContain(run.code);
  expect(run.ms, 'wall time (ms)').toBeLessThan(timeLimitMs);
  expect(run.rssKiB, 'peak RSS (KiB)').toBeLessThan(RSS_LIMIT_KIB);
  expect(run.stdout, 'stdout is the stylish report').toMatch(/^(✖ \d+ problems? .* in 1 file|✔ 1 file checked, no problems)$/m);
  expect(run.report.results).toHaveLength(1);
  const inProcess = lintManifest(inputs.get(run)!, { file: 'x' }).problems;
  const notLogo = (ruleId: string) => !ruleId.startsWith('logo-');
  expect(run.report.results[0]!.problems.map((p) => p.ruleId).filter(notLogo)).toEqual(inProcess.map((p) => p.ruleId).filter(notLogo));
  return inProcess.map((p) => `${p.ruleId}/${p.messageId}`);
}

const syntax = (problems: string[]) => [...new Set(problems.filter((p) => p.startsWith('yaml-syntax/')))];

function billionLaughs(levels: number, width: number, flow = true): string {
  let text = flow ? `x-a0: &a0 [${Array(width).fill('lol').join(', ')}]\n` : `x-a0: &a0\n${'  - lol\n'.repeat(width)}`;
  for (let i = 1; i <= levels; i++) {
    text += flow ? `x-a${i}: &a${i} [${Array(width).fill(`*a${i - 1}`).join(', ')}]\n` : `x-a${i}: &a${i}\n${`  - *a${i - 1}\n`.repeat(width)}`;
  }
  return text;
}

function mergeBomb(levels: number, width: number): string {
  let text = 'x-m0: &m0 {a: 1, b: 2}\n';
  for (let i = 1; i <= levels; i++) text += `x-m${i}: &m${i} {<<: [${Array(width).fill(`*m${i - 1}`).join(', ')}], k${i}: ${i}}\n`;
  return text;
}

/** The valid manifest with one of its lists replaced by `items`. */
function withList(key: 'redirect_uris' | 'scopes' | 'contacts', items: string[]): string {
  const pattern = new RegExp(`^${key}:\\n(?:  - .*\\n)+`, 'm');
  expect(fixture).toMatch(pattern);
  return fixture.replace(pattern, `${key}:\n${items.map((item) => `  - ${item}\n`).join('')}`);
}

/** The valid manifest grown with `x-` keys to just under 1 MiB. */
function padded(line: (i: number) => string): Buffer {
  let text = fixture;
  const parts: string[] = [text];
  let size = Buffer.byteLength(text);
  for (let i = 0; ; i++) {
    const next = line(i);
    const length = Buffer.byteLength(next);
    if (size + length > MAX_MANIFEST_BYTES) break;
    parts.push(next);
    size += length;
  }
  text = parts.join('');
  return utf8(text);
}

function seededBytes(length: number, seed: number): Buffer {
  const bytes = Buffer.alloc(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x = (Math.imul(x, 1_103_515_245) + 12_345) >>> 0;
    bytes[i] = x >>> 24;
  }
  return bytes;
}

function utf16(text: string, order: 'le' | 'be', bom: boolean): Buffer {
  const body = Buffer.from(text, 'utf16le');
  if (order === 'be') body.swap16();
  return Buffer.concat([Buffer.from(bom ? (order === 'le' ? [0xff, 0xfe] : [0xfe, 0xff]) : []), body]);
}

describe('hostile manifests through the binary', () => {
  afterAll(() => {
    const rows = measured.map((m) => `| ${m.name} | ${m.ms.toFixed(0)} | ${(m.rssKiB / 1024).toFixed(0)} | ${m.code} |`);
    console.log(['', `hostile manifests (limits ${TIME_LIMIT_MS} ms, ${RSS_LIMIT_KIB / 1024} MiB; RSS from ${PEAK_RSS_SOURCE})`, '| input | ms | MiB | exit |', '|---|---|---|---|', ...rows].join('\n'));
  });

  describe('size', () => {
    it('1 MiB of YAML: the valid manifest and 20,000 x- keys, just under the limit', { timeout: 60_000 }, () => {
      const bytes = padded((i) => `x-key-${String(i).padStart(5, '0')}: some metadata value number ${i}\n`);
      expect(bytes.length).toBeGreaterThan(MAX_MANIFEST_BYTES - 64);
      const problems = expectBounded(runHostile('1 MiB: valid manifest + ~20,000 x- keys', bytes), MANY_KEYS_TIME_LIMIT_MS);
      expect(problems).toEqual([]);
    });

    it('1 MiB of 70,000 short x- keys (yaml compared each key with every other: 30 s before)', { timeout: 60_000 }, () => {
      const bytes = padded((i) => `x-${i}: ${i}\n`);
      expect(bytes.toString('utf8').split('\n').length).toBeGreaterThan(70_000);
      expect(expectBounded(runHostile('1 MiB: valid manifest + ~70,000 short x- keys', bytes), MANY_KEYS_TIME_LIMIT_MS)).toEqual([]);
    });

    it('a 1 MiB single line: client_name', () => {
      const bytes = utf8(fixture.replace('client_name: Acme Books', `client_name: ${'Acme '.repeat((MAX_MANIFEST_BYTES - fixture.length) / 5 - 2)}`));
      expect(bytes.length).toBeGreaterThan(MAX_MANIFEST_BYTES - 64);
      expect(bytes.length).toBeLessThanOrEqual(MAX_MANIFEST_BYTES);
      const run = runHostile('1 MiB single line (client_name)', bytes);
      expect(expectBounded(run)).toContain('schema/maxLength');
      expect(run.code).toBe(1);
    });

    it('a 1 MiB single line: a double-quoted x- value', () => {
      const bytes = utf8(`${fixture}x-blob: "${'\\u202e'.repeat((MAX_MANIFEST_BYTES - fixture.length) / 6 - 4)}"\n`);
      expect(expectBounded(runHostile('1 MiB single line (quoted, escapes)', bytes))).toEqual([]);
    });

    it('a 1 MiB single line: a flow list of 260,000 items is refused before parsing', () => {
      const bytes = utf8(`x-a: [${'ab, '.repeat((MAX_MANIFEST_BYTES - 10) / 4)}]\n`);
      expect(syntax(expectBounded(runHostile('1 MiB single line (flow list, 260k items)', bytes)))).toEqual(['yaml-syntax/tooManyEntries']);
    });

    it('a 50 MiB file is read no further than 1 MiB', () => {
      const bytes = Buffer.alloc(50 * 1024 * 1024, 0x61);
      bytes.write('client_name: ');
      expect(syntax(expectBounded(runHostile('50 MiB file (by path)', bytes, { asFile: true })))).toEqual(['yaml-syntax/tooLarge']);
    });

    it('1 MiB of line breaks is refused before parsing (5 s before)', () => {
      const bytes = utf8(`client_name: Acme\n${'\n'.repeat(MAX_MANIFEST_BYTES - 20)}`);
      expect(syntax(expectBounded(runHostile('1 MiB of line breaks', bytes)))).toEqual(['yaml-syntax/tooManyEntries']);
    });

    it(`${MAX_ENTRIES.toLocaleString('en-US')} lines, the most a manifest may have, are parsed`, () => {
      const bytes = utf8(`x-a:\n${'- a\n'.repeat(MAX_ENTRIES - 1)}`);
      expect(syntax(expectBounded(runHostile(`${MAX_ENTRIES} lines (tiny list items)`, bytes)))).toEqual([]);
    });

    it(`${MAX_ENTRIES.toLocaleString('en-US')} flow items, the most a manifest may have, are parsed`, () => {
      const bytes = utf8(`x-a: [${'a,'.repeat(MAX_ENTRIES - 2)}a]\n`);
      expect(syntax(expectBounded(runHostile(`${MAX_ENTRIES} flow items`, bytes)))).toEqual([]);
    });
  });

  describe('nesting', () => {
    it.each([
      ['10,000 levels of flow lists', `x-a: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`],
      ['10,000 levels of flow mappings', `x-a: ${'{a: '.repeat(10_000)}1${'}'.repeat(10_000)}\n`],
      ['10,000 unclosed flow lists', `x-a: ${'['.repeat(10_000)}\n`],
      ['10,000 levels of block lists', `x-a:\n  ${'- '.repeat(10_000)}x\n`],
      ['10,000 levels of block lists, one per line', Array.from({ length: 10_000 }, (_, i) => `${' '.repeat(Math.min(i, 80))}-`).join('\n')],
      ['1,400 levels of indented block mappings (as deep as 1 MiB allows)', Array.from({ length: 1_400 }, (_, i) => `${' '.repeat(i)}k${i}:\n`).join('')],
      ['10,000 levels of explicit keys', `${'? '.repeat(10_000)}x\n`],
    ])('%s', (name, text) => {
      const problems = expectBounded(runHostile(name, utf8(text)));
      expect(problems.length).toBeGreaterThan(0);
      expect(problems.every((p) => p.startsWith('yaml-syntax/'))).toBe(true);
    });
  });

  describe('not text', () => {
    it.each([
      ['64 KiB of random bytes', seededBytes(64 * 1024, 7)],
      ['a PNG image as the manifest', readFileSync(new URL('../../fixtures/valid/brand/logo.png', import.meta.url))],
      ['NUL bytes in a value', utf8('client_name: Acme\u0000Books\nlogo: \u0000\u0000\n')],
      ['1 MiB of NUL bytes', Buffer.alloc(MAX_MANIFEST_BYTES)],
      ['UTF-16 LE with BOM', utf16(fixture, 'le', true)],
      ['UTF-16 BE with BOM', utf16(fixture, 'be', true)],
      ['UTF-16 LE without BOM', utf16(fixture, 'le', false)],
      ['UTF-16 BE without BOM', utf16(fixture, 'be', false)],
      ['UTF-32 LE with BOM', Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), Buffer.from(fixture.split('').flatMap((c) => [c.charCodeAt(0), 0, 0, 0]))])],
      ['escape sequences and C1 controls', utf8('client_name: "\u001b]0;pwned\u0007 \u009b2J"\n')],
    ])('%s', (name, bytes) => {
      const run = runHostile(name, bytes);
      const problems = expectBounded(run);
      expect(run.code).toBe(1);
      expect(problems.length).toBeGreaterThan(0);
      expect(problems.every((p) => p.startsWith('yaml-syntax/'))).toBe(true);
      expect(run.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    });
  });

  describe('aliases and merge keys', () => {
    it.each([
      ['billion laughs: 9 levels of 9 aliases', billionLaughs(9, 9)],
      ['billion laughs: 30 levels of 30 aliases', billionLaughs(30, 30)],
      ['billion laughs in block lists', billionLaughs(20, 10, false)],
      ['a merge-key bomb (YAML 1.2: "<<" is a plain key)', mergeBomb(15, 10)],
      ['a merge-key bomb (YAML 1.1: merges)', `%YAML 1.1\n---\n${mergeBomb(15, 10)}`],
    ])('%s', (name, text) => {
      const problems = expectBounded(runHostile(name, utf8(text)));
      expect(syntax(problems)).toEqual(['yaml-syntax/aliasBomb']);
    });
  });

  describe('prototype names', () => {
    const text = [
      fixture,
      '__proto__: {polluted: yes, isAdmin: true}',
      'constructor: {prototype: {polluted: yes}}',
      'prototype: {polluted: yes}',
      'x-a: {__proto__: {polluted: yes}, constructor: {prototype: {polluted: yes}}}',
      'x-list: [{__proto__: {polluted: yes}}, {"__proto__": [1, 2]}]',
      'x-anchored: &p {__proto__: {polluted: yes}}',
      'x-aliased: {toString: 1, valueOf: 2, hasOwnProperty: 3}',
      '',
    ].join('\n');

    it('__proto__, constructor and prototype keys: reported as unknown keys, through the binary', () => {
      const problems = expectBounded(runHostile('__proto__ / constructor / prototype keys', utf8(text)));
      expect(problems.filter((p) => p === 'schema/unknownKey')).toHaveLength(3);
    });

    it.each([
      ['YAML 1.2', text],
      ['YAML 1.1, with merge keys', `%YAML 1.1\n---\n${text}<<: *p\nx-merged: {<<: {__proto__: {polluted: yes}}}\n`],
    ])('in process (%s): no built-in prototype changes', async (_, manifest) => {
      const snapshot = () => [Object.prototype, Array.prototype, Function.prototype].map((p) => Reflect.ownKeys(p).map(String).sort().join()).join('|');
      const before = snapshot();
      const bytes = utf8(manifest);
      const results: FileResult[] = [lintManifest(bytes, { file: 'x' })];
      const loadLogo = async (): Promise<LogoInspection> => ({ kind: 'absent' });
      results.push(await lintManifest(bytes, { file: 'x' }, { online: false, request: () => Promise.reject(new Error('offline')), loadLogo }));
      expect(snapshot()).toBe(before);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
      expect(([] as unknown as Record<string, unknown>).polluted).toBeUndefined();
      for (const result of results) expect(result.problems.map((p) => `${p.ruleId}/${p.messageId} ${p.path}`)).toContain('schema/unknownKey /__proto__');
    });
  });

  describe('numbers and tags', () => {
    it('huge and odd numbers: 1e400, 2^70 as an integer, -0, .nan, .inf, long hex', () => {
      const text = [
        'environment: production',
        'client_name: 1e400',
        'client_uri: 1180591620717411303424',
        'logo: -0',
        'tos_uri: .nan',
        'policy_uri: -.inf',
        'contacts: [1e400, -1e400, 0x7fffffffffffffffffffffffffffffff, 0o777777777777777777777777]',
        'initiation_uri: 1180591620717411303424.5e-400',
        'settings_uri: +.INF',
        'client_type: .NaN',
        `redirect_uris: [${'9'.repeat(400)}]`,
        'scopes: [-0.0, 0e0, 1_000]',
        'pkce: 256',
        'subject_type: 1e-400',
        '1e400: a',
        '.nan: b',
        '.NaN: c',
        '-0: d',
        '0: e',
        'x-n: 12345678901234567890123456789012345678901234567890',
        '',
      ].join('\n');
      const run = runHostile('huge numbers (1e400, 2^70, -0, .nan, .inf)', utf8(text));
      const problems = expectBounded(run);
      expect(run.code).toBe(1);
      // -0 and 0 are one key to YAML's equality, as are .nan and .NaN not (NaN is not equal to itself).
      expect(syntax(problems)).toEqual(['yaml-syntax/duplicateKey']);
    });

    it('the same numbers where the schema looks: type problems, no crash', () => {
      const text = fixture
        .replace('client_name: Acme Books', 'client_name: 1e400')
        .replace('pkce: S256', 'pkce: .nan')
        .replace('  - export-jobs:read', '  - 1180591620717411303424\n  - -0\n  - -.inf');
      const run = runHostile('huge numbers as manifest values', utf8(text));
      const problems = expectBounded(run);
      expect(problems).toContain('schema/type');
      expect(problems).toContain('pkce-s256/invalid');
      expect(syntax(problems)).toEqual([]);
    });

    it('!!binary, !!set, !!omap, !!pairs, !!timestamp and !!float on manifest keys', () => {
      const text = fixture
        .replace('client_name: Acme Books', 'client_name: !!binary QWNtZSBCb29rcw==')
        .replace('client_uri: https://acme-books.io/', 'client_uri: !!timestamp 2001-12-14t21:59:43.10-05:00')
        .replace('pkce: S256', 'pkce: !!set {S256, none}')
        .replace('subject_type: company', 'subject_type: !!omap [{a: 1}, {b: 2}]\nx-pairs: !!pairs [{a: 1}, {a: 2}]\nx-float: !!float 1e400\nx-str: !!str 1e400\nx-bool: !!bool true\nx-null: !!null ""');
      const problems = expectBounded(runHostile('!!binary !!set !!omap !!pairs !!timestamp !!float', utf8(text)));
      expect(syntax(problems)).toEqual([]);
      expect(problems).toContain('schema/type');
      expect(problems).toContain('schema/enum');
    });

    it('unknown and custom tags, verbatim tags, %TAG directives', () => {
      const text = [
        '%TAG !py! tag:yaml.org,2002:python/',
        '---',
        'client_name: !custom Acme',
        'client_uri: !<tag:example.com,2000:uri> https://acme-books.io/',
        'logo: !py!object/apply:os.system ["echo pwned"]',
        'x-a: !!python/object:__main__.Evil {cmd: rm}',
        'x-b: !!js/function "function () { return 1 }"',
        'x-c: !!omap {not: a list}',
        'x-d: !!int twelve',
        '',
      ].join('\n');
      const problems = expectBounded(runHostile('unknown and custom tags', utf8(text)));
      expect(syntax(problems)).toEqual(['yaml-syntax/unknownTag', 'yaml-syntax/invalidYaml'].filter((id) => problems.includes(id)));
      expect(problems).toContain('yaml-syntax/unknownTag');
    });
  });

  describe('long lists and values', () => {
    // Past the schema's maxItems the schema reports the list and the other rules check the items a
    // registration could hold (stylish once framed each of 10,000 by splitting the whole file: 12 s).
    it('10,000 redirect URIs, each an error: the list reported, its first 100 checked', () => {
      const text = withList('redirect_uris', Array.from({ length: 10_000 }, (_, i) => `http://app${i}.acme-books.io/oauth/pleo/callback`));
      const run = runHostile('10,000 redirect URIs (10,000 errors)', utf8(text));
      const problems = expectBounded(run);
      expect(problems).toContain('schema/maxItems');
      expect(problems.filter((p) => p === 'redirect-uri-https/http')).toHaveLength(100);
      expect(run.stdout).toMatch(/^✖ \d+ problems \(\d+ errors/m);
    });

    it('10,000 scopes, each a problem', () => {
      const text = withList('scopes', Array.from({ length: 10_000 }, (_, i) => `Resource${i}:Admin`));
      const problems = expectBounded(runHostile('10,000 scopes', utf8(text)));
      expect(problems).toContain('schema/maxItems');
      expect(problems.filter((p) => p.startsWith('scope-format/')).length).toBeLessThanOrEqual(MAX_PROBLEMS_PER_RULE + 1);
    });

    it('10,000 contacts, each a problem', () => {
      const text = withList('contacts', Array.from({ length: 10_000 }, (_, i) => `"not an address ${i}"`));
      const problems = expectBounded(runHostile('10,000 contacts', utf8(text)));
      expect(problems).toContain('schema/maxItems');
      expect(problems.filter((p) => p.startsWith('contact-email/'))).toHaveLength(20);
    });

    it('10,000 copies of one redirect URI', () => {
      const text = withList('redirect_uris', Array(10_000).fill('https://app.acme-books.io/oauth/pleo/callback'));
      const problems = expectBounded(runHostile('10,000 duplicate redirect URIs', utf8(text)));
      expect(problems.filter((p) => p === 'redirect-uri-unique/duplicate')).toHaveLength(99);
    });

    it('a 100,000-character client_name full of bidi, zero-width and astral characters', () => {
      const name = 'Pleo \u202e\u200b😀\u2066x\u0301 '.repeat(100_000 / 10).slice(0, 100_000);
      const run = runHostile('100,000-character client_name', utf8(fixture.replace('client_name: Acme Books', `client_name: "${name}"`)));
      const problems = expectBounded(run);
      expect(problems).toContain('schema/maxLength');
      expect(problems).toContain('client-name/bidiControl');
      expect(run.stdout).not.toMatch(/[\u202e\u200b\u2066]/);
      for (const problem of run.report.results[0]!.problems) expect(problem.message.length).toBeLessThan(1_000);
    });

    it('5,000 comment lines with secret-looking tokens: listed up to a cap, never shown whole', () => {
      const tokens = Array.from({ length: 5_000 }, (_, i) => `ghp_${i.toString(36).padStart(4, '0')}Xk9mQ2vR7tL4wZ8pN3bY6cF1hJ5dS0aE`);
      const comments = tokens.map((token, i) => `# ${i % 2 ? 'token' : 'client_secret'}: ${token} sk_live_${i}a1b2c3d4e5f6g7h8i9j0k1l2\n`).join('');
      const run = runHostile('5,000 comment lines with secret-looking tokens', utf8(fixture + comments));
      const problems = expectBounded(run);
      const secrets = problems.filter((p) => p.startsWith('no-secrets/'));
      expect(secrets.length).toBeGreaterThan(0);
      expect(secrets.length).toBeLessThanOrEqual(51);
      expect(secrets).toContain('no-secrets/tooMany');
      const reports = run.stdout + JSON.stringify(run.report);
      for (const token of tokens.slice(0, 50)) expect(reports).not.toContain(token);
    });

    // Every message, JSON Pointer and the source are masked against every secret the run found; that
    // was secrets × problems work (and a copy of the source per secret) until it looked up candidates
    // by their first four characters.
    const httpRedirects = (n: number) => withList('redirect_uris', Array.from({ length: n }, (_, i) => `http://app${i}.acme-books.io/cb`));

    it('100 secrets and 10,000 problems (6.5 s before)', () => {
      const secrets = Array.from({ length: 100 }, (_, k) => `x-k${k}: {client_secret: s${k}Zx9Lm2Qw7Rt5Yu8Io}\n`).join('');
      const run = runHostile('100 secrets + 10,000 problems', utf8(httpRedirects(10_000) + secrets));
      const problems = expectBounded(run);
      expect(problems.filter((p) => p === 'redirect-uri-https/http')).toHaveLength(100);
      expect(run.stdout + JSON.stringify(run.report)).not.toContain('Zx9Lm2Qw7Rt5Yu8Io');
    });

    it('10,000 secrets (100 credential keys holding lists of 100) and 10,000 problems (over 5 minutes before)', () => {
      let secrets = '';
      for (let k = 0; k < 100; k++) secrets += `x-k${k}:\n  client_secret:\n${Array.from({ length: 100 }, (_, j) => `    - s${k}q${j}Zx9Lm2Qw7Rt5Yu\n`).join('')}`;
      const run = runHostile('10,000 secrets + 10,000 problems', utf8(httpRedirects(10_000) + secrets));
      const problems = expectBounded(run);
      expect(problems).toContain('no-secrets/tooMany');
      expect(run.stdout + JSON.stringify(run.report)).not.toMatch(/s\d+q\d+Zx9Lm2Qw7Rt5Yu/);
    });

    it('10,000 secrets written with escapes, which only the parsed value shows', () => {
      let secrets = '';
      for (let k = 0; k < 100; k++) secrets += `x-k${k}:\n  client_secret:\n${Array.from({ length: 100 }, (_, j) => `    - "s${k}q${j}Zx9\\u004cm2Qw7Rt5Yu"\n`).join('')}`;
      const run = runHostile('10,000 escaped secrets + 10,000 problems', utf8(httpRedirects(10_000) + secrets));
      expectBounded(run);
      expect(run.stdout).not.toMatch(/s\d+q\d+Zx9/);
    });
  });

  describe('many YAML errors', () => {
    it(`99,000 empty flow items: ${MAX_SYNTAX_FINDINGS} errors listed, then one that says so (27 s and 2 GB before)`, () => {
      const run = runHostile('99,000 empty flow items (99,000 YAML errors)', utf8(`x-a: [${','.repeat(99_000)}]\n`));
      const problems = expectBounded(run);
      expect(problems).toHaveLength(MAX_SYNTAX_FINDINGS + 1);
      expect(problems.at(-1)).toBe('yaml-syntax/tooManyErrors');
    });

    it('50,000 duplicate keys in one flow mapping', () => {
      const run = runHostile('50,000 duplicate keys', utf8(`x-a: {${'a: 1, '.repeat(50_000)}}\n`));
      const problems = expectBounded(run);
      expect(problems).toHaveLength(MAX_SYNTAX_FINDINGS + 1);
      expect(new Set(problems)).toEqual(new Set(['yaml-syntax/duplicateKey', 'yaml-syntax/tooManyErrors']));
    });
  });
});

describe('loader fixes, in process', () => {
  it('duplicate keys are found in linear time: 80,000 keys in well under the 30 s they took', () => {
    const text = Array.from({ length: 80_000 }, (_, i) => `x-${i}: ${i}`).join('\n') + '\nx-5: again\n';
    const started = performance.now();
    const problems = lintManifest(text, { file: 'x' }).problems;
    // Kept in time: the pairwise key comparison was the YAML composer's, which counts nothing. A few
    // seconds on a loaded machine, linear; 30 s pairwise.
    expect(performance.now() - started).toBeLessThan(15_000);
    expect(problems.filter((p) => p.messageId === 'duplicateKey').map((p) => p.range.line)).toEqual([80_001]);
  });

  it('problems are located through an index of each mapping\'s keys: 20,000 unknown keys (7 s before)', () => {
    // Each unknown key past the first hundred is only counted; the last one listed still lands on its line.
    const text = `client_name: Acme\n${Array.from({ length: 20_000 }, (_, i) => `k${i}: v`).join('\n')}\n`;
    const read = mappingEntriesRead();
    const problems = lintManifest(text, { file: 'x' }).problems;
    // Each of the 20,001 keys read once or twice, however many problems are located; reading the
    // mapping again for each located problem reads millions.
    expect(mappingEntriesRead() - read, 'mapping entries read').toBeLessThanOrEqual(2 * 20_001);
    const listed = problems.filter((p) => p.ruleId === 'schema' && p.messageId !== 'moreProblems');
    expect(listed).toHaveLength(MAX_PROBLEMS_PER_RULE);
    const unknown = listed.filter((p) => p.messageId.startsWith('unknownKey'));
    expect(unknown.at(-1)!.range).toEqual({ line: unknown.length + 1, column: 1, endLine: unknown.length + 1, endColumn: 4 });
    const more = problems.filter((p) => p.messageId === 'moreProblems');
    expect(more.map((p) => `${p.ruleId} ${p.path} ${p.range.line}`)).toEqual(['schema  1']);
    expect(more[0]!.message).toMatch(/^19,9\d\d more schema problems in this file are not listed/);
  });

  it.each([
    ['equal scalars of one type', 'a: 1\nb: 2\na: 3\n', ['duplicateKey@3:1']],
    ['1 and 1.0 are one number', 'x-a: {1: a, 1.0: b}\n', ['duplicateKey@1:13']],
    ['"1" and 1 are not', 'x-a: {"1": a, 1: b}\n', []],
    ['-0 and 0 are one number', 'x-a: {-0: a, 0: b}\n', ['duplicateKey@1:14']],
    ['NaN is never a duplicate', 'x-a: {.nan: a, .NaN: b}\n', []],
    ['two empty keys', 'x-a:\n  ? \n  : a\n  ? \n  : b\n', ['duplicateKey@4:5']],
    ['true and True', 'x-a: {true: a, True: b}\n', ['duplicateKey@1:16']],
    ['in a !!set', 'x-a: !!set {a, b, a}\n', ['duplicateKey@1:19']],
    ['in a list of mappings, each mapping on its own', 'x-a: [{a: 1}, {a: 2}]\n', []],
    ['keys that are lists are not compared', 'x-a: {[a]: 1, [a]: 2}\n', []],
  ])('duplicate keys: %s', (_, text, expected) => {
    const problems = lintManifest(text, { file: 'x' }).problems.filter((p) => p.messageId === 'duplicateKey');
    expect(problems.map((p) => `${p.messageId}@${p.range.line}:${p.range.column}`)).toEqual(expected);
  });

  it(`more than ${MAX_SYNTAX_FINDINGS} YAML errors: the first ${MAX_SYNTAX_FINDINGS} in file order, then tooManyErrors`, () => {
    const text = Array.from({ length: 300 }, (_, i) => `k${i}: 1\nk${i}: 2`).join('\n');
    const problems = lintManifest(text, { file: 'x' }).problems;
    expect(problems).toHaveLength(MAX_SYNTAX_FINDINGS + 1);
    expect(problems.slice(0, 3).map((p) => p.range.line)).toEqual([2, 4, 6]);
    expect(problems.at(-1)!.messageId).toBe('tooManyErrors');
    expect(problems.at(-1)!.message).toContain(String(MAX_SYNTAX_FINDINGS));
  });

  it(`more than ${MAX_ENTRIES.toLocaleString('en-US')} lines and flow items are refused where the limit is passed`, () => {
    const lines = lintManifest(`a: 1\n${'\n'.repeat(MAX_ENTRIES)}`, { file: 'x' }).problems;
    expect(lines.map((p) => `${p.messageId}@${p.range.line}`)).toEqual([`tooManyEntries@${MAX_ENTRIES + 1}`]);
    expect(lines[0]!.message).toContain('100000');
    const items = lintManifest(`x-a: [${'1,'.repeat(MAX_ENTRIES)}1]`, { file: 'x' }).problems;
    expect(items.map((p) => p.messageId)).toEqual(['tooManyEntries']);
    // Commas and brackets in quoted values and comments do not count.
    const quoted = lintManifest(`x-a: "${',['.repeat(MAX_ENTRIES)}"\n# ${','.repeat(MAX_ENTRIES + 1)}\n`, { file: 'x' }).problems;
    expect(quoted.filter((p) => p.ruleId === 'yaml-syntax')).toEqual([]);
  });

  it('a YAML error does not leave Error.stackTraceLimit changed', () => {
    const limit = Error.stackTraceLimit;
    lintManifest(`x-a: [${','.repeat(1000)}]\n`, { file: 'x' });
    lintManifest('a: "unclosed\n', { file: 'x' });
    expect(Error.stackTraceLimit).toBe(limit);
  });

  it('a collection used as a key prints no process warning', () => {
    const warnings: string[] = [];
    const listener = (warning: Error) => void warnings.push(warning.message);
    process.on('warning', listener);
    try {
      const problems = lintManifest('? [a]\n: 1\n{b: 2}: 3\n', { file: 'x' }).problems;
      expect(problems.some((p) => p.messageId.startsWith('unknownKey'))).toBe(true);
    } finally {
      process.off('warning', listener);
    }
    return new Promise<void>((resolve) => setImmediate(() => {
      expect(warnings).toEqual([]);
      resolve();
    }));
  });
});
