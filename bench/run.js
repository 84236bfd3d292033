// pleo-register's benchmark: whole-process runs of the CLI (and of small library scripts), side by
// side with a bare `node -e 0`, on this machine's Node and on Node 24 (the version pinned in
// scripts/node-versions.json, installed under .node/ on first use). See bench/README.md.
//
//   node bench/run.js [--runs N] [--warmups N] [--only 1,3] [--rss time|node] [--keep-env] [--profile] [--no-node24]
//
// Children run without NODE_EXTRA_CA_CERTS unless --keep-env is given: Node reads that bundle at
// every start-up (≈ 100 ms for a 200 KiB bundle on the machine this was written on), which would add
// the same cost to the floor and to every scenario and so flatter every ratio. When it is set, an
// extra row shows `node -e 0` with it.
//
// Runs are interleaved (round-robin over the selected scenarios) so that a change in machine load
// during the run affects every scenario alike. Nothing leaves 127.0.0.1; temporary files live under
// os.tmpdir() and are removed at the end.
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:https';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { fanoutUrls, HOSTS } from './fanout.js';
import { summariseProfile } from './profile.js';
import { writeLogoPng, writeSolidPng } from './png.js';
import { makeCertificates } from './tls.js';
import { nodeBinary } from '../scripts/node-binary.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const benchDir = fileURLToPath(new URL('.', import.meta.url));
const CLI = join(root, 'bin', 'pleo-register.js');
const NODE = process.execPath;
const GNU_TIME = '/usr/bin/time';
const DELAY_MS = 200;
const MANIFESTS = 1000;
const CHILD_TIMEOUT_MS = 120_000;
/** The scenarios `--only` can pick; all run by default. */
const SCENARIOS = ['1', '2', '3', '4', '5', '6'];
const LOGO_RULES = ['logo-readable', 'logo-format', 'logo-file-size', 'logo-resolution', 'logo-square'];

const options = parseArgs(process.argv.slice(2));
const STRIPPED = options.keepEnv ? [] : ['NODE_EXTRA_CA_CERTS'].filter((name) => process.env[name] !== undefined);
const childEnv = { ...process.env, NO_COLOR: '1' };
delete childEnv.FORCE_COLOR;
for (const name of STRIPPED) delete childEnv[name];
const tmp = mkdtempSync(join(tmpdir(), 'pleo-register-bench-'));
let server;
let interrupted = false;

process.on('SIGINT', () => {
  interrupted = true;
  process.stderr.write('\ninterrupted; cleaning up\n');
});

try {
  await main();
} catch (error) {
  process.stderr.write(`bench: ${error?.stack ?? error}\n`);
  process.exitCode = 2;
} finally {
  if (server) await server.close();
  rmSync(tmp, { recursive: true, force: true });
}

async function main() {
  for (const file of [CLI]) if (!existsSync(file)) throw new Error(`${file} is missing`);
  const rss = pickRssMethod(options.rss);
  const loadStart = loadavg();
  log(`pleo-register bench: ${options.runs} runs per scenario after ${options.warmups} warm-ups, interleaved; peak RSS via ${rss.label}`);
  log(`load average at start: ${loadStart.map((n) => n.toFixed(2)).join(' ')} (${cpus().length} CPUs)`);
  if (STRIPPED.length > 0) log(`children run without ${STRIPPED.join(', ')} (set here; --keep-env keeps it); row 0e shows node -e 0 with it`);
  if (process.env.NODE_OPTIONS) log(`note: NODE_OPTIONS is set (${process.env.NODE_OPTIONS}) and applies to every child, the floor included`);

  const selected = new Set(options.only ?? SCENARIOS);
  if (selected.has('3') && !selected.has('1')) {
    selected.add('1');
    log('scenario 3 needs scenario 1 for the per-manifest cost: running 1 too');
  }

  const jobs = [{ id: '0', label: `node -e 0 (floor), Node ${process.versions.node}`, args: ['-e', '0'], cwd: tmp }];
  if (STRIPPED.length > 0) {
    const env = Object.fromEntries(STRIPPED.map((name) => [name, process.env[name]]));
    jobs.push({ id: '0e', label: `node -e 0 with ${STRIPPED.join(', ')}`, args: ['-e', '0'], cwd: tmp, env });
  }
  const fixtures = await prepare(selected);
  if (selected.has('1')) jobs.push(cliJob('1', `offline lint, URL logo, Node ${process.versions.node}`, fixtures.s1, ['pleo-client.yaml'], checkSingle(false)));
  if (selected.has('2')) jobs.push(cliJob('2', 'offline lint, 1024² PNG logo', fixtures.s2, ['pleo-client.yaml'], checkSingle(true)));
  if (selected.has('3')) jobs.push(cliJob('3', `offline lint, ${MANIFESTS} manifests (glob), Node ${process.versions.node}`, fixtures.s3, ['manifests/*/pleo-client.yaml'], checkMany));
  // The same floor and lints on Node 24, whose compile cache keeps the CLI compiled between runs.
  if (options.node24 && (selected.has('1') || selected.has('3'))) {
    const node = nodeBinary('24');
    const version = spawnSync(node, ['-p', 'process.versions.node'], { encoding: 'utf8' }).stdout.trim();
    jobs.push({ id: '0n', label: `node -e 0 (floor), Node ${version}`, args: ['-e', '0'], cwd: tmp, node });
    if (selected.has('1')) jobs.push({ ...cliJob('1n', `offline lint, URL logo, Node ${version}`, fixtures.s1, ['pleo-client.yaml'], checkSingle(false)), node });
    if (selected.has('3')) jobs.push({ ...cliJob('3n', `offline lint, ${MANIFESTS} manifests (glob), Node ${version}`, fixtures.s3, ['manifests/*/pleo-client.yaml'], checkMany), node });
  }
  if (selected.has('4')) {
    server = await startServer(fixtures.tls);
    for (const [id, urls, concurrency] of [['4a', 1], ['4b', 8], ['4c', 10], ['4d', 25], ['4', 50], ['4e', 50, 16], ['4f', 50, 20]]) {
      jobs.push(fanoutJob(id, urls, concurrency, fixtures.s4));
    }
  }
  if (selected.has('5')) {
    jobs.push(inspectJob('5a', 'inspect 16² PNG (start-up, full check)', fixtures.tinyPng));
    jobs.push(inspectJob('5b', 'inspect 8000² PNG', fixtures.bigPng));
  }
  if (selected.has('6')) jobs.push(requestJob('6', 'one request through undici, then exit'));

  // One untimed run of each job with its checks: a broken build or a server problem stops here.
  log('\nchecking that every scenario does what it should…');
  for (const job of jobs) {
    const run = await runOnce(job, rss, job.preflightArgs);
    const problem = job.check?.(run, true);
    if (run.code !== 0 && !(job.okCodes ?? [0]).includes(run.code)) throw new Error(`${job.id} exited ${run.code}: ${run.stderr.trim().split('\n').slice(-3).join(' | ')}`);
    if (problem) throw new Error(`${job.id} (${job.label}): ${problem}`);
    job.notes = new Set(run.notes ?? []);
    log(`  ${job.id.padEnd(3)} ok  ${[...job.notes].join('; ')}`);
  }
  log('');

  const total = options.warmups + options.runs;
  for (let round = 0; round < total && !interrupted; round++) {
    process.stderr.write(`\rround ${round + 1}/${total}${round < options.warmups ? ' (warm-up)' : '          '}`);
    for (const job of jobs) {
      if (interrupted) break;
      const run = await runOnce(job, rss);
      if (run.code !== 0 && !(job.okCodes ?? [0]).includes(run.code)) throw new Error(`${job.id} exited ${run.code} in round ${round + 1}: ${run.stderr.trim().split('\n').slice(-3).join(' | ')}`);
      const problem = job.check?.(run, false);
      if (problem) throw new Error(`${job.id} in round ${round + 1}: ${problem}`);
      if (round >= options.warmups) {
        job.ms = [...(job.ms ?? []), run.ms];
        job.rssKiB = [...(job.rssKiB ?? []), run.rssKiB];
        job.minorFaults = [...(job.minorFaults ?? []), run.minorFaults];
        if (run.phases) job.phases = [...(job.phases ?? []), run.phases];
      }
    }
  }
  process.stderr.write('\n');
  if (interrupted) throw new Error('interrupted before the runs finished; no results written');

  const loadEnd = loadavg();
  const report = summarise(jobs, rss, loadStart, loadEnd);
  printTable(report);
  if (options.profile) report.profiles = await profileCliJobs(jobs);
  writeFileSync(join(benchDir, 'results.json'), `${JSON.stringify(report, null, 2)}\n`);
  log(`\nwritten: bench/results.json`);
}

// ---------------------------------------------------------------------------------------------
// Fixtures

async function prepare(selected) {
  const fixtures = {};
  const example = readFileSync(join(root, 'example', 'pleo-client.yaml'), 'utf8');
  if (!/^logo: .*$/m.test(example)) throw new Error('example/pleo-client.yaml has no logo line');
  if (selected.has('1')) {
    fixtures.s1 = mkdir('s1');
    writeFileSync(join(fixtures.s1, 'pleo-client.yaml'), example.replace(/^logo: .*$/m, 'logo: https://acme-books.io/brand/logo.png'));
  }
  if (selected.has('2')) {
    fixtures.s2 = mkdir('s2');
    writeFileSync(join(fixtures.s2, 'pleo-client.yaml'), example.replace(/^logo: .*$/m, 'logo: ./brand/logo.png'));
    mkdirSync(join(fixtures.s2, 'brand'));
    await writeLogoPng(join(fixtures.s2, 'brand', 'logo.png'), 1024);
  }
  if (selected.has('3')) {
    fixtures.s3 = mkdir('s3');
    const scopes = JSON.parse(readFileSync(join(root, 'schemas', 'scopes.json'), 'utf8'))
      .scopes.filter((s) => s.status === 'documented')
      .map((s) => s.scope);
    for (let i = 0; i < MANIFESTS; i++) {
      const dir = join(fixtures.s3, 'manifests', `app-${String(i).padStart(4, '0')}`);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'pleo-client.yaml'), generatedManifest(i, scopes));
    }
  }
  if (selected.has('4')) {
    fixtures.s4 = mkdir('s4');
    // A small real PNG as the manifests' logo, so the logo rules run as they would in the CLI.
    await writeLogoPng(join(fixtures.s4, 'logo.png'), 512);
    const names = Array.from({ length: HOSTS }, (_, i) => `page-${i}.bench.pleo-register.dev`);
    fixtures.tls = makeCertificates(names);
    fixtures.tls.caFile = join(fixtures.s4, 'ca.pem');
    writeFileSync(fixtures.tls.caFile, fixtures.tls.caPem);
  }
  if (selected.has('5')) {
    const dir = mkdir('s5');
    fixtures.tinyPng = join(dir, 'tiny.png');
    fixtures.bigPng = join(dir, 'big.png');
    await writeSolidPng(fixtures.tinyPng, 16, [21, 101, 192]);
    await writeSolidPng(fixtures.bigPng, 8000, [21, 101, 192]);
  }
  return fixtures;
}

function mkdir(name) {
  const dir = join(tmp, name);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** A manifest like the example, with names, URIs, scopes and environment varied by i. */
function generatedManifest(i, scopes) {
  const domain = `app${i}.acme-books.io`;
  const staging = i % 10 === 9;
  const picked = scopes.filter((_, k) => (i + k) % 3 !== 0).slice(0, 1 + (i % 4));
  const redirects = [`https://${domain}/oauth/pleo/callback`];
  if (i % 3 === 1) redirects.push(`https://${domain}/oauth/pleo/callback-eu`);
  if (staging) redirects.push(`http://localhost:${3000 + (i % 100)}/callback`);
  return [
    '# yaml-language-server: $schema=../../schemas/pleo-client.schema.json',
    `environment: ${staging ? 'staging' : 'production'}`,
    `client_name: Acme Books ${i}`,
    `client_uri: https://${domain}/`,
    `logo: https://cdn.acme-books.io/brand/logo-${i}.png`,
    `tos_uri: https://${domain}/legal/terms`,
    `policy_uri: https://${domain}/legal/privacy`,
    'contacts:',
    `  - integrations+${i}@acme-books.io`,
    `initiation_uri: https://${domain}/pleo/connect`,
    `settings_uri: https://${domain}/pleo/settings`,
    `client_type: ${i % 5 === 4 ? 'public' : 'confidential'}`,
    'redirect_uris:',
    ...redirects.map((uri) => `  - ${uri}`),
    'scopes:',
    ...picked.map((scope) => `  - ${scope}`),
    'pkce: S256',
    '',
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------
// Jobs

function cliJob(id, label, cwd, files, check) {
  return {
    id,
    label,
    cwd,
    args: [CLI, 'lint', '--offline', ...files],
    // The untimed check run asks for JSON to see which rules ran; timed runs print the default report.
    preflightArgs: [CLI, 'lint', '--offline', '-f', 'json', ...files],
    okCodes: [0, 1],
    check,
  };
}

/** Scenario 1 must skip the logo rules (URL logo, offline); scenario 2 must run them (local logo decoded). */
function checkSingle(logoDecoded) {
  return (run, preflight) => {
    if (!preflight) return undefined;
    const report = parseJson(run.stdout);
    if (!report) return `no JSON report on stdout: ${run.stdout.slice(0, 200)} ${run.stderr.slice(0, 200)}`;
    const [result] = report.results;
    if (report.results.length !== 1) return `expected 1 result, got ${report.results.length}`;
    const skippedLogo = result.skipped.filter((s) => LOGO_RULES.includes(s.ruleId)).map((s) => s.ruleId);
    if (logoDecoded && skippedLogo.length > 0) return `logo rules were skipped: ${skippedLogo.join(', ')}`;
    if (!logoDecoded && skippedLogo.length !== LOGO_RULES.length) return `expected the ${LOGO_RULES.length} logo rules skipped (offline URL logo), got ${skippedLogo.join(', ')}`;
    const logoProblems = result.problems.filter((p) => LOGO_RULES.includes(p.ruleId));
    if (logoProblems.length > 0) return `logo problems: ${logoProblems.map((p) => p.message).join(' | ')}`;
    run.notes = [`${result.problems.length} problems, ${logoDecoded ? 'logo rules ran on the local PNG' : 'logo rules skipped (offline URL logo)'}`];
    return undefined;
  };
}

function checkMany(run, preflight) {
  if (!preflight) return undefined;
  const report = parseJson(run.stdout);
  if (!report) return `no JSON report on stdout: ${run.stdout.slice(0, 200)} ${run.stderr.slice(0, 200)}`;
  if (report.results.length !== MANIFESTS) return `expected ${MANIFESTS} results, got ${report.results.length}`;
  run.notes = [`${report.results.length} files linted: ${report.errorCount} errors, ${report.warningCount} warnings, ${report.infoCount} infos`];
  return undefined;
}

function fanoutJob(id, urls, concurrency, dir) {
  const conc = concurrency ?? 8;
  const perHost = 2;
  const perHostCounts = new Map();
  for (let i = 0; i < urls; i++) perHostCounts.set(i % HOSTS, (perHostCounts.get(i % HOSTS) ?? 0) + 1);
  const rounds = Math.max(Math.ceil(urls / conc), ...[...perHostCounts.values()].map((n) => Math.ceil(n / perHost)));
  const hosts = Math.min(urls, HOSTS);
  return {
    id,
    label: `fan-out ${urls} URL${urls === 1 ? '' : 's'} on ${hosts} host${hosts === 1 ? '' : 's'}, concurrency ${conc}`,
    cwd: root,
    get args() {
      return [join(benchDir, 'fanout.js'), '--port', String(server.port), '--ca', server.caFile, '--urls', String(urls), '--dir', dir, ...(concurrency ? ['--concurrency', String(concurrency)] : [])];
    },
    networkFloorMs: rounds * DELAY_MS,
    before: () => server.reset(),
    check: (run) => {
      const seen = server.snapshot();
      const expected = new Set(fanoutUrls(urls, server.port).map((u) => {
        const url = new URL(u);
        return `${url.host} ${url.pathname}`;
      }));
      if (seen.requests !== urls) return `the server counted ${seen.requests} requests, expected ${urls}`;
      if (seen.distinct.size !== urls || [...expected].some((key) => !seen.distinct.has(key))) return `the server saw ${seen.distinct.size} distinct URLs, not the ${urls} expected`;
      const out = parseJson(run.stdout);
      if (!out) return `no JSON line from fanout.js: ${run.stderr.slice(0, 300)}`;
      for (const rule of ['uri-reachable', 'redirect-uri-reachable', 'uri-public-host', ...LOGO_RULES]) {
        if (out.problemsByRule[rule]) return `${rule}: ${out.problemsByRule[rule]} problems, e.g. ${out.samples[rule]}`;
      }
      // Where the whole-process time goes: the child's own clock (from its time origin) for start-up,
      // lint and close; what is left of the spawn-to-exit time is process creation and exit.
      run.phases = { startupMs: out.startupMs, lintMs: out.lintMs, closeMs: out.closeMs, exitMs: run.ms - out.doneMs };
      run.notes = [
        `server: ${seen.requests} requests, ${seen.distinct.size} distinct URLs, at most ${seen.maxInFlight} in flight (checked on every run)`,
        `network floor ${rounds} × ${DELAY_MS} ms (max of ⌈${urls}/${conc}⌉ rounds and ⌈URLs per host/${perHost}⌉)`,
        `library from ${[...new Set(Object.values(out.from))].join(', ')}`,
      ];
      return undefined;
    },
  };
}

function inspectJob(id, label, file) {
  return {
    id,
    label,
    cwd: root,
    args: [join(benchDir, 'inspect-logo.js'), file],
    check: (run) => {
      const out = parseJson(run.stdout);
      if (!out) return `no JSON line from inspect-logo.js: ${run.stderr.slice(0, 300)}`;
      run.notes = [`inspectImage → ${out.kind}${out.width ? ` ${out.width}×${out.height}` : ''} (${Math.round(out.byteLength / 1024)} KiB file)`];
      return undefined;
    },
  };
}

function requestJob(id, label) {
  return {
    id,
    label,
    cwd: root,
    args: [join(benchDir, 'request.js')],
    check: (run) => {
      const out = parseJson(run.stdout);
      if (!out || out.requests !== 1 || out.bytes === 0) return `no answer from request.js: ${run.stdout.slice(0, 200)} ${run.stderr.slice(0, 300)}`;
      run.notes = ['1 request to a server of its own on 127.0.0.1, then exit'];
      return undefined;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Where the time goes (--profile)

/** One profiled run of each CLI scenario; prints and returns where its time went. */
async function profileCliJobs(jobs) {
  const dir = join(tmp, 'profiles');
  const bundle = join(root, 'dist', 'pleo-register.cjs');
  const profiles = {};
  for (const job of jobs.filter((candidate) => candidate.args[0] === CLI)) {
    const name = `${job.id}.cpuprofile`;
    const run = spawnSync(job.node ?? NODE, ['--cpu-prof', '--cpu-prof-interval', '100', '--cpu-prof-dir', dir, '--cpu-prof-name', name, ...job.args], { cwd: job.cwd, env: childEnv });
    if (run.status !== 0 && !(job.okCodes ?? [0]).includes(run.status)) throw new Error(`profiling ${job.id}: exit ${run.status}`);
    const summary = summariseProfile(join(dir, name), { bundles: { [bundle]: `${bundle}.map` }, entry: CLI });
    profiles[job.id] = summary;
    log(`\n${job.id}  ${job.label}: one run under the CPU profiler (100 µs samples; the profiler slows it down, so read shares), ${summary.totalMs} ms sampled`);
    for (const { part, ms, share } of summary.parts.filter((entry) => entry.share >= 1)) log(`    ${fmt(ms).padStart(6)} ms ${`${share}%`.padStart(6)}  ${part}`);
  }
  return profiles;
}

// ---------------------------------------------------------------------------------------------
// Measuring one whole process

function pickRssMethod(wanted) {
  const gnuOk = () => existsSync(GNU_TIME) && spawnSync(GNU_TIME, ['-f', '%M', 'true'], { encoding: 'utf8' }).status === 0;
  if (wanted === 'time' || (wanted === undefined && gnuOk())) {
    if (!gnuOk()) throw new Error(`--rss time: ${GNU_TIME} is missing or not GNU time`);
    return { kind: 'time', label: `GNU time (${GNU_TIME} -f '%M %R'), max RSS and minor page faults of the child` };
  }
  const why = wanted === 'node' ? '--rss node' : `GNU time not found at ${GNU_TIME}`;
  return { kind: 'node', label: `process.resourceUsage() maxRSS and minorPageFault read at exit (node --import bench/maxrss.js; ${why})` };
}

async function runOnce(job, rss, argsOverride) {
  const args = argsOverride ?? job.args;
  const rssFile = join(tmp, 'rss.txt');
  rmSync(rssFile, { force: true });
  const node = job.node ?? NODE;
  let command = node;
  let argv = args;
  const env = { ...childEnv, ...job.env };
  if (rss.kind === 'time') {
    command = GNU_TIME;
    argv = ['-f', '%M %R', '-o', rssFile, node, ...args];
  } else {
    argv = ['--import', pathToFileURL(join(benchDir, 'maxrss.js')).href, ...args];
    env.BENCH_MAXRSS_FILE = rssFile;
  }
  job.before?.();
  const started = process.hrtime.bigint();
  const child = spawn(command, argv, { cwd: job.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let ended;
  child.on('exit', () => {
    ended = process.hrtime.bigint();
  });
  const stdout = collect(child.stdout);
  const stderr = collect(child.stderr);
  const timer = setTimeout(() => child.kill('SIGKILL'), CHILD_TIMEOUT_MS);
  const [code, signal] = await once(child, 'close');
  clearTimeout(timer);
  if (signal) throw new Error(`${job.id} was killed (${signal}); it ran longer than ${CHILD_TIMEOUT_MS / 1000} s?`);
  const text = existsSync(rssFile) ? readFileSync(rssFile, 'utf8').trim().split('\n').pop() : '';
  // GNU time prefixes "Command exited with non-zero status N" on its own line; the numbers are last.
  const [rssKiB, minorFaults] = text.split(' ').map(Number);
  if (!Number.isFinite(rssKiB) || rssKiB <= 0) throw new Error(`${job.id}: no peak RSS reading (${JSON.stringify(text)})`);
  if (!Number.isFinite(minorFaults) || minorFaults <= 0) throw new Error(`${job.id}: no page-fault count (${JSON.stringify(text)})`);
  return { code, ms: Number((ended ?? process.hrtime.bigint()) - started) / 1e6, rssKiB, minorFaults, stdout: stdout.text(), stderr: stderr.text() };
}

/** Keeps at most 8 MiB of a stream (the 1,000-manifest JSON report is a few MiB). */
function collect(stream) {
  const parts = [];
  let size = 0;
  stream.on('data', (data) => {
    if (size < 8 * 1024 * 1024) parts.push(data);
    size += data.length;
  });
  return { text: () => Buffer.concat(parts).toString('utf8') };
}

function parseJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// The HTTPS server for scenario 4

async function startServer(tls) {
  const timers = new Set();
  let state;
  const reset = () => {
    state = { requests: 0, distinct: new Set(), inFlight: 0, maxInFlight: 0 };
  };
  reset();
  const https = createServer({ cert: tls.certPem, key: tls.keyPem }, (request, response) => {
    state.requests += 1;
    state.distinct.add(`${request.headers.host} ${request.url}`);
    state.inFlight += 1;
    state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
    const counted = state;
    // In flight = received and not yet answered (the client may already send its next request
    // while this process is still flushing the last answer, so 'finish' would over-count).
    let open = true;
    const settle = () => {
      if (open) counted.inFlight -= 1;
      open = false;
    };
    response.on('close', settle);
    const timer = setTimeout(() => {
      timers.delete(timer);
      settle();
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end('<!doctype html><title>bench</title><p>ok</p>\n');
    }, DELAY_MS);
    timers.add(timer);
  });
  https.listen(0, '127.0.0.1');
  await once(https, 'listening');
  return {
    port: https.address().port,
    caFile: tls.caFile,
    reset,
    snapshot: () => state,
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      https.closeAllConnections();
      await new Promise((resolve) => https.close(() => resolve()));
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Results

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Nearest-rank 90th percentile. */
function p90(values) {
  return [...values].sort((a, b) => a - b)[Math.ceil(0.9 * values.length) - 1];
}

function mib(kib) {
  return kib / 1024;
}

function round(n, digits = 1) {
  return n === undefined || n === null ? null : Number(n.toFixed(digits));
}

function summarise(jobs, rss, loadStart, loadEnd) {
  const byId = new Map(jobs.map((job) => [job.id, job]));
  const floors = { '': median(byId.get('0').ms), n: byId.get('0n') ? median(byId.get('0n').ms) : undefined };
  const rows = [];
  const row = (job, extra = {}) => {
    const medianMs = median(job.ms);
    // Each row against the floor of its own Node.
    const floor = floors[job.id.endsWith('n') ? 'n' : ''];
    const entry = {
      id: job.id,
      scenario: job.label,
      medianMs: round(medianMs),
      ratioToNode: round(medianMs / floor, 2),
      p90Ms: round(p90(job.ms)),
      peakRssMiB: round(mib(median(job.rssKiB))),
      maxPeakRssMiB: round(mib(Math.max(...job.rssKiB))),
      minorFaults: median(job.minorFaults),
      target: null,
      pass: null,
      notes: [...(job.notes ?? [])],
      samplesMs: job.ms.map((n) => round(n, 2)),
      peakRssKiB: job.rssKiB,
      minorFaultSamples: job.minorFaults,
      ...extra,
    };
    rows.push(entry);
    return entry;
  };

  row(byId.get('0'), { target: 'floor' });
  if (byId.get('0e')) row(byId.get('0e'), { target: 'info: environment' });
  if (byId.get('0n')) row(byId.get('0n'), { target: 'floor' });
  // Offline lint against its Node's floor: ≤ 2.3× on Node 20, which has no compile cache; ≤ 1.9× on 24.
  const startTarget = (major) => (major >= 22 ? 1.9 : 2.3);
  const s1 = byId.get('1');
  for (const [id, major] of [['1', Number(process.versions.node.split('.')[0])], ['1n', 24]]) {
    if (!byId.get(id)) continue;
    const r = row(byId.get(id));
    r.target = `≤ ${startTarget(major)}× node, ≤ 60 MiB`;
    r.pass = r.ratioToNode <= startTarget(major) && r.peakRssMiB <= 60;
  }
  if (byId.get('2')) {
    const r = row(byId.get('2'));
    r.target = '≤ 2.5× node';
    r.pass = r.ratioToNode <= 2.5;
  }
  for (const [id, single] of [['3', s1], ['3n', byId.get('1n')]]) {
    if (!byId.get(id)) continue;
    const r = row(byId.get(id));
    r.target = '≤ 60× node';
    r.pass = r.ratioToNode <= 60;
    if (single) {
      r.perManifestMs = round((median(byId.get(id).ms) - median(single.ms)) / MANIFESTS, 3);
      r.notes.push(`per manifest: (${r.medianMs} − ${round(median(single.ms))}) / ${MANIFESTS} = ${r.perManifestMs} ms`);
    }
  }
  for (const id of ['4a', '4b', '4c', '4d', '4', '4e', '4f']) {
    const job = byId.get(id);
    if (!job) continue;
    const r = row(job, { networkFloorMs: job.networkFloorMs });
    r.overNetworkFloorMs = round(r.medianMs - job.networkFloorMs);
    const phase = (key) => round(median(job.phases.map((p) => p[key])));
    r.phasesMs = { startup: phase('startupMs'), lint: phase('lintMs'), close: phase('closeMs'), spawnAndExit: phase('exitMs') };
    r.inProcessLintMs = r.phasesMs.lint;
    r.notes.push(
      `phases (medians): start-up + module loading ${r.phasesMs.startup} ms, lint ${r.phasesMs.lint} ms (first lint call to last result; network floor ${job.networkFloorMs}), client.close ${r.phasesMs.close} ms, spawn/exit outside the child's clock ${r.phasesMs.spawnAndExit} ms`,
    );
    if (id === '4') {
      r.target = '≤ 1000 ms';
      r.pass = r.medianMs <= 1000;
    } else {
      r.target = `info (floor ${job.networkFloorMs} ms)`;
    }
  }
  const tiny = byId.get('5a');
  const big = byId.get('5b');
  if (tiny && big) {
    row(tiny, { target: 'baseline for 5' });
    row(big, { target: 'see 5' });
    const dMs = median(big.ms) - median(tiny.ms);
    const dRss = mib(median(big.rssKiB) - median(tiny.rssKiB));
    rows.push({
      id: '5',
      scenario: '8000² PNG header check, over start-up (5b − 5a)',
      medianMs: round(dMs),
      ratioToNode: null,
      p90Ms: null,
      peakRssMiB: round(dRss),
      target: '≤ 100 ms, ≤ 100 MiB over start-up',
      pass: dMs <= 100 && dRss <= 100,
      notes: ['differences of medians (time, peak RSS); negative means the 8000² run was cheaper than the tiny-PNG run'],
    });
  }
  if (byId.get('6')) row(byId.get('6'), { target: 'info' });
  return {
    date: new Date().toISOString(),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
    loadAverageStart: loadStart.map((n) => round(n, 2)),
    loadAverageEnd: loadEnd.map((n) => round(n, 2)),
    runs: options.runs,
    warmups: options.warmups,
    order: 'interleaved: each round runs every scenario once',
    peakRss: rss.label,
    environment: STRIPPED.length > 0 ? `children run without ${STRIPPED.join(', ')} (row 0e: node -e 0 with it)` : options.keepEnv ? 'children inherit the environment (--keep-env)' : 'children inherit the environment',
    passRule: 'pass/fail is judged on the median (and the median peak RSS)',
    fanout: {
      server: `HTTPS on 127.0.0.1, each answer after ${DELAY_MS} ms; ${HOSTS} host names page-N.bench.pleo-register.dev resolved to 127.0.0.1 by the client's resolve option`,
      certificate: 'a throwaway CA generated by bench/tls.js: fixtures/tls/server.pem names only localhost/127.0.0.1/::1 and its CA key is gone, so it cannot serve page-N.bench.pleo-register.dev',
      client: 'createHttpClient({ allowLoopback: true, resolve, ca }) from dist; default concurrency 8, perHost 2 unless the row says otherwise',
    },
    rows,
  };
}

function printTable(report) {
  const header = ['scenario', 'median ms', '× node', 'p90 ms', 'peak RSS MiB', 'page faults', 'target', 'result'];
  const lines = report.rows.map((r) => [
    `${r.id.padEnd(3)} ${r.scenario}`,
    fmt(r.medianMs),
    r.ratioToNode === null ? '—' : `${r.ratioToNode.toFixed(2)}×`,
    fmt(r.p90Ms),
    fmt(r.peakRssMiB),
    r.minorFaults === undefined ? '—' : String(Math.round(r.minorFaults)),
    r.target ?? '—',
    r.pass === null ? '—' : r.pass ? 'PASS' : 'FAIL',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const numeric = [false, true, true, true, true, true, false, false];
  const render = (cells) => cells.map((c, i) => (numeric[i] ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ');
  log('');
  log(render(header));
  log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const l of lines) log(render(l));
  log('');
  for (const r of report.rows) for (const note of r.notes ?? []) log(`  ${r.id.padEnd(3)} ${note}`);
  log('');
  log(`node ${report.node}, ${report.platform}, ${report.cpus} × ${report.cpuModel}`);
  log(`load average: start ${report.loadAverageStart.join(' ')}, end ${report.loadAverageEnd.join(' ')}`);
  log(`${report.runs} runs per scenario after ${report.warmups} warm-ups, ${report.order}; peak RSS: ${report.peakRss}`);
  log(`environment: ${report.environment}`);
}

function fmt(n) {
  return n === null || n === undefined ? '—' : n.toFixed(1);
}

function log(line) {
  process.stdout.write(`${line}\n`);
}

function parseArgs(argv) {
  const out = { runs: 15, warmups: 2, only: undefined, rss: undefined, keepEnv: false, profile: false, node24: true };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.includes('=') ? arg.split(/=(.*)/s, 2) : [arg, undefined];
    const value = () => inline ?? argv[++i];
    if (flag === '--runs') out.runs = positive(value(), '--runs');
    else if (flag === '--warmups') out.warmups = positive(value(), '--warmups', true);
    else if (flag === '--only') {
      out.only = String(value() ?? '').split(',').map((s) => s.trim()).filter(Boolean);
      const bad = out.only.filter((s) => !SCENARIOS.includes(s));
      if (out.only.length === 0 || bad.length > 0) usage(`--only takes scenario numbers ${SCENARIOS.join(', ')}, e.g. --only 1,3`);
    } else if (flag === '--rss') {
      out.rss = value();
      if (!['time', 'node'].includes(out.rss)) usage('--rss takes time or node');
    } else if (flag === '--keep-env') out.keepEnv = true;
    else if (flag === '--profile') out.profile = true;
    else if (flag === '--no-node24') out.node24 = false;
    else if (flag === '--help' || flag === '-h') usage();
    else usage(`unknown argument ${arg}`);
  }
  return out;
}

function positive(text, flag, zeroOk = false) {
  const n = Number(text);
  if (!Number.isInteger(n) || n < (zeroOk ? 0 : 1) || n > 1000) usage(`${flag} takes an integer from ${zeroOk ? 0 : 1} to 1000`);
  return n;
}

function usage(problem) {
  if (problem) process.stderr.write(`bench: ${problem}\n`);
  process.stderr.write('usage: node bench/run.js [--runs N] [--warmups N] [--only 1,3] [--rss time|node] [--keep-env] [--profile] [--no-node24]\n');
  process.exit(problem ? 2 : 0);
}
