import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UsageError } from '../errors.js';
import { MAX_MANIFEST_BYTES } from '../manifest/parse.js';
import { readRegularFile } from '../services/files.js';
import { createConfigFinder } from './find.js';

// work/
//   outside/secret.yaml    what the runner holds beside the checkout (a configuration that would parse, with a secret)
//   outside/not-yaml.txt   not a configuration: the parse error would quote its content
//   repo/…                 one folder per case, each with a manifest's folder below it
const work = mkdtempSync(join(tmpdir(), 'pleo-config-find-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const SECRET = 'RUNNER_SECRET_TOKEN';
mkdirSync(join(work, 'outside'));
writeFileSync(join(work, 'outside/secret.yaml'), `rules:\n  schema: off\n# ${SECRET}=hunter2\n`);
writeFileSync(join(work, 'outside/not-yaml.txt'), `${SECRET}: hunter2\n`);

const unix = process.platform !== 'win32';

/** A folder under repo/ that `make` fills, with app/ below it; the path of the manifest there. */
function repo(name: string, make: (dir: string) => void): string {
  const dir = join(work, 'repo', name);
  mkdirSync(join(dir, 'app'), { recursive: true });
  make(dir);
  return join(dir, 'app/pleo-client.yaml');
}

describe('the nearest configuration', () => {
  it('is read when it is a regular file', async () => {
    const manifest = repo('regular', (dir) => writeFileSync(join(dir, '.pleo-register.yaml'), 'rules:\n  schema: warning\n'));
    const config = await createConfigFinder().forManifest(manifest);
    expect(config?.rules).toEqual({ schema: 'warning' });
  });

  it.runIf(unix).each([
    ['a file outside that would parse', 'parses', '../../outside/secret.yaml'],
    ['a file outside that would not parse', 'quoted', '../../outside/not-yaml.txt'],
    ['an absolute path', 'absolute', join(work, 'outside/secret.yaml')],
    ['nothing (a dangling link)', 'dangling', '../../outside/no-such-file.yaml'],
  ])('is not read through a symbolic link to %s: the run stops, naming the link, not what it points to', async (_, name, target) => {
    const manifest = repo(`link-${name}`, (dir) => symlinkSync(target, join(dir, '.pleo-register.yml')));
    const found = createConfigFinder().forManifest(manifest);
    await expect(found).rejects.toThrow(UsageError);
    const message = await found.then(() => '', (error: Error) => error.message);
    expect(message).toMatch(/^configuration '.*\/link-[^/]*\/\.pleo-register\.yml' is a symbolic link: a configuration found by walking up is not read through one/);
    expect(message).toContain('--config');
    expect(message).not.toContain(SECRET);
    expect(message).not.toContain('outside');
    expect(message).not.toMatch(/\n/);
  });

  it.runIf(unix)('is a link even when a regular configuration lies further up: the link is not passed over', async () => {
    const manifest = repo('link-below-regular', (dir) => {
      writeFileSync(join(dir, '.pleo-register.yaml'), 'rules:\n  schema: warning\n');
      symlinkSync('../../../outside/secret.yaml', join(dir, 'app/.pleo-register.yaml'));
    });
    await expect(createConfigFinder().forManifest(manifest)).rejects.toThrow(/is a symbolic link/);
  });

  it.runIf(unix)('that is a FIFO stops the run at once instead of waiting for a writer', async () => {
    const manifest = repo('fifo', (dir) => execFileSync('mkfifo', [join(dir, '.pleo-register.yaml')]));
    await expect(createConfigFinder().forManifest(manifest)).rejects.toThrow(/^cannot read configuration '.*\/fifo\/\.pleo-register\.yaml': it is a named pipe \(FIFO\), not a regular file$/);
  }, 5_000);
});

describe('--config (explicit)', () => {
  it.runIf(unix)('follows a symbolic link: the user named the file', async () => {
    const dir = join(work, 'explicit');
    mkdirSync(dir);
    symlinkSync('../outside/secret.yaml', join(dir, 'shared.yaml'));
    const config = await createConfigFinder().explicit(join(dir, 'shared.yaml'));
    expect(config.rules).toEqual({ schema: 'off' });
  });

  it.runIf(unix)('through a link and the same file found by walking up are told apart, whichever comes first', async () => {
    const manifest = repo('explicit-then-found', (dir) => symlinkSync('../../outside/secret.yaml', join(dir, '.pleo-register.yaml')));
    const configs = createConfigFinder();
    const link = join(work, 'repo/explicit-then-found/.pleo-register.yaml');
    expect((await configs.explicit(link)).rules).toEqual({ schema: 'off' });
    await expect(configs.forManifest(manifest)).rejects.toThrow(/is a symbolic link/);
  });
});

// The walk looks at the entry (lstat) before it opens it; these cover a link or a FIFO put there in between.
describe('readRegularFile without following links', () => {
  const readWithoutFollowingLinks = (path: string) => readRegularFile(path, { followLinks: false });
  it.runIf(unix)('refuses a symbolic link (O_NOFOLLOW) without reading its target', () => {
    const link = join(work, 'swapped-link.yaml');
    symlinkSync(join(work, 'outside/secret.yaml'), link);
    expect(() => readWithoutFollowingLinks(link)).toThrow(expect.objectContaining({ code: 'ELOOP' }));
  });

  it.runIf(unix)('refuses a FIFO without waiting for a writer', () => {
    const fifo = join(work, 'swapped-fifo.yaml');
    execFileSync('mkfifo', [fifo]);
    expect(() => readWithoutFollowingLinks(fifo)).toThrow('it is a named pipe (FIFO), not a regular file');
  }, 5_000);

  it('reads a regular file to one byte past the manifest limit', () => {
    const big = join(work, 'big.yaml');
    writeFileSync(big, 'x'.repeat(3 * MAX_MANIFEST_BYTES));
    expect(readWithoutFollowingLinks(big).length).toBe(MAX_MANIFEST_BYTES + 1);
  });
});
