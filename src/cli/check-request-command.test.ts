import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bin, binaryEnv, root, STACK_TRACE } from '../test-support/cli.js';

// check-request as a user runs it: the built binary (npm test builds first). No network.

const manifest = join(root, 'fixtures/serve/confidential.yaml');
const CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';

function authorizationUrl(changes: Record<string, string | null> = {}): string {
  const url = new URL('https://app.pleo.io/oauth/authorize');
  const params: Record<string, string | null> = {
    client_id: 'acme',
    response_type: 'code',
    redirect_uri: 'http://127.0.0.1:8765/oauth/callback',
    scope: 'export-jobs:read',
    state: 'a-state-of-sixteen-or-more',
    code_challenge: CHALLENGE,
    code_challenge_method: 'S256',
    ...changes,
  };
  for (const [key, value] of Object.entries(params)) if (value !== null) url.searchParams.set(key, value);
  return url.href;
}

function run(args: string[]) {
  const result = spawnSync(process.execPath, [bin, 'check-request', ...args], { cwd: root, env: binaryEnv(), encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('pleo-register check-request', () => {
  it('passes a good request: exit 0', () => {
    const result = run([authorizationUrl(), manifest]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
  });

  it('reports a refusal with its reason and the manifest line: exit 1', () => {
    const result = run([authorizationUrl({ redirect_uri: 'http://127.0.0.1:8765/oauth/callback/' }), manifest]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('19:5');
    expect(result.stdout).toContain('closest registered: "http://127.0.0.1:8765/oauth/callback" (differs by a trailing slash)');
    expect(result.stdout).toContain('redirect-uri-not-registered');
  });

  it('gives every reason in the JSON report', () => {
    const url = authorizationUrl({ state: 'short', code_challenge_method: 'plain', scope: 'vendors:write', response_type: 'token' });
    const result = run([url, manifest, '--format', 'json']);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    const ids = report.results[0].problems.map((p: { ruleId: string }) => p.ruleId).sort();
    expect(ids).toEqual(['pkce-plain', 'response-type', 'scope-not-registered', 'state-short']);
    expect(report.results[0].problems.find((p: { ruleId: string }) => p.ruleId === 'state-short').severity).toBe('warning');
  });

  it.each(['stylish', 'json', 'sarif', 'junit', 'github', 'gitlab'])('prints the %s format', (format) => {
    const result = run([authorizationUrl({ state: null }), manifest, '-f', format]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('state-missing');
  });

  it('exits 0 on warnings alone, 1 past --max-warnings', () => {
    const url = authorizationUrl({ state: 'short' });
    expect(run([url, manifest]).code).toBe(0);
    expect(run([url, manifest, '--max-warnings', '0']).code).toBe(1);
  });

  it('checks the client id only when given one', () => {
    expect(run([authorizationUrl(), manifest, '--client-id', 'acme']).code).toBe(0);
    const result = run([authorizationUrl(), manifest, '--client-id', 'local-acme-books', '-f', 'json']);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('client-id-unknown');
  });

  it('masks a client secret found in the URL', () => {
    const secret = 'k8s9Wq2rT5vX7zA1bC3dE5fG';
    const result = run([authorizationUrl({ client_secret: secret }), manifest]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('client-secret-in-url');
    expect(result.stdout).not.toContain(secret);
  });

  it.each([
    ['not a URL', ['not a url', manifest]],
    ['a missing manifest', [authorizationUrl(), 'no-such-file.yaml']],
    ['one argument too many', [authorizationUrl(), manifest, 'extra.yaml']],
    ['no URL', []],
  ])('%s: exit 2, one line, no stack trace', (_name, args) => {
    const result = run(args);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^pleo-register: /);
    expect(result.stderr).not.toMatch(STACK_TRACE);
  });
});
