import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { palette } from './ansi.js';

const chalk = new Chalk({ level: 1 });
const paint = palette(true);
const texts = ['plain', '', 'two\nlines', 'crlf\r\nend', `a ${chalk.red('red')} b`, `x ${chalk.dim('dim')} ${chalk.bold('bold')} y`, '\n', 'é ✖ ⚠'];

describe('palette', () => {
  it.each(texts)('writes %j as chalk does, for every style', (text) => {
    for (const name of ['bold', 'dim', 'underline', 'red', 'green', 'yellow', 'blue'] as const) {
      expect(paint[name](text)).toBe(chalk[name](text));
    }
  });

  it.each(texts)('writes %j as chalk does for two styles at once', (text) => {
    expect(paint.red(paint.bold(text))).toBe(chalk.red.bold(text));
    expect(paint.yellow(paint.bold(text))).toBe(chalk.yellow.bold(text));
    expect(paint.blue(paint.dim(text))).toBe(chalk.blue.dim(text));
  });

  it('leaves text alone when colour is off', () => {
    const off = palette(false);
    for (const text of texts) expect(off.red(off.bold(text))).toBe(text);
  });
});
