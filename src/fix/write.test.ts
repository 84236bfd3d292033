import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFixedManifest } from './write.js';

/** repo/ with a manifest of each kind, and outside/ beside it. */
function layout() {
  const dir = mkdtempSync(join(tmpdir(), 'pleo-register-write-'));
  const repo = join(dir, 'repo');
  const outside = join(dir, 'outside');
  mkdirSync(repo);
  mkdirSync(join(outside, 'app'), { recursive: true });
  writeFileSync(join(repo, 'pleo-client.yaml'), 'old\n');
  writeFileSync(join(outside, 'pleo-client.yaml'), 'old\n');
  writeFileSync(join(outside, 'app', 'pleo-client.yaml'), 'old\n');
  symlinkSync(join(outside, 'pleo-client.yaml'), join(repo, 'pleo-client.staging.yaml'));
  symlinkSync(join(outside, 'app'), join(repo, 'app'));
  return { repo, outside };
}

describe.skipIf(process.platform === 'win32')('writeFixedManifest', () => {
  it('replaces a regular file with a new one (a rename, not a rewrite in place) and leaves no temporary file', () => {
    const { repo } = layout();
    const path = join(repo, 'pleo-client.yaml');
    const inode = statSync(path).ino;
    writeFixedManifest({ file: 'pleo-client.yaml', path, root: repo }, 'new\n', { throughSymlinks: false });
    expect(readFileSync(path, 'utf8')).toBe('new\n');
    expect(statSync(path).ino).not.toBe(inode);
    expect(readdirSync(repo).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it.each([
    ['a symbolic link', 'pleo-client.staging.yaml', 'pleo-client.yaml', "--fix does not write through the symbolic link 'x'; fix the file it points to, or give --fix-through-symlinks"],
    ['a file in a linked folder outside the root', 'app/pleo-client.yaml', 'app/pleo-client.yaml', /^--fix does not write outside '.*\/repo': 'x' is in .*\/outside\/app; give --fix-through-symlinks to allow it$/],
  ])('refuses %s and leaves the target alone; --fix-through-symlinks writes it', (_, name, target, message) => {
    const { repo, outside } = layout();
    const manifest = { file: 'x', path: join(repo, name), root: repo };
    expect(() => writeFixedManifest(manifest, 'new\n', { throughSymlinks: false })).toThrow(message);
    expect(readFileSync(join(outside, target), 'utf8')).toBe('old\n');
    writeFixedManifest(manifest, 'new\n', { throughSymlinks: true });
    expect(readFileSync(join(outside, target), 'utf8')).toBe('new\n');
    expect(lstatSync(join(repo, name.split('/')[0]!)).isSymbolicLink()).toBe(true);
  });
});
