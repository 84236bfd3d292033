import { spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { bin, binaryEnv, manifestWithTypo, root, scratchDir, STACK_TRACE } from '../test-support/cli.js';

// serve as a user runs it: the built binary (npm test builds first), on 127.0.0.1 only.

const children: ReturnType<typeof spawn>[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

/** Starts serve; resolves with its banner once it listens, or with what it printed when it exits first. */
function startServe(args: string[], cwd = root) {
  const child = spawn(process.execPath, [bin, 'serve', ...args], { cwd, env: binaryEnv() });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const ready = new Promise<{ listening: boolean; code?: number | null }>((resolve) => {
    child.stderr.on('data', () => /listening/.test(stderr) && resolve({ listening: true }));
    child.once('exit', (code) => resolve({ listening: false, code }));
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, ready, exited, output: () => ({ stdout, stderr }) };
}

/** Waits for the server's log to show what a test just did (the line is written when the response ends). */
async function until(done: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !done(); i++) await new Promise((resolve) => setTimeout(resolve, 20));
}

describe('pleo-register serve', () => {
  it('on the example manifest: prints a working issuer, the discovery URL and the client id; stops on SIGINT', async () => {
    const serve = startServe(['example/pleo-client.yaml', '--port', '0', '--log-format', 'json']);
    expect((await serve.ready).listening).toBe(true);
    const { stderr } = serve.output();
    const issuer = /issuer\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(stderr)![1]!;
    expect(stderr).toMatch(/client id\s+local-acme-books/);
    expect(stderr).toMatch(/client secret\s+[A-Za-z0-9_-]{32}\s/);
    expect(stderr).not.toContain('oidc-provider WARNING');
    const discovery = await (await fetch(`${issuer}/.well-known/openid-configuration`)).json();
    expect(discovery.issuer).toBe(issuer);
    expect(discovery.authorization_endpoint).toBe(`${issuer}/auth`);
    expect(discovery.code_challenge_methods_supported).toEqual(['S256']);
    const unregistered = await fetch(`${issuer}/auth?client_id=local-acme-books&response_type=code&redirect_uri=https://evil.example/cb&scope=export-jobs:read`, { redirect: 'manual' });
    expect(unregistered.status).toBe(400);
    await until(() => serve.output().stdout.trim().split('\n').length >= 2);
    const lines = serve.output().stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(lines[0]).toMatchObject({ endpoint: 'discovery', outcome: 'ok', status: 200 });
    expect(lines[1]).toMatchObject({ endpoint: 'authorization', outcome: 'refused', reason: 'redirect-uri-not-registered', line: 19 });
    serve.child.kill('SIGINT');
    expect(await serve.exited).toBe(0);
  });

  it('text log lines name the manifest line', async () => {
    const serve = startServe(['example/pleo-client.yaml', '--port', '0', '--client-secret', 'a-fixed-secret-1234']);
    expect((await serve.ready).listening).toBe(true);
    expect(serve.output().stderr).toContain('as given with --client-secret (a-fi…(19 chars))');
    const issuer = /issuer\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(serve.output().stderr)![1]!;
    await fetch(`${issuer}/auth?client_id=local-acme-books&response_type=code&redirect_uri=https://app.acme-books.io/oauth/pleo/callback/&scope=export-jobs:read`, { redirect: 'manual' });
    await until(() => serve.output().stdout.includes('/auth'));
    expect(serve.output().stdout).toMatch(
      /GET \/auth 400 {2}refused {2}redirect-uri-not-registered {2}redirect_uri "https:\/\/app\.acme-books\.io\/oauth\/pleo\/callback\/" is not registered; closest registered: "https:\/\/app\.acme-books\.io\/oauth\/pleo\/callback" \(differs by a trailing slash\) \(example\/pleo-client\.yaml:20\)/,
    );
    serve.child.kill('SIGTERM');
    expect(await serve.exited).toBe(0);
  });

  it("runs the example of docs/serve.md: serve --auto-approve, then the example client's flow and refresh", async () => {
    const serve = startServe(['fixtures/serve/confidential.yaml', '--port', '0', '--auto-approve', '--client-secret', 'local-dev-secret']);
    expect((await serve.ready).listening).toBe(true);
    const issuer = /issuer\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(serve.output().stderr)![1]!;
    const client = spawn(process.execPath, ['fixtures/serve/example-client.mjs', issuer, 'local-acme-books', 'local-dev-secret'], { cwd: root, env: binaryEnv() });
    let out = '';
    let err = '';
    client.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    client.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    const code = await new Promise((resolve) => client.once('exit', resolve));
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toContain('redirected   to http://127.0.0.1:8765/oauth/callback with a code and our state');
    expect(out).toMatch(/scope "export-jobs:read export-items:read"/);
    expect(out).toContain('(rotated: true)');
    serve.child.kill('SIGINT');
    expect(await serve.exited).toBe(0);
  });

  it('refuses to start on lint errors: exit 1, with the report', async () => {
    const dir = scratchDir({ 'pleo-client.yaml': manifestWithTypo });
    const serve = startServe(['--port', '0'], dir);
    const ready = await serve.ready;
    expect(ready).toEqual({ listening: false, code: 1 });
    expect(serve.output().stdout).toContain('schema');
    expect(serve.output().stderr).toContain('no server was started');
  });

  it('a port in use: exit 2, one line', async () => {
    const { createServer } = await import('node:net');
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = String((taken.address() as { port: number }).port);
    const serve = startServe(['example/pleo-client.yaml', '--port', port]);
    expect(await serve.ready).toEqual({ listening: false, code: 2 });
    expect(serve.output().stderr).toBe(`pleo-register: cannot listen on 127.0.0.1:${port} (in use); choose another with --port (0: any free port)\n`);
    taken.close();
  });

  it.each([
    ['a bad port', ['--port', 'abc']],
    ['a bad log format', ['--log-format', 'xml']],
    ['a missing manifest', ['no-such.yaml']],
    ['stdin', ['-']],
  ])('%s: exit 2, one line, no stack trace', (_name, args) => {
    const result = spawnSync(process.execPath, [bin, 'serve', ...args], { cwd: root, env: binaryEnv(), encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).not.toMatch(STACK_TRACE);
  });
});

describe('an offline lint loads nothing of the server', () => {
  // A module hook that fails any import of oidc-provider or koa: lint must not notice it; serve must.
  const dir = scratchDir();
  const hook = join(dir, 'hook.mjs');
  writeFileSync(
    hook,
    `import { register } from 'node:module';\n` +
      `register('data:text/javascript,' + encodeURIComponent("export async function resolve(s, c, next) { if (/^(oidc-provider|koa)(\\\\/|$)/.test(s)) throw new Error('SERVER-LOADED ' + s); return next(s, c); }"));\n`,
  );
  const run = (args: string[]) => spawnSync(process.execPath, ['--import', pathToFileURL(hook).href, bin, ...args], { cwd: root, env: binaryEnv(), encoding: 'utf8', timeout: 30_000 });

  it('lint --offline runs with oidc-provider unloadable', () => {
    const result = run(['lint', '--offline', 'example/pleo-client.yaml']);
    expect(result.stderr).not.toContain('SERVER-LOADED');
    expect(result.status).toBe(0);
  });

  it('serve does load it (the hook works)', () => {
    const result = run(['serve', 'example/pleo-client.yaml', '--port', '0']);
    expect(result.stderr).toContain('SERVER-LOADED oidc-provider');
    expect(result.status).toBe(2);
  });
});
