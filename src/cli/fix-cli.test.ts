import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, scratchDir } from '../test-support/cli.js';

const messy = `environment: production
# Human-readable information
client_name: "Acme Books "
client_uri: HTTPS://Acme-Books.io:443/   # home page
logo: ./brand/logo.png
tos_uri: https://acme-books.io/legal/terms
policy_uri: https://acme-books.io/legal/privacy
contacts:
  - integrations@acme-books.io
initiation_uri: https://app.acme-books.io/pleo/connect
settings_uri: https://app.acme-books.io/pleo/settings
client_type: confidential
redirect_uris:
  - https://app.acme-books.io/oauth/pleo/callback
  - https://app.acme-books.io/oauth/pleo/callback   # pasted twice
scopes:
  - export:read        # the old name
  - export-items:read
pkce: S256
x-notes: "  keep my spaces  "
`;

const comments = (text: string) => text.split('\n').filter((line) => line.includes('#')).map((line) => line.slice(line.indexOf('#')));

describe('lint --fix and --fix-dry-run', () => {
  it('--fix-dry-run prints the diff, writes nothing, and reports what would remain', () => {
    const dir = scratchDir({ 'pleo-client.yaml': messy });
    const result = runCli(['lint', '--fix-dry-run'], { cwd: dir });
    expect(readFileSync(join(dir, 'pleo-client.yaml'), 'utf8')).toBe(messy);
    expect(result.stdout).toMatch(/^--- pleo-client\.yaml\n\+\+\+ pleo-client\.yaml\n@@ /);
    expect(result.stdout).toContain('\n-client_uri: HTTPS://Acme-Books.io:443/   # home page\n');
    expect(result.stdout).toContain('\n+client_uri: https://acme-books.io/   # home page\n');
    expect(result.stdout).toMatch(/✔ 1 file checked, no problems\n/);
    expect(result.stdout).toContain('+# yaml-language-server: $schema=');
  });

  it('--fix changes the file once, keeps every comment and the key order; a second --fix changes nothing', () => {
    const dir = scratchDir({ 'pleo-client.yaml': messy });
    const first = runCli(['lint', '--fix'], { cwd: dir });
    const fixed = readFileSync(join(dir, 'pleo-client.yaml'), 'utf8');
    expect(first.stderr).toMatch(/^pleo-register: \d+ fixes written to 1 file\n$/);
    expect(fixed).not.toBe(messy);
    expect(fixed).toContain('client_name: "Acme Books"');
    expect(fixed).toContain('  - export-jobs:read');
    expect(fixed.match(/oauth\/pleo\/callback/g)).toHaveLength(1);
    expect(fixed).toContain('x-notes: "  keep my spaces  "');
    for (const comment of comments(messy)) expect(fixed).toContain(comment);
    const keys = (text: string) => text.split('\n').filter((l) => /^[a-z_-]+:/.test(l)).map((l) => l.split(':')[0]);
    expect(keys(fixed)).toEqual(keys(messy));
    expect(first.code).toBe(0);

    const second = runCli(['lint', '--fix'], { cwd: dir });
    expect(second.stderr).toBe('pleo-register: 0 fixes written to 0 files\n');
    expect(readFileSync(join(dir, 'pleo-client.yaml'), 'utf8')).toBe(fixed);
  });

  it('refuses --fix on stdin and --fix with --fix-dry-run', () => {
    expect(runCli(['lint', '-', '--fix'], { input: messy })).toMatchObject({ code: 2, stderr: 'pleo-register: --fix cannot write back to stdin; use --fix-dry-run to see the changes\n' });
    expect(runCli(['lint', '-', '--fix', '--fix-dry-run'], { input: messy }).code).toBe(2);
  });
});
