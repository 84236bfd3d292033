// A unified diff of two texts, line by line, for `--fix-dry-run`. The shortest edit script comes from
// jsdiff (the `diff` package), a maintained Myers implementation, rather than our own. jsdiff's own
// `structuredPatch` is not used: of the equally short scripts it may pick one `diff -u` does not show
// (it neither sets the common tail aside first nor slides changes down), and its hunk headers always
// write `start,count`. So the search is jsdiff's, and the rest is as GNU diff does it.
import { diffArrays } from 'diff';

type DiffOp = { kind: 'equal' | 'delete' | 'insert'; line: string };

const CONTEXT = 3;

/**
 * `--- name` / `+++ name` headers and `@@ -l,s +l,s @@` hunks with 3 lines of context, as `diff -u`
 * writes them (`patch -p0` and `git apply -p0` take it); "" when the texts are equal. `\r\n` stays part
 * of the line, and a missing final line break is marked "\ No newline at end of file".
 */
export function unifiedDiff(oldText: string, newText: string, fileName: string): string {
  if (oldText === newText) return '';
  const split = (text: string) => (text === '' ? [] : text.split(/(?<=\n)/));
  const ops = diffLines(split(oldText), split(newText));
  // The 1-based line numbers of each op in the old and the new text.
  const oldLine: number[] = [];
  const newLine: number[] = [];
  let [a, b] = [1, 1];
  for (const op of ops) {
    oldLine.push(a);
    newLine.push(b);
    if (op.kind !== 'insert') a++;
    if (op.kind !== 'delete') b++;
  }
  const changes = ops.flatMap((op, i) => (op.kind === 'equal' ? [] : [i]));
  const out = [`--- ${fileName}`, `+++ ${fileName}`];
  for (let i = 0; i < changes.length; ) {
    // Changes with at most twice the context between them share a hunk.
    let j = i;
    while (j + 1 < changes.length && changes[j + 1]! - changes[j]! <= 2 * CONTEXT + 1) j++;
    const from = Math.max(0, changes[i]! - CONTEXT);
    const to = Math.min(ops.length, changes[j]! + CONTEXT + 1);
    const [oldEnd, newEnd] = to < ops.length ? [oldLine[to]!, newLine[to]!] : [a, b];
    out.push(`@@ -${range(oldLine[from]!, oldEnd - oldLine[from]!)} +${range(newLine[from]!, newEnd - newLine[from]!)} @@`);
    for (const { kind, line } of ops.slice(from, to)) {
      out.push((kind === 'equal' ? ' ' : kind === 'delete' ? '-' : '+') + line.replace(/\n$/, ''));
      if (!line.endsWith('\n')) out.push('\\ No newline at end of file');
    }
    i = j + 1;
  }
  return out.join('\n') + '\n';
}

/** A count of 1 is left out; an empty range starts at the line before it. */
function range(start: number, count: number): string {
  return count === 1 ? `${start}` : `${count === 0 ? start - 1 : start},${count}`;
}

/** A shortest edit script from `a` to `b`: common head and tail set aside, jsdiff's search in between. */
export function diffLines(a: readonly string[], b: readonly string[]): DiffOp[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let [endA, endB] = [a.length, b.length];
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) [endA, endB] = [endA - 1, endB - 1];
  const middle = diffArrays(a.slice(start, endA), b.slice(start, endB)).flatMap(({ added, removed, value }) =>
    value.map((line): DiffOp => ({ kind: added ? 'insert' : removed ? 'delete' : 'equal', line })),
  );
  const equal = (line: string): DiffOp => ({ kind: 'equal', line });
  return slideDown([...a.slice(0, start).map(equal), ...middle, ...a.slice(endA).map(equal)]);
}

/**
 * Moves each run of deletions (or insertions) as far down as the equal lines after it allow, as GNU
 * diff does: of two equal lines, the second is the one shown removed, which is what a fix removes.
 */
function slideDown(ops: DiffOp[]): DiffOp[] {
  for (let i = 0; i < ops.length; i++) {
    const kind = ops[i]!.kind;
    if (kind === 'equal') continue;
    let j = i;
    while (j < ops.length && ops[j]!.kind === kind) j++;
    // Sliding by one line: the run's first line becomes equal, and the equal line after it joins the run.
    for (; j < ops.length && ops[j]!.kind === 'equal' && ops[j]!.line === ops[i]!.line; i++, j++) {
      [ops[i], ops[j]] = [{ kind: 'equal', line: ops[i]!.line }, { kind, line: ops[j]!.line }];
    }
    i = j - 1;
  }
  return ops;
}
