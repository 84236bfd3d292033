import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { manifestWithTypo, scratchDir, validManifest } from '../test-support/cli.js';
import { runExport, type ExportOptions } from './export-command.js';
import { UsageError } from '../errors.js';

const valid = readFileSync(validManifest, 'utf8');

async function exportIn(dir: string, options: Partial<ExportOptions> = {}, stdin = '') {
  const out: string[] = [];
  const err: string[] = [];
  const io = {
    cwd: dir,
    env: {},
    stdin: Readable.from(stdin ? [Buffer.from(stdin)] : []),
    stdout: { write: (text: string) => out.push(text) },
    stderr: { write: (text: string) => err.push(text) },
  };
  const code = await runExport({ as: 'form', force: false, ...options }, '0.1.0', io);
  return { code, stdout: out.join(''), stderr: err.join('') };
}

describe('runExport (pleo-register export)', () => {
  it('prints the form of ./pleo-client.yaml on stdout, nothing on stderr', async () => {
    const result = await exportIn(scratchDir({ 'pleo-client.yaml': valid }));
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/^Pleo Developer Partner Registration — Production\n/);
    expect(result.stdout).toContain('Client Name:\nAcme Books\n');
  });

  it('--as dcr prints JSON alone on stdout and the notes as // note lines on stderr', async () => {
    const result = await exportIn(scratchDir({ 'apps/web/pleo-client.yaml': valid }), { file: 'apps/web/pleo-client.yaml', as: 'dcr' });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ client_name: 'Acme Books', token_endpoint_auth_method: 'client_secret_basic' });
    expect(result.stderr).toBe('// note: logo "./brand/logo.png" is a file, and RFC 7591 carries a logo only as a URL (logo_uri): publish the image at an https URL and add logo_uri, or send the file with the registration.\n');
  });

  it('refuses a manifest with lint errors: the report and one line about --force on stderr, exit 1', async () => {
    const result = await exportIn(scratchDir({ 'pleo-client.yaml': manifestWithTypo }));
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('redirect_uri');
    expect(result.stderr).toContain('✖ 2 problems (2 errors, 0 warnings, 0 infos)');
    expect(result.stderr.trimEnd().split('\n').pop()).toBe('pleo-register: not exported: pleo-client.yaml has 2 errors; fix them, or pass --force to export anyway');
  });

  it('--force exports anyway, with the report on stderr', async () => {
    const result = await exportIn(scratchDir({ 'pleo-client.yaml': manifestWithTypo }), { as: 'dcr', force: true });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).not.toHaveProperty('redirect_uris');
    expect(result.stderr).toContain('pleo-register: exported despite 2 errors (--force)\n');
  });

  it('cannot export a file that is not YAML, even with --force', async () => {
    const result = await exportIn(scratchDir({ 'pleo-client.yaml': 'client_name: [unclosed\n' }), { force: true });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('yaml-syntax');
    expect(result.stderr).toContain("pleo-register: cannot export pleo-client.yaml: it is not a YAML mapping of the manifest's keys, even with --force\n");
  });

  it('exports the values --fix would write: trimmed, each list item once', async () => {
    const messy = valid.replace('tos_uri: https://acme-books.io/legal/terms', 'tos_uri: " https://acme-books.io/legal/terms"').replace('  - export-items:read', '  - export-items:read\n  - export-jobs:read');
    const dcr = await exportIn(scratchDir({ 'pleo-client.yaml': messy }), { as: 'dcr' });
    expect(dcr.code).toBe(0);
    expect(JSON.parse(dcr.stdout)).toMatchObject({ tos_uri: 'https://acme-books.io/legal/terms', scope: 'export-jobs:read export-items:read' });
    const form = await exportIn(scratchDir({ 'pleo-client.yaml': messy }));
    expect(form.stdout).toContain('https://acme-books.io/legal/terms\n');
    expect(form.stdout).not.toContain(' https://acme-books.io/legal/terms');
    expect(form.stdout.match(/export-jobs:read/g)).toHaveLength(1);
  });

  it('exports with warnings, and says how many', async () => {
    // One warning --fix cannot fix (the terms and the privacy policy on one page).
    const result = await exportIn(scratchDir({ 'pleo-client.yaml': valid.replace('policy_uri: https://acme-books.io/legal/privacy', 'policy_uri: https://acme-books.io/legal/terms') }));
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("pleo-register: 1 warning; 'pleo-register lint pleo-client.yaml' shows them\n");
  });

  it('follows the nearest .pleo-register.yaml: a rule turned off there does not stop the export', async () => {
    const branded = valid.replace('client_name: Acme Books', 'client_name: Acme Books for Pleo');
    expect((await exportIn(scratchDir({ 'pleo-client.yaml': branded }))).code).toBe(1);
    const dir = scratchDir({ 'pleo-client.yaml': branded, '.pleo-register.yaml': 'rules:\n  no-pleo-branding: off\n' });
    expect(await exportIn(dir)).toMatchObject({ code: 0, stderr: '' });
  });

  it('never uses the network: a logo URL is not fetched, and the JSON carries it as logo_uri', async () => {
    const withUrl = valid.replace('logo: ./brand/logo.png', 'logo: https://acme-books.io/brand/logo.png');
    const result = await exportIn(scratchDir({ 'pleo-client.yaml': withUrl }), { as: 'dcr' });
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(result.stdout).logo_uri).toBe('https://acme-books.io/brand/logo.png');
  });

  it('checks a local logo file as lint --offline does', async () => {
    const dir = scratchDir({ 'pleo-client.yaml': valid.replace('./brand/logo.png', './brand/missing.png') });
    const result = await exportIn(dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('logo-readable');
  });

  it('reads stdin with "-"', async () => {
    const dir = scratchDir({ 'pleo-client.yaml': valid });
    const result = await exportIn(dir, { file: '-', as: 'dcr' }, valid);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).client_name).toBe('Acme Books');
  });

  it('takes one manifest, in a format it knows', async () => {
    const dir = scratchDir({ 'a/pleo-client.yaml': valid, 'b/pleo-client.yaml': valid });
    await expect(exportIn(dir, { file: '.' })).rejects.toThrow(UsageError);
    await expect(exportIn(dir, { file: 'a/pleo-client.yaml', as: 'xml' as never })).rejects.toThrow("unknown export format 'xml'; choose form or dcr");
    await expect(exportIn(join(dir, 'nowhere'))).rejects.toThrow(UsageError);
  });
});
