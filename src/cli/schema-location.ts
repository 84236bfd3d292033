import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';

/**
 * What the `# yaml-language-server: $schema=…` modeline of a manifest in `manifestDir` points at: the
 * schema of the pleo-register that Node resolves from that folder (the one the project installed,
 * which an editor can read offline), as a path relative to the manifest; where none is installed, the
 * schema of this version on unpkg.
 */
export function schemaLocationFor(manifestDir: string, version: string): string {
  let packageJson: string | undefined;
  try {
    packageJson = createRequire(join(manifestDir, 'pleo-client.yaml')).resolve('pleo-register/package.json');
  } catch {
    // Not installed where the manifest is.
  }
  if (!packageJson) return `https://unpkg.com/pleo-register@${version}/schemas/pleo-client.schema.json`;
  const path = relative(manifestDir, join(dirname(packageJson), 'schemas', 'pleo-client.schema.json')).split(sep).join('/');
  return path.startsWith('../') ? path : `./${path}`;
}
