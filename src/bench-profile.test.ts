import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain JavaScript module of the benchmark, without types
import { summariseProfile } from '../bench/profile.js';

// The benchmark's --profile summary (bench/profile.js), on a hand-made CPU profile and source map.

const dir = mkdtempSync(join(tmpdir(), 'pleo-register-profile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const bundle = join(dir, 'dist/pleo-register.cjs');
const entry = join(dir, 'bin/pleo-register.js');
// Two generated lines: line 0 maps to src/rules/no-secrets.ts, line 1 to node_modules/yaml/dist/parse/lexer.js.
const sourceMap = { version: 3, sources: ['../src/rules/no-secrets.ts', '../node_modules/yaml/dist/parse/lexer.js'], names: [], mappings: 'AAAA;ACAA' };

const frame = (url: string, functionName = 'f', lineNumber = 0) => ({ functionName, url, lineNumber, columnNumber: 0, scriptId: '0' });
const profile = {
  nodes: [
    { id: 1, callFrame: frame('', '(root)'), children: [2, 3, 4, 7] },
    { id: 2, callFrame: frame('node:internal/bootstrap/node') },
    { id: 3, callFrame: frame(entry), children: [5, 6] },
    { id: 4, callFrame: frame('', '(garbage collector)') },
    { id: 5, callFrame: frame('node:internal/modules/cjs/loader') },
    { id: 6, callFrame: frame(`file://${bundle}`, 'check', 0) },
    { id: 7, callFrame: frame(`file://${bundle}`, 'lex', 1) },
  ],
  startTime: 0,
  endTime: 0,
  // Node's start (2 ms), then the entry's own code, Node's module loader, a rule, the lexer, GC.
  samples: [2, 2, 3, 5, 5, 5, 6, 7, 7, 4],
  timeDeltas: [1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000],
};

describe('summariseProfile', () => {
  it('adds up the samples by where the code came from, largest first', () => {
    const file = join(dir, 'run.cpuprofile');
    writeFileSync(file, JSON.stringify(profile));
    mkdirSync(join(dir, 'dist'));
    writeFileSync(`${bundle}.map`, JSON.stringify(sourceMap));
    const summary = summariseProfile(file, { bundles: { [bundle]: `${bundle}.map` }, entry });
    expect(summary.totalMs).toBe(10);
    expect(summary.parts).toEqual([
      { part: 'Node: modules/cjs/loader', ms: 3, share: 30 },
      { part: "Node's start, before pleo-register.js runs", ms: 2, share: 20 },
      { part: 'yaml (parse)', ms: 2, share: 20 },
      { part: 'pleo-register.js', ms: 1, share: 10 },
      { part: 'src/rules/no-secrets.ts', ms: 1, share: 10 },
      { part: 'garbage collection', ms: 1, share: 10 },
    ]);
  });
});
