import { lstatSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { FileResult } from '../diagnostics.js';
import type { ReportStream } from '../report/types.js';
import { fileSink, openReport, type Sink } from './report-output.js';

const work = mkdtempSync(join(tmpdir(), 'pleo-register-report-output-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A stream whose file text is the file's name, framed by a head that counts the files when it waits. */
function namesStream(headWaits: boolean): ReportStream {
  let files = 0;
  return {
    headWaits,
    head: () => (headWaits ? `[${files} files]\n` : '[files]\n'),
    file: (result) => (files++, `${result.file}\n`),
    tail: () => '[end]\n',
  };
}

const result = (file: string) => ({ file }) as FileResult;

/** A sink that records each write, and whether the report was ended or abandoned. */
function recordingSink() {
  const writes: string[] = [];
  const state = { ended: false, abandoned: false };
  const sink: Sink = { write: (text) => void writes.push(text), end: () => void (state.ended = true), abandon: () => void (state.abandoned = true) };
  return { sink, writes, state, text: () => writes.join('') };
}

/** Files this process left in the temporary folder (held text goes to `pleo-register-<pid>-…`). */
const leftInTmp = () => readdirSync(tmpdir()).filter((name) => name.startsWith(`pleo-register-${process.pid}-`));

/** Held-text files this process has open (Linux): unlinked, so only /proc still names them. */
function openDeletedHeldFiles(): string[] {
  return readdirSync('/proc/self/fd')
    .map((fd) => {
      try {
        return readlinkSync(`/proc/self/fd/${fd}`);
      } catch {
        return '';
      }
    })
    .filter((target) => target.includes(`pleo-register-${process.pid}-`) && target.endsWith(' (deleted)'));
}

describe('openReport', () => {
  it('writes a head that does not wait with the first file, and each file as it comes', async () => {
    const { sink, writes, state } = recordingSink();
    const report = openReport(namesStream(false), sink);
    // Nothing before the first file: a run that fails before it prints no half report.
    expect(writes).toEqual([]);
    report.file(result('a.yaml'));
    expect(writes.join('')).toBe('[files]\na.yaml\n');
    report.file(result('b.yaml'));
    await report.end();
    expect(writes.join('')).toBe('[files]\na.yaml\nb.yaml\n[end]\n');
    expect(state.ended).toBe(true);
  });

  it('holds the files of a report whose head waits, and writes the head first at the end', async () => {
    const { sink, text } = recordingSink();
    const report = openReport(namesStream(true), sink);
    report.file(result('a.yaml'));
    report.file(result('b.yaml'));
    expect(text()).toBe('');
    await report.end();
    expect(text()).toBe('[2 files]\na.yaml\nb.yaml\n[end]\n');
  });

  it('with holdAll, writes nothing before the end (another text goes first on the stream)', async () => {
    const { sink, text } = recordingSink();
    const report = openReport(namesStream(false), sink, { holdAll: true });
    report.file(result('a.yaml'));
    expect(text()).toBe('');
    await report.end();
    expect(text()).toBe('[files]\na.yaml\n[end]\n');
  });

  it('past its memory limit, held text goes to a temporary file that is already unlinked, and comes back byte for byte', async () => {
    const { sink, text } = recordingSink();
    const report = openReport(namesStream(true), sink, { heldInMemory: 64 });
    // Multi-byte characters across every read boundary: the text is decoded as a whole, not per chunk.
    const names = Array.from({ length: 3_000 }, (_, i) => `apps/${i}/ø€😀\u2028.yaml`.repeat(1 + (i % 50)));
    for (const name of names) report.file(result(name));
    if (process.platform === 'linux') expect(openDeletedHeldFiles()).toHaveLength(1);
    expect(leftInTmp()).toEqual([]);
    await report.end();
    if (process.platform === 'linux') expect(openDeletedHeldFiles()).toHaveLength(0);
    expect(text()).toBe(`[3000 files]\n${names.map((name) => name + '\n').join('')}[end]\n`);
    expect(leftInTmp()).toEqual([]);
  });

  it('abandoned, it drops what it held and abandons the sink', async () => {
    const { sink, text, state } = recordingSink();
    const report = openReport(namesStream(true), sink, { heldInMemory: 8 });
    report.file(result('a-long-name.yaml'));
    report.abandon();
    expect(text()).toBe('');
    expect(state).toEqual({ ended: false, abandoned: true });
  });
});

describe('fileSink', () => {
  it('leaves the previous report in place until the new one is whole', () => {
    const path = join(work, 'reports/report.json');
    const first = fileSink(path);
    first.write('one');
    first.end();
    const second = fileSink(path);
    second.write('two, half written');
    expect(readFileSync(path, 'utf8')).toBe('one');
    second.end();
    expect(readFileSync(path, 'utf8')).toBe('two, half written');
    expect(readdirSync(join(work, 'reports'))).toEqual(['report.json']);
  });

  it('abandoned (the run failed), it leaves the previous report and no temporary file', () => {
    const path = join(work, 'abandoned.json');
    writeFileSync(path, 'previous');
    const sink = fileSink(path);
    sink.write('partial');
    sink.abandon();
    expect(readFileSync(path, 'utf8')).toBe('previous');
    expect(readdirSync(work).filter((name) => name.includes('abandoned'))).toEqual(['abandoned.json']);
  });

  it('replaces a symbolic link at the path instead of writing through it', () => {
    const target = join(work, 'elsewhere.txt');
    writeFileSync(target, 'not a report');
    const path = join(work, 'linked.json');
    symlinkSync(target, path);
    const sink = fileSink(path);
    sink.write('{}');
    sink.end();
    expect(readFileSync(target, 'utf8')).toBe('not a report');
    expect(lstatSync(path).isFile()).toBe(true);
    expect(readFileSync(path, 'utf8')).toBe('{}');
  });
});
