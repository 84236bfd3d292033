import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { IMAGES, fakeRequest } from '../test-support/io-rule-tester.js';
import { SVG } from '../test-support/logo-images.js';
import { confineToRepository, repositoryRoot } from './confine.js';
import { createLogoLoader } from './load.js';

// work/
//   secret.txt, outside.svg, outside.png      what the runner holds beside the checkout
//   repo/.git/  repo/logo.png  repo/brand/logo.png
//   repo/app/   the manifest's folder, with symbolic links in and out
//   worktree/.git (a file)  worktree/app/
//   loose/app/  no repository: the manifest's folder is the limit
const work = mkdtempSync(join(tmpdir(), 'pleo-confine-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const png = readFileSync(join(IMAGES, 'logo-512.png'));
writeFileSync(join(work, 'secret.txt'), 'AWS_SECRET_ACCESS_KEY=…\n');
writeFileSync(join(work, 'outside.svg'), SVG.externalHref);
writeFileSync(join(work, 'outside.png'), png);
mkdirSync(join(work, 'repo/.git'), { recursive: true });
mkdirSync(join(work, 'repo/brand'), { recursive: true });
mkdirSync(join(work, 'repo/app'), { recursive: true });
writeFileSync(join(work, 'repo/logo.png'), png);
writeFileSync(join(work, 'repo/brand/logo.png'), png);
symlinkSync('../logo.png', join(work, 'repo/app/in.png'));
symlinkSync('../brand', join(work, 'repo/app/brand'));
symlinkSync('../../secret.txt', join(work, 'repo/app/out.png'));
symlinkSync('../../no-such-file.png', join(work, 'repo/app/out-missing.png'));
symlinkSync('/etc/passwd', join(work, 'repo/app/absolute.png'));
symlinkSync('../..', join(work, 'repo/app/up'));
symlinkSync('loop-b.png', join(work, 'repo/app/loop-a.png'));
symlinkSync('loop-a.png', join(work, 'repo/app/loop-b.png'));
mkdirSync(join(work, 'worktree/app'), { recursive: true });
writeFileSync(join(work, 'worktree/.git'), 'gitdir: ../repo/.git/worktrees/w\n');
writeFileSync(join(work, 'worktree/logo.png'), png);
mkdirSync(join(work, 'loose/app'), { recursive: true });
writeFileSync(join(work, 'loose/app/logo.png'), png);
writeFileSync(join(work, 'loose/logo.png'), png);

const load = (manifestDir: string, logo: string, allowOutside = false) =>
  createLogoLoader({ manifestDir: join(work, manifestDir), online: false, request: fakeRequest(), allowOutside })(logo);

describe('local logo paths stay inside the manifest\'s repository', () => {
  it.each([
    ['repo/app', '../logo.png'],
    ['repo/app', '../brand/logo.png'],
    ['repo/app', './in.png'],
    ['repo/app', 'brand/logo.png'],
    ['repo/app', '../../repo/logo.png'],
    ['repo/app', 'up/repo/logo.png'],
    ['worktree/app', '../logo.png'],
    ['loose/app', './logo.png'],
  ])('from %s, %s is read', async (dir, logo) => {
    expect(await load(dir, logo)).toMatchObject({ kind: 'image', format: 'png' });
  });

  it.each([
    ['repo/app', '../../secret.txt', 'as written'],
    ['repo/app', '../../no-such-file.png', 'as written'],
    ['repo/app', '../../outside.svg', 'as written'],
    ['repo/app', 'out.png', 'through a symbolic link'],
    ['repo/app', 'out-missing.png', 'through a symbolic link'],
    ['repo/app', 'absolute.png', 'through a symbolic link'],
    ['repo/app', 'up/secret.txt', 'through a symbolic link'],
    ['repo/app', 'up/outside.png', 'through a symbolic link'],
    ['worktree/app', '../../secret.txt', 'as written'],
    ['loose/app', '../logo.png', 'as written'],
  ])('from %s, %s is refused (%s), whatever is there', async (dir, logo, detail) => {
    expect(await load(dir, logo)).toEqual({ kind: 'unreadable', source: { kind: 'file', value: logo, fileName: logo.split('/').pop() }, reason: 'outside-repository', detail });
  });

  it('says the same of a file outside that exists and one that does not: no existence or type oracle', async () => {
    const secret = await load('repo/app', 'out.png');
    const missing = await load('repo/app', 'out-missing.png');
    expect({ ...secret, source: undefined }).toEqual({ ...missing, source: undefined });
  });

  it('quotes nothing of an SVG outside (its references stay unread)', async () => {
    expect(JSON.stringify(await load('repo/app', '../../outside.svg'))).not.toContain('169.254.169.254');
  });

  it('reads outside with --allow-outside-logo, as before', async () => {
    expect(await load('repo/app', '../../outside.png', true)).toMatchObject({ kind: 'image' });
    expect(await load('repo/app', 'out.png', true)).toMatchObject({ kind: 'not-an-image' });
    expect(await load('loose/app', '../logo.png', true)).toMatchObject({ kind: 'image' });
  });

  it('names a missing file and a symbolic-link loop inside the repository as before', async () => {
    expect(await load('repo/app', './nope.png')).toMatchObject({ reason: 'missing', detail: 'no such file' });
    expect(await load('repo/app', 'loop-a.png')).toMatchObject({ reason: 'read-failed', detail: 'too many symbolic links' });
  });
});

describe('repositoryRoot and confineToRepository', () => {
  it('finds the nearest folder holding .git, else the folder itself', () => {
    expect(repositoryRoot(join(work, 'repo/app'))).toBe(join(work, 'repo'));
    expect(repositoryRoot(join(work, 'worktree/app'))).toBe(join(work, 'worktree'));
    expect(repositoryRoot(join(work, 'loose/app'))).toBe(join(work, 'loose/app'));
  });

  it('returns the real path of a file reached through links', () => {
    expect(confineToRepository(join(work, 'repo/app'), 'in.png')).toEqual({ kind: 'inside', path: join(work, 'repo/logo.png') });
    expect(confineToRepository(join(work, 'repo/app'), 'brand/logo.png')).toEqual({ kind: 'inside', path: join(work, 'repo/brand/logo.png') });
  });
});
