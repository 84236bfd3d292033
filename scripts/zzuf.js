// Mutation fuzzing with an outside fuzzer: `npm run fuzz:zzuf` (builds first; needs zzuf, `apt-get install zzuf`).
//
// zzuf (caca.zoy.org/wiki/zzuf) flips bits in the manifests the project keeps by hand: the example and
// every fixture under fixtures/valid and fixtures/invalid. Each distinct mutant (10,000 by default) is
// written next to a copy of fixtures/valid/brand, so local logos are read and inspected, and the real
// binary lints them offline in batches, once as JSON and once in another format. A batch passes when
// the binary exits 0 or 1, prints no stack trace and no internal error, and its JSON report holds one
// result per file. A failing batch is linted again file by file to name the mutant, which is kept.
//
//   node scripts/zzuf.js [--count 10000] [--batch 100] [--first-seed 1]
//
// src/cli/zzuf.test.ts runs a few hundred in `npm test`. Plain ESM JavaScript: it runs after the build.

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { binaryEnv, STACK_TRACE } from './fuzz.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const bin = join(root, 'bin/pleo-register.js');
/** Ratios of bits flipped: from one-character typos to noise. */
const RATIOS = ['0.0002', '0.0005', '0.002', '0.005', '0.01', '0.03', '0.1'];
/** Flip any bit; keep line breaks; write ASCII only (more mutants stay UTF-8 and reach the rules); both. */
const MODES = [[], ['-P', '\\n'], ['-R', '\\x80-\\xff'], ['-P', '\\n', '-R', '\\x80-\\xff']];
const OTHER_FORMATS = ['stylish', 'sarif', 'junit', 'github', 'gitlab'];

/** The hand-written manifests: the example and every fixture. */
export function corpus() {
  const files = [join(root, 'example/pleo-client.yaml')];
  for (const dir of ['fixtures/valid', 'fixtures/invalid']) {
    for (const entry of readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })) {
      if (/\.ya?ml$/.test(entry)) files.push(join(root, dir, entry));
    }
  }
  return files.sort();
}

export function hasZzuf() {
  return spawnSync('zzuf', ['-V'], { encoding: 'utf8' }).status === 0;
}

/**
 * `count` distinct mutants of the corpus, each different from the file it came from, written to
 * `dir` as m00000.yaml… Mutant i comes from corpus file i mod n, at ratio ⌊i/n⌋ mod 7, in mode i mod 4.
 */
export function writeMutants(dir, { count, firstSeed = 1 }) {
  const sources = corpus().map((file) => ({ file, bytes: readFileSync(file) }));
  const seen = new Set();
  const mutants = [];
  for (let seed = firstSeed; mutants.length < count; seed++) {
    const i = seed - firstSeed;
    const source = sources[i % sources.length];
    const ratio = RATIOS[Math.floor(i / sources.length) % RATIOS.length];
    const args = ['-s', String(seed), '-r', ratio, ...MODES[i % MODES.length]];
    const run = spawnSync('zzuf', args, { input: source.bytes, maxBuffer: 16 * 1024 * 1024 });
    if (run.status !== 0) throw new Error(`zzuf ${args.join(' ')} failed: ${run.stderr}`);
    const bytes = run.stdout;
    const hash = createHash('sha256').update(bytes).digest('hex');
    if (bytes.equals(source.bytes) || seen.has(hash)) continue;
    seen.add(hash);
    const path = join(dir, `m${String(mutants.length).padStart(5, '0')}.yaml`);
    writeFileSync(path, bytes);
    mutants.push({ path, from: relative(root, source.file), args });
  }
  return mutants;
}

/** What is wrong with one run of the binary over `files` (empty: nothing), and its JSON report. */
function lint(files, format, cwd) {
  const env = binaryEnv();
  delete env.NODE_EXTRA_CA_CERTS; // Node reads it at every start, and an offline run needs no CA
  const started = performance.now();
  const run = spawnSync(process.execPath, [bin, 'lint', '--offline', '-f', format, ...files], {
    cwd,
    env,
    encoding: 'utf8',
    timeout: 120_000,
    maxBuffer: 512 * 1024 * 1024,
  });
  const ms = performance.now() - started;
  const found = [];
  if (run.error) found.push(`spawn failed: ${run.error.message}`);
  if (run.status !== 0 && run.status !== 1) found.push(`exit code ${run.status} (signal ${run.signal}): ${(run.stderr ?? '').slice(0, 500)}`);
  for (const [name, text] of [['stdout', run.stdout ?? ''], ['stderr', run.stderr ?? '']]) {
    if (STACK_TRACE.test(text)) found.push(`a stack trace on ${name}`);
    if (text.includes('internal error')) found.push(`an internal error on ${name}`);
  }
  let report;
  if (format === 'json' && found.length === 0) {
    try {
      report = JSON.parse(run.stdout);
      if (report.results?.length !== files.length) found.push(`the JSON report has ${report.results?.length} results for ${files.length} files`);
    } catch (error) {
      found.push(`stdout is not JSON (${error.message})`);
    }
  }
  return { found, report, status: run.status, ms };
}

/** Lints the mutants in batches; returns counts, timings and the failures (each naming its mutant). */
export function lintMutants(mutants, { batch = 100, cwd }) {
  const summary = { files: 0, parsed: 0, errorsOnly: 0, problems: 0, exits: { 0: 0, 1: 0 }, batches: 0, slowestMs: 0, failures: [] };
  for (let start = 0; start < mutants.length; start += batch) {
    const group = mutants.slice(start, start + batch);
    const files = group.map((m) => m.path);
    const format = OTHER_FORMATS[(start / batch) % OTHER_FORMATS.length];
    const runs = [lint(files, 'json', cwd), lint(files, format, cwd)];
    summary.batches++;
    summary.slowestMs = Math.max(summary.slowestMs, ...runs.map((r) => r.ms));
    if (runs.some((r) => r.found.length > 0)) {
      // Name the mutant: each file alone, in the format that failed.
      for (const [k, run] of runs.entries()) {
        if (run.found.length === 0) continue;
        const culprits = group.filter((m) => lint([m.path], k === 0 ? 'json' : format, cwd).found.length > 0);
        summary.failures.push({ format: k === 0 ? 'json' : format, found: run.found, culprits });
      }
      continue;
    }
    for (const result of runs[0].report.results) {
      summary.files++;
      summary.problems += result.problems.length;
      if (!result.problems.some((p) => p.ruleId === 'yaml-syntax')) summary.parsed++;
      summary.exits[result.errorCount > 0 ? 1 : 0]++;
    }
  }
  return summary;
}

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
}

function main() {
  if (!hasZzuf()) {
    console.error('zzuf is not installed (apt-get install zzuf)');
    process.exitCode = 2;
    return;
  }
  const count = option('count', 10_000);
  const batch = option('batch', 100);
  const firstSeed = option('first-seed', 1);
  const dir = mkdtempSync(join(tmpdir(), 'pleo-register-zzuf-'));
  cpSync(join(root, 'fixtures/valid/brand'), join(dir, 'brand'), { recursive: true });
  mkdirSync(join(dir, 'kept'));
  let keep = false;
  try {
    let started = performance.now();
    const mutants = writeMutants(dir, { count, firstSeed });
    const sources = new Set(mutants.map((m) => m.from)).size;
    console.log(`zzuf: ${mutants.length} distinct mutants of ${sources} hand-written manifests (seeds ${firstSeed}–${mutants.at(-1)?.args[1]}, ratios ${RATIOS.join(', ')}) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    started = performance.now();
    const summary = lintMutants(mutants, { batch, cwd: dir });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(
      `binary: ${summary.batches} batches of ≤ ${batch} files, each as JSON and in one other format, in ${seconds} s (slowest run ${(summary.slowestMs / 1000).toFixed(1)} s)`,
    );
    console.log(`  ${summary.files} files reported: ${summary.parsed} parsed as YAML, ${summary.files - summary.parsed} with yaml-syntax problems; ${summary.problems} problems; as single files they would exit 0: ${summary.exits[0]}, 1: ${summary.exits[1]}`);
    for (const failure of summary.failures) {
      keep = true;
      console.log(`✖ ${failure.format}: ${failure.found.join('; ')}`);
      for (const m of failure.culprits) console.log(`  ${m.path} (zzuf ${m.args.map((a) => (a.startsWith('-') ? a : `'${a}'`)).join(' ')} < ${m.from})`);
    }
    if (summary.failures.length === 0) console.log('✔ no crash, no hang, no exit code but 0 or 1, no stack trace');
    process.exitCode = summary.failures.length === 0 ? 0 : 1;
  } finally {
    if (keep) console.log(`mutants kept in ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
