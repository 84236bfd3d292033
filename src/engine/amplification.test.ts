import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_ENTRIES, MAX_MANIFEST_BYTES } from '../manifest/parse.js';
import { FORMAT_NAMES } from '../report/index.js';
import { bin, root, scratchDir, STACK_TRACE, validManifest } from '../test-support/cli.js';
import { runMeasured } from '../test-support/measured-run.js';
import { MAX_PROBLEMS_PER_FILE } from './problem-limits.js';

// One small file must not make a huge report. A manifest under 1 MiB with ~100,000 flow items made
// ~400,000 problems: 18-65 s, 0.4-2.4 GB of memory and a 400 MB SARIF report. Through the built binary
// (`npm test` builds first), each format on its own, bounded generously in time, memory and output.

const TIME_LIMIT_MS = 30_000;
const RSS_LIMIT_KIB = 400 * 1024;
const OUTPUT_LIMIT_BYTES = 2 * 1024 * 1024;

const fixture = readFileSync(validManifest, 'utf8');

/** The valid manifest with `key` as one flow list of `item`, as many as fit in 1 MiB and the entry limit. */
function flowList(key: 'redirect_uris' | 'scopes', item: string): { text: string; items: number } {
  const pattern = new RegExp(`^${key}:\\n(?:  - .*\\n)+`, 'm');
  const room = Math.min(Math.floor((MAX_MANIFEST_BYTES - fixture.length - 64) / (item.length + 2)), MAX_ENTRIES - 2_000);
  const text = fixture.replace(pattern, `${key}: [${Array(room).fill(item).join(', ')}]\n`);
  // A file the loader accepts: under 1 MiB and the entry limit, and not far under either.
  expect(Buffer.byteLength(text)).toBeLessThanOrEqual(MAX_MANIFEST_BYTES);
  expect(room).toBeGreaterThan(95_000);
  return { text, items: room };
}

interface Run {
  ms: number;
  rssKiB: number;
  code: number | null;
  stdout: string;
  stderr: string;
  /** Bytes of each report written, by format. */
  written: Record<string, string>;
}

const measured: string[] = [];

/** Lints `text` offline with these `-f` values (`name=file` writes to a file in the run's folder). */
function run(name: string, text: string, formats: string[]): Run {
  const dir = scratchDir({ 'pleo-client.yaml': text });
  try {
    const argv = [bin, 'lint', 'pleo-client.yaml', '--offline', ...formats.flatMap((format) => ['-f', format])];
    const { run: result, ms, rssKiB } = runMeasured(argv, { cwd: dir, timeout: 120_000, maxBuffer: 1024 * 1024 * 1024 });
    const written: Record<string, string> = {};
    for (const format of formats) {
      const [format_, file] = format.split('=');
      if (file && existsSync(join(dir, file))) written[format_!] = readFileSync(join(dir, file), 'utf8');
    }
    measured.push(`| ${name} | ${ms.toFixed(0)} | ${(rssKiB / 1024).toFixed(0)} | ${result.stdout.length + Object.values(written).reduce((n, t) => n + t.length, 0)} |`);
    return { ms, rssKiB, code: result.status, stdout: result.stdout, stderr: result.stderr, written };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function expectBounded(result: Run): void {
  expect(result.stderr, 'stderr').not.toMatch(STACK_TRACE);
  expect(result.stderr, 'stderr').toBe('');
  expect(result.code, 'exit code').toBe(1);
  expect(result.ms, 'wall time (ms)').toBeLessThan(TIME_LIMIT_MS);
  expect(result.rssKiB, 'peak RSS (KiB)').toBeLessThan(RSS_LIMIT_KIB);
  expect(result.stdout.length, 'stdout (bytes)').toBeLessThan(OUTPUT_LIMIT_BYTES);
  for (const [format, text] of Object.entries(result.written)) expect(text.length, `${format} report (bytes)`).toBeLessThan(OUTPUT_LIMIT_BYTES);
}

/** How many problems each format says it lists, read the way a consumer reads it. */
const LISTED: Record<string, (report: string) => number> = {
  stylish: (report) => Number(/^✖ (\d+) problems/m.exec(report)?.[1]),
  json: (report) => JSON.parse(report).results[0].problems.length,
  sarif: (report) => JSON.parse(report).runs[0].results.length,
  junit: (report) => Number(/<testsuite name="[^"]*" tests="(\d+)"/.exec(report)?.[1]),
  github: (report) => Number(/found (\d+) problems/.exec(report)?.[1]),
  gitlab: (report) => JSON.parse(report).length,
};

describe('a manifest of ~100,000 flow items, through the binary', () => {
  afterAll(() => console.log(['', '| input | ms | MiB | output bytes |', '|---|---|---|---|', ...measured].join('\n')));

  const redirects = flowList('redirect_uris', 'http://a');

  // 4 problems an item before: http:, a single-label host, no path, and a copy of the first.
  it.each(FORMAT_NAMES)('%s: completes, bounded in time, memory and output, and lists a bounded number', (format) => {
    const result = run(`${redirects.items} redirect URIs, -f ${format}`, redirects.text, [format]);
    expectBounded(result);
    const listed = LISTED[format]!(result.stdout);
    expect(listed, 'problems listed').toBeGreaterThan(0);
    expect(listed, 'problems listed').toBeLessThanOrEqual(MAX_PROBLEMS_PER_FILE + 40);
    if (format === 'json') {
      const problems: { ruleId: string; message: string }[] = JSON.parse(result.stdout).results[0].problems;
      expect(problems.find((p) => p.ruleId === 'schema')?.message).toContain(`"redirect_uris" lists ${redirects.items} items; the limit is 100.`);
    }
  });

  it('a list of ~100,000 wrong types: one schema problem each, 100 listed, then how many more, every format in one run', () => {
    const scopes = flowList('scopes', '1');
    const formats = FORMAT_NAMES.filter((name) => name !== 'stylish').map((name) => `${name}=report.${name}`);
    const result = run(`${scopes.items} scopes of the wrong type, every format`, scopes.text, ['stylish', ...formats]);
    expectBounded(result);
    expect(Object.keys(result.written).sort()).toEqual(FORMAT_NAMES.filter((name) => name !== 'stylish').sort());
    const problems: { ruleId: string; message: string; path: string }[] = JSON.parse(result.written.json!).results[0].problems;
    const schema = problems.filter((p) => p.ruleId === 'schema');
    expect(schema.filter((p) => p.path.startsWith('/scopes/'))).toHaveLength(99);
    const more = schema.find((p) => / more schema problems/.test(p.message));
    expect(more?.path).toBe('/scopes');
    expect(more?.message).toMatch(new RegExp(`^${(scopes.items - 99).toLocaleString('en-US')} more schema problems in "scopes" are not listed`));
    expect(result.stdout).toContain('more schema problems in "scopes" are not listed');
  });

  it('lists at their limits lint as they always did; one item more is a schema error', () => {
    const path = join(root, 'fixtures/amplification/at-the-limits.yaml');
    expect(statSync(path).size).toBeLessThan(16 * 1024);
    const atLimits = readFileSync(path, 'utf8');
    const clean = run('every list at its limit', atLimits, ['json']);
    expect(clean.stderr).toBe('');
    expect(JSON.parse(clean.stdout).results[0].problems).toEqual([]);
    expect(clean.code).toBe(0);
    const over = run('one redirect URI past the limit', atLimits.replace(/^redirect_uris:\n/m, '$&  - https://app.acme-books.io/oauth/pleo/callback/0\n'), ['json']);
    const problems: { ruleId: string; path: string }[] = JSON.parse(over.stdout).results[0].problems;
    expect(problems.map((p) => `${p.ruleId} ${p.path}`)).toEqual(['schema /redirect_uris']);
  });
});

// Every report used to be written from the whole result list: 10,000 manifests with ~24 problems each
// peaked at 0.7 GB (JSON) to 1.5 GB (SARIF). Reports are now written a file at a time; what grows with
// the count is the list of names (and SARIF's notes naming the files a rule skipped), not the results.
describe('many manifests in one run, through the binary', () => {
  const MANIFEST = [
    'client_name: App {i}',
    'redirect_uris: [http://a{i}.example.org/cb, "https://*.x.io/cb", 12, true]',
    'scopes: [nope, "users:read", 3, 4, 5]',
    'pkce: plain',
    'contacts: [not-an-email, 7]',
    'logo: 5',
    'unknown_a: 1',
    '',
  ].join('\n');
  const FORMATS = ['json=report.json', 'sarif=report.sarif', 'junit=report.xml', 'gitlab=report.gitlab.json', 'stylish=report.txt'];

  function lintMany(count: number) {
    const dir = mkdtempSync(join(tmpdir(), 'pleo-register-many-'));
    try {
      for (let i = 0; i < count; i++) {
        mkdirSync(join(dir, `apps/${i}`), { recursive: true });
        writeFileSync(join(dir, `apps/${i}/pleo-client.yaml`), MANIFEST.replaceAll('{i}', String(i)));
      }
      const argv = [bin, 'lint', 'apps', '--offline', ...FORMATS.flatMap((format) => ['-f', format])];
      const { run: result, ms, rssKiB } = runMeasured(argv, { cwd: dir, timeout: 180_000, maxBuffer: 1024 * 1024 });
      const json = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
      const sarif = JSON.parse(readFileSync(join(dir, 'report.sarif'), 'utf8'));
      const junitFiles = readFileSync(join(dir, 'report.xml'), 'utf8').match(/<testsuite /g)?.length;
      measured.push(`| ${count.toLocaleString('en-US')} manifests, 5 formats | ${ms.toFixed(0)} | ${(rssKiB / 1024).toFixed(0)} | - |`);
      return { result, rssKiB, json, sarif, junitFiles };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  it('memory grows with the number of manifests by little more than their names', () => {
    const few = lintMany(1_000);
    const many = lintMany(6_000);
    for (const [run, count] of [[few, 1_000], [many, 6_000]] as const) {
      expect(run.result.stderr).toBe('');
      expect(run.result.status).toBe(1);
      expect(run.json.results).toHaveLength(count);
      expect(run.json.errorCount).toBe(run.json.results.reduce((n: number, r: { errorCount: number }) => n + r.errorCount, 0));
      expect(run.sarif.runs[0].results.length).toBe(run.json.results.reduce((n: number, r: { problems: unknown[] }) => n + r.problems.length, 0));
      expect(run.junitFiles).toBe(count);
    }
    // Before: 266 MiB for 1,000 and 881 MiB for 6,000. Now about 145 and 171.
    expect((many.rssKiB - few.rssKiB) / 1024, 'MiB more for 5,000 more manifests').toBeLessThan(150);
  }, 300_000);
});
