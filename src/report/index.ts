import { loadPalette, type ColorLevel } from './ansi.js';
import type { Formatter } from './types.js';

/**
 * Every report format, loaded when asked for: a run that prints stylish never loads SARIF's
 * rule tables or node:crypto for fingerprints, and chalk only when the report is in colour.
 */
const loaders = {
  stylish: async (color: ColorLevel) => {
    const [{ stylishWith }, paint] = await Promise.all([import('./stylish.js'), loadPalette(color)]);
    return stylishWith(paint);
  },
  json: async () => (await import('./json.js')).json,
  sarif: async () => (await import('./sarif.js')).sarif,
  junit: async () => (await import('./junit.js')).junit,
  github: async () => (await import('./github.js')).github,
  gitlab: async () => (await import('./gitlab.js')).gitlab,
} satisfies Record<string, (color: ColorLevel) => Promise<Formatter>>;

export type FormatName = keyof typeof loaders;
export const FORMAT_NAMES = Object.keys(loaders) as FormatName[];

/** The format's formatter; `color` is the colour level of the formats that colour (stylish). */
export function loadFormatter(name: FormatName, color: ColorLevel = 0): Promise<Formatter> {
  return loaders[name](color);
}
