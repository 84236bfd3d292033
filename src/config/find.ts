import { dirname, join, resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { isFile, readRegularFile } from '../services/files.js';
import { CONFIG_NAMES, ConfigError, parseConfigBytes, type Config } from './config.js';

/**
 * Finds each manifest's configuration by walking up from its folder, as ESLint's flat config and
 * Spectral do; caches per folder and per file, so a thousand manifests read each config once.
 */
export function createConfigFinder() {
  const byDirectory = new Map<string, Promise<Config | undefined>>();
  const byFile = new Map<string, Promise<Config>>();

  const load = (path: string): Promise<Config> => {
    let config = byFile.get(path);
    if (!config) {
      config = (async () => {
        let bytes;
        try {
          // Bounded like a manifest: the configuration can come in the same pull request.
          bytes = readRegularFile(path);
        } catch (error) {
          const { code, message } = error as NodeJS.ErrnoException;
          throw new UsageError(`cannot read configuration '${path}': ${code === 'ENOENT' ? 'no such file' : message}`);
        }
        return parseConfigBytes(bytes, path);
      })();
      byFile.set(path, config);
    }
    return config;
  };

  const find = (directory: string): Promise<Config | undefined> => {
    let found = byDirectory.get(directory);
    if (!found) {
      found = (async () => {
        for (const name of CONFIG_NAMES) {
          const path = join(directory, name);
          if (isFile(path)) return load(path);
        }
        const parent = dirname(directory);
        return parent === directory ? undefined : find(parent);
      })();
      byDirectory.set(directory, found);
    }
    return found;
  };

  return {
    /** The configuration named by --config. */
    explicit: (path: string) => load(resolve(path)),
    /** The nearest configuration above a manifest (or above cwd for stdin). */
    forManifest: (manifestPath: string) => find(dirname(resolve(manifestPath))),
  };
}

export { ConfigError };
