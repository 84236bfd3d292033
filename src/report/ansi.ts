/**
 * The ANSI styles the stylish report uses, written as chalk writes them: open, text, close; a close of
 * the same style inside the text reopens it, and a line break closes and reopens, so every line stands
 * alone. chalk itself is not loaded: at import it detects the terminal (node:tty, node:os, and node:net
 * under them), ~5 ms of every start, while the colour level is decided in cli/options.ts anyway.
 * Held to chalk by ansi.test.ts.
 */
const CODES = {
  bold: [1, 22],
  dim: [2, 22],
  underline: [4, 24],
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
  blue: [34, 39],
} as const;

export type Paint = (text: string) => string;
export type Palette = Record<keyof typeof CODES, Paint>;

const unchanged: Paint = (text) => text;

/** Every style, or every style a no-op when colour is off. */
export function palette(color: boolean): Palette {
  const styles = Object.entries(CODES).map(([name, [open, close]]) => [name, color ? style(`\x1b[${open}m`, `\x1b[${close}m`) : unchanged]);
  return Object.fromEntries(styles) as Palette;
}

function style(open: string, close: string): Paint {
  return (text) => {
    if (text === '') return '';
    let body = text.includes('\x1b') ? text.replaceAll(close, close + open) : text;
    if (body.includes('\n')) body = body.replace(/\r?\n/g, (lineBreak) => close + lineBreak + open);
    return open + body + close;
  };
}
