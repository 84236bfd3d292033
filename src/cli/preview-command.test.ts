import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import sharp from 'sharp';
import { describe, expect, it, vi } from 'vitest';
import { root, scratchDir, validManifest } from '../test-support/cli.js';
import { composeConsentScreen } from '../preview/index.js';
import { preparePreview, runPreview } from './preview-command.js';

// The real logo loader, with a hook run once after it has inspected a logo: a test swaps the file there,
// as a process racing the preview could, between the inspection and the drawing.
const afterLogoInspected = vi.hoisted(() => ({ once: undefined as (() => void) | undefined }));
vi.mock('../logo/load.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../logo/load.js')>();
  return {
    ...real,
    createLogoLoader: (options: Parameters<typeof real.createLogoLoader>[0]) => {
      const load = real.createLogoLoader(options);
      return async (logo: unknown) => {
        const inspection = await load(logo);
        const hook = afterLogoInspected.once;
        afterLogoInspected.once = undefined;
        hook?.();
        return inspection;
      };
    },
  };
});

function io(cwd: string, stdin = '') {
  const out = { stdout: '', stderr: '' };
  return {
    out,
    io: {
      cwd,
      env: {},
      stdin: Readable.from([stdin]),
      stdout: { write: (text: string) => void (out.stdout += text) },
      stderr: { write: (text: string) => void (out.stderr += text) },
    },
  };
}

const valid = readFileSync(validManifest, 'utf8');

describe('pleo-register preview', () => {
  it('writes preview.png in the current folder by default, and names it in one line on stderr', async () => {
    const dir = scratchDir({ 'pleo-client.yaml': valid });
    const run = io(dir);
    expect(await runPreview({}, '0.0.0-test', run.io)).toBe(0);
    expect(run.out).toEqual({ stdout: '', stderr: 'Wrote preview.png: the consent screen of pleo-client.yaml, no problems\n' });
    const meta = await sharp(readFileSync(join(dir, 'preview.png'))).metadata();
    expect(meta).toMatchObject({ format: 'png', width: 1200 });
  });

  it('exits 0 when lint finds problems: the picture shows them', async () => {
    const dir = scratchDir({ 'apps/web/pleo-client.yaml': valid.replace('pkce: S256', 'pkce: plain').replace('client_name: Acme Books', 'client_name: Acme Books for Pleo') });
    const run = io(dir);
    expect(await runPreview({ file: 'apps/web/pleo-client.yaml', out: 'out/consent.png' }, '0.0.0-test', run.io)).toBe(0);
    expect(run.out.stderr).toBe('Wrote out/consent.png: the consent screen of apps/web/pleo-client.yaml, 2 problems drawn as callouts\n');
    expect(existsSync(join(dir, 'out/consent.png'))).toBe(true);
  });

  it('exits 2 with one line when there is no manifest, more than one, or --out is a folder', async () => {
    const empty = io(scratchDir());
    expect(await runPreview({}, '0.0.0-test', empty.io)).toBe(2);
    expect(empty.out.stderr).toMatch(/^pleo-register: no pleo-client\.yaml in .*\n$/);

    const missing = io(scratchDir());
    expect(await runPreview({ file: 'nope.yaml' }, '0.0.0-test', missing.io)).toBe(2);
    expect(missing.out.stderr).toBe("pleo-register: cannot read 'nope.yaml': no such file\n");

    const two = io(scratchDir({ 'a/pleo-client.yaml': valid, 'b/pleo-client.yaml': valid }));
    expect(await runPreview({ file: '.' }, '0.0.0-test', two.io)).toBe(2);
    expect(two.out.stderr).toBe("pleo-register: preview draws one manifest, and '.' holds 2; name one of them\n");

    const dir = scratchDir({ 'pleo-client.yaml': valid });
    mkdirSync(join(dir, 'shots'));
    const folder = io(dir);
    expect(await runPreview({ out: 'shots' }, '0.0.0-test', folder.io)).toBe(2);
    expect(folder.out.stderr).toBe("pleo-register: --out 'shots' is a folder; name the PNG file to write\n");
  });

  it('draws a manifest that is not valid YAML (the problem is in the legend)', async () => {
    const dir = scratchDir({ 'pleo-client.yaml': 'client_name: [Acme\n' });
    const run = io(dir);
    expect(await runPreview({}, '0.0.0-test', run.io)).toBe(0);
    expect(run.out.stderr).toMatch(/, 1 problem drawn as callouts\n$/);
  });

  it('reads stdin with "-", resolving a relative logo against the current folder', async () => {
    const dir = scratchDir({ 'pleo-client.yaml': valid });
    const { input } = await preparePreview({ file: '-' }, '0.0.0-test', io(dir, valid).io);
    expect(input.logo?.bytes?.length).toBeGreaterThan(0);
    expect(input.problems).toEqual([]);
  });

  it('masks secrets in what it draws, as lint masks them in its report', async () => {
    const token = 'ghp_' + 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8';
    const dir = scratchDir({ 'pleo-client.yaml': valid.replace('https://acme-books.io/legal/terms', `https://acme-books.io/legal/terms?access_token=${token}`) });
    const { input } = await preparePreview({}, '0.0.0-test', io(dir).io);
    expect(input.problems.map((p) => p.ruleId)).toContain('no-secrets');
    expect(JSON.stringify(input.data)).not.toContain(token);
    const { svg } = await composeConsentScreen(input);
    expect(svg).not.toContain(token);
    expect(svg).not.toContain(token.slice(8));
  });

  it('offline, a URL logo is not fetched: a placeholder, and no logo problems', async () => {
    const dir = scratchDir({ 'pleo-client.yaml': valid.replace('./brand/logo.png', 'https://acme-books.io/logo.png') });
    const { input } = await preparePreview({ offline: true }, '0.0.0-test', io(dir).io);
    expect(input.logo).toEqual({ unavailable: 'URL not fetched' });
    expect(input.skipped?.filter((s) => s.ruleId.startsWith('logo-')).length).toBe(5);
  });

  it('fetches an https logo only through the guarded client: a private address is refused before connecting', async () => {
    const dir = scratchDir({ 'pleo-client.yaml': valid.replace('./brand/logo.png', 'https://127.0.0.1/logo.png') });
    const { input } = await preparePreview({}, '0.0.0-test', io(dir).io);
    expect(input.logo).toEqual({ unavailable: 'could not be fetched' });
    const logoProblems = input.problems.filter((p) => p.path === '/logo').map((p) => p.ruleId);
    expect(logoProblems).toEqual(expect.arrayContaining(['logo-readable', 'uri-public-host']));
    expect(input.problems.find((p) => p.ruleId === 'logo-readable')!.message).toMatch(/127\.0\.0\.1.*refused/);
    // The links were not checked: only the logo rules ran online.
    expect(input.skipped?.map((s) => s.ruleId)).toEqual(['uri-reachable', 'redirect-uri-reachable']);
  });

  it('uses the nearest .pleo-register.yaml: its severities and its scopes', async () => {
    const dir = scratchDir({
      'pleo-client.yaml': valid.replace('  - export-items:read', '  - expenses:read'),
      '.pleo-register.yaml': 'rules:\n  scope-known: off\nscopes:\n  - scope: expenses:read\n    status: documented\n    description: Read expenses\n',
    });
    const { input } = await preparePreview({}, '0.0.0-test', io(dir).io);
    expect(input.catalogue.entries.get('expenses:read')?.description).toBe('Read expenses');
    const { svg } = await composeConsentScreen(input);
    expect(svg).toContain('>Read expenses</text>');
  });

  it('shows a placeholder for a logo file that is missing, and one that does not decode', async () => {
    const dir = scratchDir({ 'pleo-client.yaml': valid.replace('./brand/logo.png', './brand/missing.png') });
    expect((await preparePreview({}, '0.0.0-test', io(dir).io)).input.logo).toEqual({ unavailable: 'file not found' });
    const broken = scratchDir({ 'pleo-client.yaml': valid });
    writeFileSync(join(broken, 'brand/logo.png'), readFileSync(join(root, 'fixtures/images/truncated.png')));
    expect((await preparePreview({}, '0.0.0-test', io(broken).io)).input.logo).toEqual({ unavailable: 'does not decode' });
  });

  it.runIf(process.platform !== 'win32').each([
    ['a symbolic link to an image outside the repository', (logo: string, outside: string) => (rmSync(logo), symlinkSync(outside, logo))],
    ['another image', (logo: string, outside: string) => writeFileSync(logo, readFileSync(outside))],
  ])('draws the logo bytes it inspected, even when the file is swapped for %s after the inspection', async (_, swap) => {
    const dir = scratchDir({ 'repo/.git/HEAD': 'ref: refs/heads/main\n', 'repo/pleo-client.yaml': valid });
    const logo = join(dir, 'repo/brand/logo.png');
    const outside = join(dir, 'outside.png');
    writeFileSync(outside, readFileSync(join(root, 'fixtures/images/logo-300x200.png')));
    const inspected = readFileSync(logo);
    expect(inspected.equals(readFileSync(outside))).toBe(false);
    afterLogoInspected.once = () => swap(logo, outside);
    const { input } = await preparePreview({ file: 'repo/pleo-client.yaml' }, '0.0.0-test', io(dir).io);
    expect(afterLogoInspected.once).toBeUndefined(); // the swap happened
    expect(input.logo?.format).toBe('png');
    expect(Buffer.from(input.logo!.bytes!).equals(inspected)).toBe(true);
  });
});
