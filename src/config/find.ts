import { dirname, join, resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { readRegularFile, statIfPresent } from '../services/files.js';
import { CONFIG_NAMES, ConfigError, parseConfigBytes, type Config } from './config.js';

/**
 * Finds each manifest's configuration by walking up from its folder, as ESLint's flat config and
 * Spectral do; caches per folder and per file, so a thousand manifests read each config once.
 *
 * A configuration found by walking up can come in a pull request, so it is not read through a symbolic
 * link (which could point at any file on the runner): the run stops instead, since passing over it
 * would silently change severities. One named with --config is read as named, links followed.
 */
export function createConfigFinder() {
  const byDirectory = new Map<string, Promise<Config | undefined>>();
  // Apart: a file named with --config (links followed) is not the same read as one found (links refused).
  const named = new Map<string, Promise<Config>>();
  const found = new Map<string, Promise<Config>>();

  const load = (path: string, followLinks: boolean): Promise<Config> => {
    const cache = followLinks ? named : found;
    let config = cache.get(path);
    if (!config) {
      config = (async () => {
        let bytes;
        try {
          // Bounded like a manifest: the configuration can come in the same pull request.
          bytes = readRegularFile(path, { followLinks });
        } catch (error) {
          const { code, message } = error as NodeJS.ErrnoException;
          // ELOOP under O_NOFOLLOW: a link put in the file's place since the walk looked at it.
          if (!followLinks && code === 'ELOOP') throw linkRefused(path);
          throw new UsageError(`cannot read configuration '${path}': ${code === 'ENOENT' ? 'no such file' : message}`);
        }
        return parseConfigBytes(bytes, path);
      })();
      cache.set(path, config);
    }
    return config;
  };

  const find = (directory: string): Promise<Config | undefined> => {
    let config = byDirectory.get(directory);
    if (!config) {
      config = (async () => {
        for (const name of CONFIG_NAMES) {
          const path = join(directory, name);
          const entry = statIfPresent(path, { followLinks: false });
          if (entry?.isSymbolicLink()) throw linkRefused(path);
          // Anything else by that name is the configuration: a FIFO or a folder is refused when read, not passed over.
          if (entry) return load(path, false);
        }
        const parent = dirname(directory);
        return parent === directory ? undefined : find(parent);
      })();
      byDirectory.set(directory, config);
    }
    return config;
  };

  return {
    /** The configuration named by --config. */
    explicit: (path: string) => load(resolve(path), true),
    /** The nearest configuration above a manifest (or above cwd for stdin). */
    forManifest: (manifestPath: string) => find(dirname(resolve(manifestPath))),
  };
}

/** Names the link only: what it points to is neither read nor shown. */
function linkRefused(path: string): UsageError {
  return new UsageError(
    `configuration '${path}' is a symbolic link: a configuration found by walking up is not read through one; ` +
      'put the file itself there, or name it with --config <path> to read it on purpose',
  );
}

export { ConfigError };
