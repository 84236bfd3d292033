/**
 * The styles the stylish report uses. chalk draws them, loaded only when colour is on: a report to a
 * pipe or a file (most CI runs) never loads it, nor the terminal detection that comes with it. The
 * colour level itself is decided in cli/options.ts (--color, NO_COLOR, FORCE_COLOR, a terminal).
 */
export type Paint = (text: string) => string;
export type Palette = Record<'bold' | 'dim' | 'underline' | 'red' | 'green' | 'yellow' | 'blue', Paint>;
export type ColorLevel = 0 | 1 | 2 | 3;

const unchanged: Paint = (text) => text;

/** Every style a no-op. */
export const NO_COLOR: Palette = { bold: unchanged, dim: unchanged, underline: unchanged, red: unchanged, green: unchanged, yellow: unchanged, blue: unchanged };

/** The palette for a colour level: chalk's styles, or none at level 0. */
export async function loadPalette(level: ColorLevel): Promise<Palette> {
  if (level === 0) return NO_COLOR;
  const { Chalk } = await import('chalk');
  const chalk = new Chalk({ level });
  return { bold: chalk.bold, dim: chalk.dim, underline: chalk.underline, red: chalk.red, green: chalk.green, yellow: chalk.yellow, blue: chalk.blue };
}
