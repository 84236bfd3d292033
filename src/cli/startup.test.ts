import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { bin, binaryEnv, root, runCli, STACK_TRACE } from '../test-support/cli.js';

// How the binary starts and talks to its pipes and terminal, and what an offline lint leaves unloaded.

const example = join(root, 'example/pleo-client.yaml');

describe('an offline lint', () => {
  // The network client, the image decoder and the OAuth server are whole subsystems a run loads only
  // when it needs them. A preload records what the run loaded: CommonJS through require's cache, ES
  // modules through a resolve hook (the OAuth server is an ES module).
  const folder = mkdtempSync(join(tmpdir(), 'pleo-register-loads-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));
  const record = join(folder, 'loaded.txt');
  writeFileSync(join(folder, 'resolve-hook.mjs'), `import { appendFileSync } from 'node:fs';
    export async function resolve(specifier, context, next) {
      const resolved = await next(specifier, context);
      appendFileSync(${JSON.stringify(record)}, resolved.url + '\\n');
      return resolved;
    }`);
  writeFileSync(join(folder, 'preload.cjs'), `const { appendFileSync } = require('node:fs');
    const { register } = require('node:module');
    if (register) register(${JSON.stringify(pathToFileURL(join(folder, 'resolve-hook.mjs')).href)});
    process.on('exit', () => appendFileSync(${JSON.stringify(record)}, Object.keys(require.cache).join('\\n') + '\\n'));`);
  const manifest = readFileSync(example, 'utf8');
  cpSync(join(root, 'example/brand'), join(folder, 'brand'), { recursive: true });
  writeFileSync(join(folder, 'url-logo.yaml'), manifest.replace(/^logo: .*$/m, 'logo: https://acme-books.io/brand/logo.png'));

  const packagesLoaded = (args: string[]) => {
    rmSync(record, { force: true });
    const run = spawnSync(process.execPath, ['-r', join(folder, 'preload.cjs'), bin, ...args], { cwd: folder, encoding: 'utf8', env: binaryEnv({}) });
    const loaded = readFileSync(record, 'utf8');
    const packages = new Set([...loaded.matchAll(/node_modules\/((?:@[^/]+\/)?[^/]+)\//g)].map((match) => match[1]!));
    return { run, packages, loaded };
  };

  it('loads neither undici, nor sharp, nor oidc-provider (the record itself works: it sees the CLI)', () => {
    const { run, packages, loaded } = packagesLoaded(['lint', '--offline', 'url-logo.yaml']);
    expect(run.status).toBe(0);
    expect(loaded).toContain('pleo-register.cjs');
    for (const name of ['undici', 'sharp', 'oidc-provider']) expect(packages).not.toContain(name);
  });

  it('the same record shows undici when the network checks run', () => {
    // No network here: the checks fail fast, but the client is loaded to make them.
    const { packages } = packagesLoaded(['lint', '--timeout', '1000', 'url-logo.yaml']);
    expect(packages).toContain('undici');
    expect(packages).not.toContain('oidc-provider');
  });
});

describe('a reader that closes the pipe early', () => {
  it('`| head -c 100`: no error, no stack trace, and the exit code of the run', () => {
    const files = join(root, 'fixtures/invalid/*/*.yaml');
    // The JSON report of every invalid fixture is far larger than a pipe holds.
    const run = spawnSync('bash', ['-o', 'pipefail', '-c', `node "${bin}" lint --offline -f json ${files} | head -c 100 >/dev/null`], { encoding: 'utf8' });
    expect(run.stderr).not.toMatch(STACK_TRACE);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
  });
});

describe('a pipe set non-blocking by someone else', () => {
  // write(2) on a full non-blocking pipe fails with EAGAIN; the rest of the report must still arrive,
  // whole and in order. Python holds the reading end and starts reading only after a second.
  const reader = `
import fcntl, os, subprocess, sys, time
r, w = os.pipe()
fcntl.fcntl(w, fcntl.F_SETFL, fcntl.fcntl(w, fcntl.F_GETFL) | os.O_NONBLOCK)
child = subprocess.Popen(sys.argv[1:], stdout=w)
os.close(w)
time.sleep(1)
out = b''
while True:
    chunk = os.read(r, 65536)
    if not chunk: break
    out += chunk
child.wait()
sys.stdout.buffer.write(out)
sys.exit(child.returncode)
`;

  // read(2) on an empty non-blocking pipe fails with EAGAIN: what was read, and what Python writes a
  // second later, must both reach the lint.
  const writer = `
import fcntl, os, subprocess, sys, time
data = open(sys.argv[1], 'rb').read()
r, w = os.pipe()
fcntl.fcntl(r, fcntl.F_SETFL, fcntl.fcntl(r, fcntl.F_GETFL) | os.O_NONBLOCK)
os.write(w, data[:100])
child = subprocess.Popen(sys.argv[2:], stdin=r)
os.close(r)
time.sleep(1)
os.write(w, data[100:])
os.close(w)
sys.exit(child.wait())
`;

  it('a manifest on stdin arrives whole, the part written late too', () => {
    const file = join(root, 'fixtures/invalid/schema/empty-values.yaml');
    const direct = spawnSync(process.execPath, [bin, 'lint', '--offline', '-f', 'json', '-', '--stdin-filename', 'x.yaml'], { input: readFileSync(file), encoding: 'utf8', env: binaryEnv({}) });
    expect(JSON.parse(direct.stdout).results[0].problems.length).toBeGreaterThan(0);
    const run = spawnSync('python3', ['-c', writer, file, process.execPath, bin, 'lint', '--offline', '-f', 'json', '-', '--stdin-filename', 'x.yaml'], { encoding: 'utf8', env: binaryEnv({}) });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    expect(run.stdout).toBe(direct.stdout);
  });

  it('a report larger than the pipe arrives whole', () => {
    const files = join(root, 'fixtures/invalid/*/*.yaml');
    const direct = spawnSync('bash', ['-c', `node "${bin}" lint --offline -f json ${files}`], { encoding: 'utf8', maxBuffer: 64 << 20 });
    expect(direct.stdout.length).toBeGreaterThan(256 * 1024); // several pipe buffers
    const run = spawnSync('bash', ['-c', `python3 -c "$0" node "${bin}" lint --offline -f json ${files}`, reader], { encoding: 'utf8', maxBuffer: 64 << 20 });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    expect(run.stdout).toBe(direct.stdout);
  });
});

describe('a terminal on stdout', () => {
  // script(1) runs the binary with a pseudo-terminal as stdout, as a person's shell would.
  const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;
  const inTerminal = (extra: Record<string, string>) =>
    spawnSync('script', ['-qec', `node "${bin}" lint --offline "${join(root, 'fixtures/invalid/schema/empty-values.yaml')}"`, '/dev/null'], { encoding: 'utf8', env: binaryEnv(extra) });

  it.skipIf(!hasScript)('gets a coloured report; NO_COLOR turns it off', () => {
    const coloured = inTerminal({});
    expect(coloured.stdout).toContain('\x1b[31merror');
    expect(coloured.status).toBe(1);
    const plain = inTerminal({ NO_COLOR: '1' });
    expect(plain.stdout).toContain('error');
    expect(plain.stdout).not.toContain('\x1b[');
  });

  it('a pipe gets no colour', () => {
    const piped = runCli(['lint', join(root, 'fixtures/invalid/schema/empty-values.yaml')]);
    expect(piped.stdout).toContain('error');
    expect(piped.stdout).not.toContain('\x1b[');
  });
});

/** Runs an ES module script (as a user's program would be: `node -e` scripts see a global require that modules do not). */
function runModule(script: string) {
  return spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
}

describe('the library as built (dist/index.js and dist/services/http.js)', () => {
  it.each([
    ['dist/index.js', '../index.js'],
    ['dist/services/http.js', '../services/http.js'],
  ])('%s exports what the source exports', async (built, source) => {
    const names = Object.keys(await import(source)).sort();
    const run = runModule(`const m = await import(${JSON.stringify(pathToFileURL(join(root, built)).href)}); process.stdout.write(JSON.stringify(Object.keys(m).sort()));`);
    expect(run.stderr).toBe('');
    expect(names.length).toBeGreaterThan(0);
    expect(JSON.parse(run.stdout)).toEqual(names);
  });

  it('lints and reports as the source does', async () => {
    const { formatOptions, lint: lintManifest, loadFormatter } = await import('../index.js');
    const text = readFileSync(join(root, 'fixtures/invalid/schema/empty-values.yaml'), 'utf8');
    const result = lintManifest(text, { file: 'empty-values.yaml' });
    const sarif = (await loadFormatter('sarif'))([result], formatOptions('0.0.0-test'));
    expect(result.problems.length).toBeGreaterThan(0);

    const library = pathToFileURL(join(root, 'dist/index.js')).href;
    const run = runModule(`const { formatOptions, lint: lintManifest, loadFormatter } = await import(${JSON.stringify(library)});
      const result = lintManifest(${JSON.stringify(text)}, { file: 'empty-values.yaml' });
      const sarif = (await loadFormatter('sarif'))([result], formatOptions('0.0.0-test'));
      process.stdout.write(JSON.stringify({ result, sarif }));`);
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual(JSON.parse(JSON.stringify({ result, sarif })));
  });
});
