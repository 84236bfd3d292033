/**
 * Keeps a local logo path inside the manifest's repository: the nearest enclosing folder holding
 * `.git` (a folder, or a file in worktrees and submodules), else the manifest's own folder. The
 * manifest arrives in pull requests, and a path that could leave the repository (`../../etc/…`, a
 * committed symbolic link to `/`) would make the report say whether any file on the runner exists
 * and what it is. So the path is resolved one component at a time, each symbolic link followed by
 * hand, and nothing outside the repository is ever looked at: not even whether it exists.
 */
import { existsSync, lstatSync, readlinkSync, realpathSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

export type Confined =
  /** The real path, inside the repository (symbolic links resolved). */
  | { kind: 'inside'; path: string }
  /** The path leads outside, as written or through a symbolic link; nothing outside was looked at. */
  | { kind: 'outside'; throughLink: boolean }
  /** A file-system error on the way (ENOENT, ENOTDIR, ELOOP, EACCES…), inside the repository. */
  | { kind: 'failed'; error: unknown };

/** Symbolic links followed at most, as the kernel's own limit (ELOOP). */
const MAX_LINKS = 40;

export function confineToRepository(manifestDir: string, logo: string): Confined {
  let start: string;
  try {
    start = realpathSync(manifestDir);
  } catch (error) {
    return { kind: 'failed', error };
  }
  const root = repositoryRoot(start);
  const target = resolve(start, logo);
  if (!isWithin(root, target)) return { kind: 'outside', throughLink: false };
  const pending = relative(root, target).split(sep).filter((part) => part !== '');
  let current = root;
  let links = 0;
  while (pending.length > 0) {
    // Below the root, already normalised: no '.' or '..' is left to walk.
    const next = join(current, pending.shift()!);
    if (!isWithin(root, next)) return { kind: 'outside', throughLink: true };
    let isLink: boolean;
    try {
      isLink = lstatSync(next).isSymbolicLink();
    } catch (error) {
      return { kind: 'failed', error };
    }
    if (!isLink) {
      current = next;
      continue;
    }
    if (++links > MAX_LINKS) return { kind: 'failed', error: Object.assign(new Error('too many symbolic links'), { code: 'ELOOP' }) };
    let link: string;
    try {
      link = readlinkSync(next);
    } catch (error) {
      return { kind: 'failed', error };
    }
    // The link's target replaces it (relative to the link's folder, which is a real path), then the
    // walk starts again from the root, so every folder on the way is checked once more.
    const candidate = resolve(current, link, ...pending);
    if (!isWithin(root, candidate)) return { kind: 'outside', throughLink: true };
    pending.splice(0, pending.length, ...relative(root, candidate).split(sep).filter((piece) => piece !== ''));
    current = root;
  }
  return isWithin(root, current) ? { kind: 'inside', path: current } : { kind: 'outside', throughLink: links > 0 };
}

/** The nearest folder from `dir` up holding `.git`; `dir` itself when there is none. */
export function repositoryRoot(dir: string): string {
  for (let current = dir; ; current = dirname(current)) {
    if (existsSync(join(current, '.git'))) return current;
    if (dirname(current) === current) return dir;
  }
}

/** `path` is `root` or below it. */
function isWithin(root: string, path: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);
}
