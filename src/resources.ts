import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// This module sits directly in src/ and dist/ (and is bundled into dist/pleo-register.cjs, which the
// CLI runs), so the package root, with schemas/ and package.json, is always one level up.

/** The folder the package is installed in. */
export const packageRoot = (): string => fileURLToPath(new URL('../', import.meta.url));

const shippedJson = new Map<string, unknown>();

/** Reads a JSON file of the package (package.json, or one shipped in schemas/), once. */
function readPackageJson(path: string): unknown {
  if (!shippedJson.has(path)) shippedJson.set(path, JSON.parse(readFileSync(join(packageRoot(), path), 'utf8')));
  return shippedJson.get(path);
}

export function packageVersion(): string {
  return (readPackageJson('package.json') as { version: string }).version;
}

export function loadShippedJson(name: 'pleo-client.schema.json' | 'scopes.json'): unknown {
  return readPackageJson(join('schemas', name));
}

/** Where the documentation is published: package.json's `homepage`, without its fragment. */
export function docsHome(): string {
  return (readPackageJson('package.json') as { homepage: string }).homepage.replace(/#.*$/, '');
}

/** A rule's section of the documentation (the README's `rule-<id>` anchor). */
export const ruleDocsUrl = (ruleId: string): string => `${docsHome()}#rule-${ruleId}`;

/** A section of the documentation, by its anchor. */
export const docsSectionUrl = (anchor: string): string => `${docsHome()}#${anchor}`;
