import type { SourceRange } from '../diagnostics.js';

export interface FramePaint {
  gutter(text: string): string;
  marker(text: string): string;
}

const plain: FramePaint = { gutter: (t) => t, marker: (t) => t };
const MAX_WIDTH = 160;

/**
 * The line a problem is on, with the line before it for context, and its span underlined:
 *
 *     12 |   - https://app.acme-books.io/callback
 *   > 13 |   - http://app.acme-books.io/callback
 *        |     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
 */
export function codeFrame(source: string, range: SourceRange, paint: FramePaint = plain): string {
  const lines = linesOf(source);
  const target = lines[range.line - 1];
  if (target === undefined || source === '') return '';
  const width = String(range.line).length;
  const rows: string[] = [];
  const before = lines[range.line - 2];
  if (range.line > 1 && before !== undefined && before.trim() !== '') {
    rows.push(paint.gutter(`    ${String(range.line - 1).padStart(width)} | `) + printable(before));
  }
  rows.push(paint.marker('  > ') + paint.gutter(`${String(range.line).padStart(width)} | `) + printable(target));
  const start = Math.min(range.column - 1, target.length);
  const end = range.endLine === range.line ? Math.max(range.endColumn - 1, start + 1) : Math.max(target.length, start + 1);
  const visibleStart = Math.min(start, MAX_WIDTH);
  const length = Math.max(1, Math.min(end, MAX_WIDTH) - visibleStart);
  rows.push(paint.gutter(`    ${' '.repeat(width)} | `) + ' '.repeat(visibleStart) + paint.marker('^'.repeat(length)));
  return rows.join('\n');
}

/**
 * The lines of the last source framed: a report frames every problem of a file from the same source, and
 * splitting it again for each (10,000 redirect URIs) made stylish quadratic.
 */
let last: { source: string; lines: string[] } | undefined;
function linesOf(source: string): string[] {
  if (last?.source !== source) last = { source, lines: source.split(/\r?\n/) };
  return last.lines;
}

/** Clips a long line and replaces control and invisible characters one for one, so columns stay true. */
function printable(line: string): string {
  const clipped = line.length > MAX_WIDTH ? line.slice(0, MAX_WIDTH) + '…' : line;
  return clipped.replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, (c) => '�'.repeat(c.length));
}
