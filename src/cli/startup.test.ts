import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { bin, binaryEnv, root, runCli, STACK_TRACE } from '../test-support/cli.js';

// How the binary starts: the bundle runs from V8's code cache the build wrote, and without it (or with
// one V8 refuses) it runs the same, only slower.

const example = join(root, 'example/pleo-client.yaml');

/** Whether V8 refused each bundle's cache: `false` when it took it, `undefined` when there was none. */
function cacheAccepted(binPath: string): string {
  const script = `const bin = require(${JSON.stringify(binPath)}); bin.loadCli(); bin.loadBundle('undici');
    process.stdout.write([...bin.loaded].map(([name, { script }]) => name + ' ' + script.cachedDataRejected).join(', '))`;
  return spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' }).stdout;
}

describe('the code cache', () => {
  it('the build wrote one for the CLI and one for undici, and this Node accepts both', () => {
    expect(cacheAccepted(bin)).toBe('pleo-register false, undici false');
  });

  it('the library (pleo-register/http) takes undici from the same bundle and cache', () => {
    const http = pathToFileURL(join(root, 'dist/services/http.js')).href;
    const script = `import(${JSON.stringify(http)}).then(() => {
      const { script } = require(${JSON.stringify(bin)}).loaded.get('undici');
      process.stdout.write('undici cache rejected: ' + script.cachedDataRejected);
    })`;
    expect(spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' }).stdout).toBe('undici cache rejected: false');
  });

  it("a request loads only the undici the client uses, not Node's own copy", () => {
    // Node loads its bundled undici (~15 ms) when fetch, Headers and the like are first touched; undici's
    // index touches globalThis.Headers at load, so dist/undici.cjs takes only Agent and buildConnector.
    const http = pathToFileURL(join(root, 'dist/services/http.js')).href;
    const run = runModule(`import { createServer } from 'node:http';
      const { createHttpClient } = await import(${JSON.stringify(http)});
      const server = createServer((request, response) => response.end('ok')).listen(0, '127.0.0.1');
      await new Promise((resolve) => server.once('listening', resolve));
      const client = createHttpClient({ allowLoopback: true });
      const outcome = await client.request('http://127.0.0.1:' + server.address().port + '/', { method: 'GET', purpose: 'page' });
      await client.close();
      server.close();
      process.stdout.write(JSON.stringify({ outcome: outcome.kind, status: outcome.status, nodeUndici: process.moduleLoadList.some((name) => name.includes('deps/undici')) }));`);
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({ outcome: 'response', status: 200, nodeUndici: false });
  });

  describe('a copy of the package whose cache is missing or damaged', () => {
    const copy = mkdtempSync(join(tmpdir(), 'pleo-register-startup-'));
    for (const part of ['bin', 'dist', 'schemas', 'package.json', 'example']) cpSync(join(root, part), join(copy, part), { recursive: true });
    symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'));
    afterAll(() => rmSync(copy, { recursive: true, force: true }));
    const expected = runCli(['lint', example]);

    const caches = ['dist/pleo-register.cjs.cache', 'dist/undici.cjs.cache'];
    it.each([
      ['damaged', () => caches.forEach((cache) => writeFileSync(join(copy, cache), Buffer.alloc(4096, 7))), 'pleo-register true, undici true'],
      ['missing', () => caches.forEach((cache) => rmSync(join(copy, cache))), 'pleo-register undefined, undici undefined'],
    ])('%s: V8 compiles from source and the run is the same', (_, damage, verdict) => {
      damage();
      expect(cacheAccepted(join(copy, 'bin/pleo-register.js'))).toBe(verdict);
      const run = spawnSync(process.execPath, [join(copy, 'bin/pleo-register.js'), 'lint', '--offline', example], { cwd: root, encoding: 'utf8' });
      expect(run.stderr).toBe(expected.stderr);
      expect(run.stdout).toBe(expected.stdout);
      expect(run.status).toBe(expected.code);
      // The library runs the same bundle.
      const lint = (dir: string) =>
        runModule(`const { lintText } = await import(${JSON.stringify(pathToFileURL(join(dir, 'dist/index.js')).href)});
          process.stdout.write(JSON.stringify(lintText(${JSON.stringify(readFileSync(example, 'utf8'))}, { file: 'pleo-client.yaml' })));`);
      const fromCopy = lint(copy);
      expect(fromCopy.stderr).toBe('');
      expect(JSON.parse(fromCopy.stdout)).toEqual(JSON.parse(lint(root).stdout));
    });
  });
});

describe('what a short run loads of Node', () => {
  // Each of these costs milliseconds of every start (streams, net, child_process, crypto: ~2–10 ms each)
  // and has no part in an offline lint; they come back through an eager import, not a slower timer.
  const heavy = ['NativeModule net', 'NativeModule stream', 'NativeModule tty', 'NativeModule zlib', 'NativeModule child_process', 'NativeModule crypto', 'NativeModule fs/promises'];
  const folder = mkdtempSync(join(tmpdir(), 'pleo-register-modules-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));
  const hook = join(folder, 'report.cjs');
  // fs.writeSync: process.stderr on a pipe would itself load net and stream.
  writeFileSync(hook, `process.on('exit', () => require('node:fs').writeSync(2, JSON.stringify(${JSON.stringify(heavy)}.filter((name) => process.moduleLoadList.includes(name)))))`);
  const manifest = readFileSync(example, 'utf8');
  cpSync(join(root, 'example/brand'), join(folder, 'brand'), { recursive: true });
  writeFileSync(join(folder, 'url-logo.yaml'), manifest.replace(/^logo: .*$/m, 'logo: https://acme-books.io/brand/logo.png'));
  writeFileSync(join(folder, 'png-logo.yaml'), manifest);

  it.each([
    ['url-logo.yaml', 'an offline lint, logo as a URL', [], []],
    ['url-logo.yaml', 'the same as SARIF (fingerprints hashed without node:crypto)', ['-f', 'sarif'], []],
    ['url-logo.yaml', 'the same, the SARIF written to a file', ['-f', 'stylish', '-f', 'sarif=reports/lint.sarif'], []],
    ['png-logo.yaml', 'an offline lint, local PNG logo (zlib reads it)', [], ['NativeModule stream', 'NativeModule zlib']],
  ])('%s: %s', (file, _, options, expected) => {
    const run = spawnSync(process.execPath, ['-r', hook, bin, 'lint', '--offline', ...options, file], { cwd: folder, encoding: 'utf8', env: binaryEnv({}) });
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stderr)).toEqual(expected);
  });

  it('a manifest piped to stdin is read without a stream', () => {
    const input = readFileSync(join(folder, 'url-logo.yaml'));
    const run = spawnSync(process.execPath, ['-r', hook, bin, 'lint', '--offline', '-', '--stdin-filename', 'url-logo.yaml'], { cwd: folder, input, encoding: 'utf8', env: binaryEnv({}) });
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stderr)).toEqual([]);
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

  it('/dev/null is no terminal, and finding that out loads no terminal module', () => {
    const hook = join(mkdtempSync(join(tmpdir(), 'pleo-register-tty-')), 'report.cjs');
    writeFileSync(hook, `process.on('exit', () => process.stderr.write('tty loaded: ' + process.moduleLoadList.includes('NativeModule tty')))`);
    const run = spawnSync('bash', ['-c', `node -r "${hook}" "${bin}" lint --offline "${example}" > /dev/null`], { encoding: 'utf8' });
    rmSync(dirname(hook), { recursive: true, force: true });
    expect(run.stderr).toBe('tty loaded: false');
    expect(run.status).toBe(0);
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

  it('runs from the CLI bundle and its code cache', () => {
    const library = pathToFileURL(join(root, 'dist/index.js')).href;
    const run = runModule(`import { createRequire } from 'node:module';
      await import(${JSON.stringify(library)});
      const { loaded } = createRequire(import.meta.url)(${JSON.stringify(bin)});
      process.stdout.write([...loaded].map(([name, { script }]) => name + ' ' + script.cachedDataRejected).join(', '));`);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('pleo-register false');
  });

  it('lints and reports as the source does', async () => {
    const { lintText, loadFormatter } = await import('../index.js');
    const text = readFileSync(join(root, 'fixtures/invalid/schema/empty-values.yaml'), 'utf8');
    const result = lintText(text, { file: 'empty-values.yaml' });
    const sarif = (await loadFormatter('sarif'))([result], { color: 0, version: '0.0.0-test' });
    expect(result.problems.length).toBeGreaterThan(0);

    const library = pathToFileURL(join(root, 'dist/index.js')).href;
    const run = runModule(`const { lintText, loadFormatter } = await import(${JSON.stringify(library)});
      const result = lintText(${JSON.stringify(text)}, { file: 'empty-values.yaml' });
      const sarif = (await loadFormatter('sarif'))([result], { color: 0, version: '0.0.0-test' });
      process.stdout.write(JSON.stringify({ result, sarif }));`);
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual(JSON.parse(JSON.stringify({ result, sarif })));
  });
});
