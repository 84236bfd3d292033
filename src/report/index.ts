import type { Formatter } from './types.js';

/**
 * Every report format, loaded when asked for: a run that prints stylish never loads SARIF's
 * rule tables or node:crypto for fingerprints.
 */
const loaders = {
  stylish: async () => (await import('./stylish.js')).stylish,
  json: async () => (await import('./json.js')).json,
  sarif: async () => (await import('./sarif.js')).sarif,
  junit: async () => (await import('./junit.js')).junit,
  github: async () => (await import('./github.js')).github,
  gitlab: async () => (await import('./gitlab.js')).gitlab,
} satisfies Record<string, () => Promise<Formatter>>;

export type FormatName = keyof typeof loaders;
export const FORMAT_NAMES = Object.keys(loaders) as FormatName[];

export function loadFormatter(name: FormatName): Promise<Formatter> {
  return loaders[name]();
}
