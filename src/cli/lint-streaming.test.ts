import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { runLint, type LintCommandOptions } from './lint-command.js';

// Reports are written a file at a time, and no faster than standard output takes them: piped to a
// slow reader, a run that wrote without waiting held the whole report in the pipe's buffer.

const work = mkdtempSync(join(tmpdir(), 'pleo-register-streaming-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const MANIFESTS = 120;
for (let i = 0; i < MANIFESTS; i++) {
  mkdirSync(join(work, `apps/${i}`), { recursive: true });
  writeFileSync(join(work, `apps/${i}/pleo-client.yaml`), `client_name: App ${i}\nredirect_uris: [http://a${i}.example.org/cb, 12, true]\nscopes: [nope, 3]\nunknown_a: 1\n`);
}

/** Standard output piped to a reader that takes 1 KiB a turn of the event loop; records the most it ever buffered. */
function slowReader() {
  const chunks: string[] = [];
  let most = 0;
  const stream = new Writable({
    highWaterMark: 1024,
    decodeStrings: false,
    write(chunk: string, _encoding, callback) {
      chunks.push(chunk);
      setImmediate(callback);
    },
  });
  const write = stream.write.bind(stream);
  stream.write = ((text: string) => {
    const room = write(text);
    most = Math.max(most, stream.writableLength);
    return room;
  }) as typeof stream.write;
  return { stream, text: () => chunks.join(''), most: () => most };
}

const options = (format: string): LintCommandOptions => ({
  files: ['apps'],
  formats: [{ name: format as 'json' }],
  severities: {},
  quiet: false,
  maxWarnings: -1,
  offline: true,
});

describe('a report on a slow standard output', () => {
  it.each(['json', 'sarif', 'stylish'])('%s: waits for the reader, a file (or a held chunk) at a time', async (format) => {
    const stdout = slowReader();
    const stderr: string[] = [];
    const code = await runLint(options(format), '0.0.0-test', { cwd: work, env: {}, stdin: process.stdin, stdout: stdout.stream, stderr: { write: (t: string) => stderr.push(t) } });
    expect(stderr.join('')).toBe('');
    expect(code).toBe(1);
    const report = stdout.text();
    if (format === 'json') expect(JSON.parse(report).results).toHaveLength(MANIFESTS);
    if (format === 'sarif') expect(new Set(JSON.parse(report).runs[0].results.map((r: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => r.locations[0]!.physicalLocation.artifactLocation.uri)).size).toBe(MANIFESTS);
    if (format === 'stylish') expect(report).toMatch(new RegExp(`in ${MANIFESTS} files\\n`));
    // The report is 0.3-3 MB; one file's text a few KiB, the largest single write SARIF's rule table (150 KB).
    expect(report.length).toBeGreaterThan(300 * 1024);
    expect(stdout.most(), 'most bytes buffered for the reader').toBeLessThan(200 * 1024);
  });
});
