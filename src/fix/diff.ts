// A unified diff of two texts, line by line (Myers' O(ND) shortest edit script), for `--fix-dry-run`.
// A fix changes a handful of lines, so D is small and the search stays cheap even on a 1 MiB manifest.

export type DiffOp = { kind: 'equal' | 'delete' | 'insert'; line: string };

const CONTEXT = 3;

/**
 * `--- name` / `+++ name` headers and `@@ -l,s +l,s @@` hunks with 3 lines of context, as `diff -u`
 * writes them (`patch -p0` and `git apply -p0` take it); "" when the texts are equal. A missing final
 * line break is marked "\ No newline at end of file".
 */
export function unifiedDiff(oldText: string, newText: string, fileName: string): string {
  if (oldText === newText) return '';
  const ops = diffLines(splitLines(oldText), splitLines(newText));
  const out = [`--- ${fileName}`, `+++ ${fileName}`];
  for (const hunk of hunks(ops)) {
    out.push(`@@ -${range(hunk.oldStart, hunk.oldCount)} +${range(hunk.newStart, hunk.newCount)} @@`);
    for (const op of hunk.ops) {
      const sign = op.kind === 'equal' ? ' ' : op.kind === 'delete' ? '-' : '+';
      const ended = op.line.endsWith('\n');
      out.push(sign + (ended ? op.line.slice(0, -1) : op.line));
      if (!ended) out.push('\\ No newline at end of file');
    }
  }
  return out.join('\n') + '\n';
}

/** Lines with their line break kept (`\r\n` stays part of the line), so a missing final break differs. */
function splitLines(text: string): string[] {
  return text === '' ? [] : text.split(/(?<=\n)/);
}

function range(start: number, count: number): string {
  return count === 1 ? `${start}` : `${count === 0 ? start - 1 : start},${count}`;
}

interface Hunk {
  oldStart: number;
  oldCount: number;
  newStart: number;
  newCount: number;
  ops: DiffOp[];
}

function hunks(ops: readonly DiffOp[]): Hunk[] {
  // 1-based line numbers of each op in the old and the new text.
  const oldLine: number[] = [];
  const newLine: number[] = [];
  let a = 1;
  let b = 1;
  for (const op of ops) {
    oldLine.push(a);
    newLine.push(b);
    if (op.kind !== 'insert') a++;
    if (op.kind !== 'delete') b++;
  }
  const changes = ops.map((op, i) => (op.kind === 'equal' ? -1 : i)).filter((i) => i >= 0);
  const result: Hunk[] = [];
  let i = 0;
  while (i < changes.length) {
    let last = changes[i]!;
    let j = i + 1;
    // Changes closer than twice the context share a hunk.
    while (j < changes.length && changes[j]! - last <= 2 * CONTEXT + 1) last = changes[j++]!;
    const from = Math.max(0, changes[i]! - CONTEXT);
    const to = Math.min(ops.length, last + CONTEXT + 1);
    const slice = ops.slice(from, to);
    result.push({
      oldStart: oldLine[from]!,
      oldCount: slice.filter((op) => op.kind !== 'insert').length,
      newStart: newLine[from]!,
      newCount: slice.filter((op) => op.kind !== 'delete').length,
      ops: slice,
    });
    i = j;
  }
  return result;
}

/** The shortest edit script from `a` to `b`: common prefix and suffix first, Myers' search in between. */
export function diffLines(a: readonly string[], b: readonly string[]): DiffOp[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const equal = (line: string): DiffOp => ({ kind: 'equal', line });
  return slideDown([...a.slice(0, start).map(equal), ...myers(a.slice(start, endA), b.slice(start, endB)), ...a.slice(endA).map(equal)]);
}

/**
 * Moves each run of deletions (or insertions) as far down as the equal lines after it allow, as GNU
 * diff does: of two equal lines, the second is the one shown removed, which is what a fix removes.
 * Sliding a run by one line turns its first line into an equal one and the equal line after it into
 * the run's last, so each step is O(1).
 */
function slideDown(ops: DiffOp[]): DiffOp[] {
  for (let i = 0; i < ops.length; i++) {
    const kind = ops[i]!.kind;
    if (kind === 'equal') continue;
    let j = i;
    while (j < ops.length && ops[j]!.kind === kind) j++;
    while (j < ops.length && ops[j]!.kind === 'equal' && ops[j]!.line === ops[i]!.line) {
      ops[j] = { kind, line: ops[j]!.line };
      ops[i] = { kind: 'equal', line: ops[i]!.line };
      i++;
      j++;
    }
    i = j - 1;
  }
  return ops;
}

function myers(a: readonly string[], b: readonly string[]): DiffOp[] {
  const n = a.length;
  const m = b.length;
  if (n === 0) return b.map((line) => ({ kind: 'insert', line }));
  if (m === 0) return a.map((line) => ({ kind: 'delete', line }));
  const max = n + m;
  const offset = max + 1;
  // v[offset + k]: the furthest x reached on diagonal k (y = x - k).
  const v = new Int32Array(2 * max + 3);
  // Before each round d, the diagonals -d-1 … d+1 of v: all that backtracking reads, O(D²) in all.
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d++) {
    trace.push(v.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return backtrack(trace, a, b);
    }
  }
  throw new Error('unreachable: the edit script is at most n + m long');
}

function backtrack(trace: readonly Int32Array[], a: readonly string[], b: readonly string[]): DiffOp[] {
  const ops: DiffOp[] = [];
  let x = a.length;
  let y = b.length;
  for (let d = trace.length - 1; d >= 0; d--) {
    const v = trace[d]!;
    const at = (k: number) => v[k + d + 1]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) ops.push({ kind: 'equal', line: a[--x]! }), y--;
    if (d > 0) {
      if (x === prevX) ops.push({ kind: 'insert', line: b[--y]! });
      else ops.push({ kind: 'delete', line: a[--x]! });
    }
  }
  return ops.reverse();
}
