import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { bin, binaryEnv, root } from '../test-support/cli.js';

// The binary as a user runs it, on whichever Node runs this file: .ci/run runs it on every supported
// version. Each case's stdout, stderr and exit code are compared byte for byte with
// fixtures/golden/cli/<name>.txt (`UPDATE_GOLDEN=1` rewrites them: review the diff before keeping it).

interface SmokeCase {
  name: string;
  args: string[];
  /** A file to pipe to stdin, relative to the repository. */
  stdin?: string;
}

const cases = JSON.parse(readFileSync(join(root, 'src/cli/smoke-cases.json'), 'utf8')) as SmokeCase[];

function run(args: readonly string[], input?: Buffer) {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd: root, env: binaryEnv({}), encoding: 'utf8', input: input ?? '' });
  return `exit ${result.status}\n--- stdout\n${result.stdout}--- stderr\n${result.stderr}`;
}

describe(`the binary on Node ${process.versions.node}`, () => {
  it.each(cases.map((smoke) => [smoke.name, smoke] as const))('%s', (_, smoke) => {
    const actual = run(smoke.args, smoke.stdin ? readFileSync(join(root, smoke.stdin)) : undefined);
    const golden = join(root, 'fixtures/golden/cli', `${smoke.name}.txt`);
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(golden, actual);
    expect(actual).toBe(readFileSync(golden, 'utf8'));
  });

  const scratch = mkdtempSync(join(tmpdir(), 'pleo-register-smoke-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('preview draws the consent screen (sharp)', () => {
    const out = join(scratch, 'preview.png');
    const result = spawnSync(process.execPath, [bin, 'preview', 'example/pleo-client.yaml', '--offline', '-o', out], { cwd: root, env: binaryEnv({}), encoding: 'utf8' });
    expect(result.stderr).toMatch(/^Wrote .*preview\.png: the consent screen of example\/pleo-client\.yaml, no problems\n$/);
    expect(result.status).toBe(0);
    expect(readFileSync(out).subarray(1, 4).toString('latin1')).toBe('PNG');
  });

  it('the library makes a request through the guarded client (undici)', () => {
    const http = pathToFileURL(join(root, 'dist/services/http.js')).href;
    const script = `import { createServer } from 'node:http';
      const { createHttpClient } = await import(${JSON.stringify(http)});
      const server = createServer((request, response) => response.writeHead(200, { 'content-type': 'text/html' }).end('<title>ok</title>'));
      await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
      const client = createHttpClient({ allowLoopback: true, timeoutMs: 5000 });
      const outcome = await client.request('http://127.0.0.1:' + server.address().port + '/', { method: 'GET', purpose: 'page' });
      await client.close();
      server.close();
      process.stdout.write(JSON.stringify({ kind: outcome.kind, status: outcome.status }));`;
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual({ kind: 'response', status: 200 });
  });
});
