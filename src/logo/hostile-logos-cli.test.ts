/**
 * Hostile logos through the built binary (`npm run build` first), with the process's cost measured:
 * wall time, and peak resident memory of the largest process (GNU time's %M when /usr/bin/time is
 * there, which counts the child processes the binary waited for) and of the whole process tree
 * (sampled from /proc). The budget is generous for a loaded machine, and far below what an
 * unbounded decode takes (77 s and 353 MB for the first JPEG below).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hostileProgressiveJpeg } from '../test-support/hostile-jpeg.js';
import { STACK_TRACE, bin, binaryEnv, scratchDir, validManifest } from '../test-support/cli.js';

const BUDGET_SECONDS = 5;
const BUDGET_RSS_MIB = 300;
const GNU_TIME = '/usr/bin/time';

interface MeasuredRun {
  code: number | null;
  stdout: string;
  stderr: string;
  seconds: number;
  /** The largest single process's peak (GNU time), or the largest sampled; undefined without either. */
  processRssMiB: number | undefined;
  /** The tree's summed resident memory at its sampled peak; undefined without /proc. */
  treeRssMiB: number | undefined;
}

/** Process groups still running: a run that failed the test is ended with the test file. */
const running = new Set<number>();
afterAll(() => running.forEach((pid) => process.kill(-pid, 'SIGKILL')));

/** Runs the binary in its own process group, sampling the tree's memory, killed after 60 s whatever happens. */
function measure(args: readonly string[], cwd: string): Promise<MeasuredRun> {
  const timeFile = join(cwd, 'time.txt');
  const useTime = existsSync(GNU_TIME);
  const [command, argv] = useTime
    ? [GNU_TIME, ['-f', '%M', '-o', timeFile, process.execPath, bin, ...args]]
    : [process.execPath, [bin, ...args]];
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(command, argv, { cwd, env: binaryEnv(), detached: true });
    running.add(child.pid!);
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    let treePeak: number | undefined;
    let processPeak: number | undefined;
    const sample = setInterval(() => {
      const tree = processTree(child.pid!);
      if (tree.length === 0) return;
      const rss = tree.map((pid) => statusKiB(pid, 'VmRSS'));
      treePeak = Math.max(treePeak ?? 0, rss.reduce((sum, value) => sum + value, 0));
      processPeak = Math.max(processPeak ?? 0, ...tree.map((pid) => statusKiB(pid, 'VmHWM')));
    }, 20);
    const killer = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), 60_000);
    child.on('close', (code) => {
      running.delete(child.pid!);
      clearInterval(sample);
      clearTimeout(killer);
      const seconds = (performance.now() - started) / 1000;
      const timed = useTime && existsSync(timeFile) ? Number(readFileSync(timeFile, 'utf8').trim().split('\n').pop()) : undefined;
      const processKiB = timed !== undefined && Number.isFinite(timed) ? timed : processPeak;
      resolve({
        code,
        stdout,
        stderr,
        seconds,
        processRssMiB: processKiB === undefined ? undefined : processKiB / 1024,
        treeRssMiB: treePeak === undefined ? undefined : treePeak / 1024,
      });
    });
  });
}

/** `pid` and its descendants, from /proc (empty where there is no /proc). */
function processTree(pid: number): number[] {
  if (!existsSync(`/proc/${pid}`)) return [];
  const tree = [pid];
  try {
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      const children = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
      for (const child of children ? children.split(/\s+/).map(Number) : []) tree.push(...processTree(child));
    }
  } catch {
    // The process ended while it was read.
  }
  return tree;
}

function statusKiB(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

/** Within the budget; `besides` is what the command takes anyway (preview draws the page, ~2 s). */
function expectWithinBudget(run: MeasuredRun, besides = 0): void {
  const figures = `${run.seconds.toFixed(2)} s, ${run.processRssMiB?.toFixed(0)} MiB (process), ${run.treeRssMiB?.toFixed(0)} MiB (tree)`;
  expect(run.seconds, figures).toBeLessThanOrEqual(BUDGET_SECONDS + besides);
  if (run.processRssMiB !== undefined) expect(run.processRssMiB, figures).toBeLessThanOrEqual(BUDGET_RSS_MIB);
  if (run.treeRssMiB !== undefined) expect(run.treeRssMiB, figures).toBeLessThanOrEqual(BUDGET_RSS_MIB);
  expect(run.stderr).not.toMatch(STACK_TRACE);
}

const manifest = readFileSync(validManifest, 'utf8');
const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A folder (no repository: the folder is the limit) with a manifest whose logo is this JPEG. */
function withJpegLogo(jpeg: Buffer): string {
  const dir = scratchDir({ 'pleo-client.yaml': manifest.replace(/^logo: .*$/m, 'logo: ./brand/logo.jpg') });
  dirs.push(dir);
  writeFileSync(join(dir, 'brand/logo.jpg'), jpeg);
  return dir;
}

describe('a logo that is small on disk and costly to decode stays within 5 s and 300 MB', () => {
  it.each([
    ['2,647 scans at 7000×7000 (490 KB)', hostileProgressiveJpeg({ width: 7000, height: 7000 }), 'is a progressive JPEG of more than 64 scans, so it was refused without decoding'],
    ['61 scans keeping 294 MB of coefficients', hostileProgressiveJpeg({ width: 7000, height: 7000, refinements: 0, coefficients: 20 }), 'of memory to decode, over the 128.0 MiB limit'],
    ['64 full passes over 765,625 blocks', hostileProgressiveJpeg({ width: 7000, height: 7000, components: 1, refinements: 0 }), 'visit 49,000,000 blocks of 8×8 pixels, over the limit of 24,000,000'],
  ])('lint: %s', async (_, jpeg, words) => {
    const run = await measure(['lint', '--offline', '--format', 'json', 'pleo-client.yaml'], withJpegLogo(jpeg));
    expectWithinBudget(run);
    expect(run.code).toBe(1);
    const problems = (JSON.parse(run.stdout) as { results: { problems: { ruleId: string; message: string }[] }[] }).results[0]!.problems;
    const logo = problems.filter((problem) => problem.ruleId === 'logo-readable');
    expect(logo).toHaveLength(1);
    expect(logo[0]!.message).toContain(words);
  });

  it('preview: draws a placeholder for it, within 5 s of a preview with an ordinary logo', async () => {
    const args = ['preview', '--offline', '--out', 'preview.png', 'pleo-client.yaml'];
    const ordinary = scratchDir({ 'pleo-client.yaml': manifest });
    dirs.push(ordinary);
    const page = await measure(args, ordinary);
    expect(page.code).toBe(0);
    const dir = withJpegLogo(hostileProgressiveJpeg({ width: 7000, height: 7000 }));
    const run = await measure(args, dir);
    expectWithinBudget(run, page.seconds);
    expect(run.code).toBe(0);
    expect(readFileSync(join(dir, 'preview.png')).subarray(1, 4).toString('latin1')).toBe('PNG');
  });
});

describe('--allow-outside-logo', () => {
  // work/secret.png beside a repository whose manifest points at it.
  const work = scratchDir({ 'secret.png': 'not an image, but nobody may say so' });
  dirs.push(work);
  mkdirSync(join(work, 'repo/.git'), { recursive: true });
  writeFileSync(join(work, 'repo/pleo-client.yaml'), manifest.replace(/^logo: .*$/m, 'logo: ../secret.png'));
  const cwd = join(work, 'repo');

  it.each([
    ['lint', ['lint', '--offline', '--format', 'json']],
    ['export', ['export', '--as', 'dcr', '--force']],
  ])('%s refuses a logo outside the repository, and reads it with the option', async (_, args) => {
    const refused = await measure([...args, 'pleo-client.yaml'], cwd);
    expect(refused.stdout + refused.stderr).toContain('leads outside this manifest\'s repository');
    expect(refused.stdout + refused.stderr).not.toContain('it is text');
    const allowed = await measure([...args, '--allow-outside-logo', 'pleo-client.yaml'], cwd);
    expect(allowed.stdout + allowed.stderr).toContain('it is text, not image data');
  });

  it('preview shows a placeholder, and reads it with the option', async () => {
    const refused = await measure(['preview', '--offline', 'pleo-client.yaml'], cwd);
    expect(refused.code).toBe(0);
    expect(refused.stderr).toContain('problem');
    const allowed = await measure(['preview', '--offline', '--allow-outside-logo', 'pleo-client.yaml'], cwd);
    expect(allowed.code).toBe(0);
  });
});
