import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffLines, unifiedDiff } from './diff.js';

/** What GNU patch makes of `oldText` with the diff: the standard reader of unified diffs. */
function patched(oldText: string, diff: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'pleo-register-diff-'));
  writeFileSync(join(dir, 'old'), oldText);
  const run = spawnSync('patch', ['--silent', '--force', '-o', join(dir, 'new'), join(dir, 'old')], { input: diff, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`patch failed: ${run.stdout}${run.stderr}`);
  return readFileSync(join(dir, 'new'), 'utf8');
}

function lcsLength(a: readonly string[], b: readonly string[]): number {
  const row = new Array<number>(b.length + 1).fill(0);
  for (const x of a) {
    let diagonal = 0;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = x === b[j - 1] ? diagonal + 1 : Math.max(row[j]!, row[j - 1]!);
      diagonal = above;
    }
  }
  return row[b.length]!;
}

const lines = fc.array(fc.constantFrom('a\n', 'b\n', 'c\n', 'd\n', '\n', '  - x\n'), { maxLength: 40 });
const texts = fc.tuple(lines, fc.boolean()).map(([l, ends]) => (ends ? l.join('') : l.join('').replace(/\n$/, '')));

describe('unifiedDiff', () => {
  it('is empty for equal texts', () => {
    expect(unifiedDiff('a\nb\n', 'a\nb\n', 'pleo-client.yaml')).toBe('');
  });

  it('writes diff -u hunks with three lines of context', () => {
    const before = ['# modeline?', 'environment: production', 'client_name: "  Acme "', 'a: 1', 'b: 2', 'c: 3', 'd: 4', 'e: 5', 'f: 6', 'g: 7', 'scopes:', '  - x:read', '  - x:read', 'pkce: S256', ''].join('\n');
    const after = before.replace('client_name: "  Acme "', 'client_name: "Acme"').replace('  - x:read\n  - x:read', '  - x:read');
    expect(unifiedDiff(before, after, 'apps/web/pleo-client.yaml')).toBe(`--- apps/web/pleo-client.yaml
+++ apps/web/pleo-client.yaml
@@ -1,6 +1,6 @@
 # modeline?
 environment: production
-client_name: "  Acme "
+client_name: "Acme"
 a: 1
 b: 2
 c: 3
@@ -10,5 +10,4 @@
 g: 7
 scopes:
   - x:read
-  - x:read
 pkce: S256
`);
  });

  it('marks a missing final line break, and numbers an empty side as diff -u does', () => {
    expect(unifiedDiff('a\nb', 'a\nc', 'f')).toBe('--- f\n+++ f\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n');
    expect(unifiedDiff('', 'x\n', 'f')).toBe('--- f\n+++ f\n@@ -0,0 +1 @@\n+x\n');
    expect(unifiedDiff('b\n', 'a\nb\n', 'f')).toBe('--- f\n+++ f\n@@ -1 +1,2 @@\n+a\n b\n');
  });

  it('applies with GNU patch to give the new text', () => {
    fc.assert(
      fc.property(texts, texts, (a, b) => {
        const diff = unifiedDiff(a, b, 'f');
        expect(diff === '' ? a : patched(a, diff)).toBe(b);
      }),
      { numRuns: 60 },
    );
  });

  const twenty = Array.from({ length: 20 }, (_, i) => `l${i + 1}\n`).join('');
  const head = '--- f\n+++ f\n';
  it.each([
    { name: 'CRLF lines', old: 'a\r\nb\r\nc\r\n', new: 'a\r\nB\r\nc\r\n', diff: '@@ -1,3 +1,3 @@\n a\r\n-b\r\n+B\r\n c\r\n' },
    { name: 'a CRLF line break made LF', old: 'a\r\nb\r\n', new: 'a\nb\r\n', diff: '@@ -1,2 +1,2 @@\n-a\r\n+a\n b\r\n' },
    { name: 'CRLF lines, no final line break', old: 'a\r\nb', new: 'a\r\nc', diff: '@@ -1,2 +1,2 @@\n a\r\n-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n' },
    { name: 'final line break missing on the old side', old: 'a\nb', new: 'a\nb\n', diff: '@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n' },
    { name: 'final line break missing on the new side', old: 'a\nb\n', new: 'a\nb', diff: '@@ -1,2 +1,2 @@\n a\n-b\n+b\n\\ No newline at end of file\n' },
    { name: 'final line break missing on both sides, in context', old: 'x\ny', new: 'X\ny', diff: '@@ -1,2 +1,2 @@\n-x\n+X\n y\n\\ No newline at end of file\n' },
    { name: 'final line break missing on both sides, out of context', old: 'a\nb\nc\nd\ne', new: 'A\nb\nc\nd\ne', diff: '@@ -1,4 +1,4 @@\n-a\n+A\n b\n c\n d\n' },
    { name: 'an empty old text', old: '', new: 'a\nb\n', diff: '@@ -0,0 +1,2 @@\n+a\n+b\n' },
    { name: 'an empty old text, no final line break', old: '', new: 'a', diff: '@@ -0,0 +1 @@\n+a\n\\ No newline at end of file\n' },
    { name: 'an empty new text', old: 'a\n', new: '', diff: '@@ -1 +0,0 @@\n-a\n' },
    { name: 'the later of two equal lines removed', old: 'scopes:\n  - x\n  - y\n  - x\npkce: S256\n', new: 'scopes:\n  - x\n  - y\npkce: S256\n', diff: '@@ -1,5 +1,4 @@\n scopes:\n   - x\n   - y\n-  - x\n pkce: S256\n' },
    {
      name: 'two hunks far apart',
      old: twenty,
      new: twenty.replace('l2\n', 'L2\n').replace('l18\n', 'L18\n'),
      diff: '@@ -1,5 +1,5 @@\n l1\n-l2\n+L2\n l3\n l4\n l5\n@@ -15,6 +15,6 @@\n l15\n l16\n l17\n-l18\n+L18\n l19\n l20\n',
    },
    {
      name: 'two changes six lines apart, in one hunk',
      old: twenty,
      new: twenty.replace('l3\n', 'L3\n').replace('l10\n', 'L10\n'),
      diff: '@@ -1,13 +1,13 @@\n l1\n l2\n-l3\n+L3\n l4\n l5\n l6\n l7\n l8\n l9\n-l10\n+L10\n l11\n l12\n l13\n',
    },
    {
      name: 'two changes seven lines apart, in two hunks',
      old: twenty,
      new: twenty.replace('l3\n', 'L3\n').replace('l11\n', 'L11\n'),
      diff: '@@ -1,6 +1,6 @@\n l1\n l2\n-l3\n+L3\n l4\n l5\n l6\n@@ -8,7 +8,7 @@\n l8\n l9\n l10\n-l11\n+L11\n l12\n l13\n l14\n',
    },
  ])('writes $name as diff -u does', ({ old, new: next, diff }) => {
    expect(unifiedDiff(old, next, 'f')).toBe(head + diff);
    expect(patched(old, head + diff)).toBe(next);
  });

  it('keeps CRLF line breaks as part of the lines', () => {
    const diff = unifiedDiff('a\r\nb\r\n', 'a\r\nc\r\n', 'f');
    expect(diff).toBe('--- f\n+++ f\n@@ -1,2 +1,2 @@\n a\r\n-b\r\n+c\r\n');
    expect(patched('a\r\nb\r\n', diff)).toBe('a\r\nc\r\n');
  });
});

describe('diffLines', () => {
  it('finds a shortest edit script: it rebuilds both texts and keeps a longest common subsequence', () => {
    fc.assert(
      fc.property(lines, lines, (a, b) => {
        const ops = diffLines(a, b);
        expect(ops.filter((op) => op.kind !== 'insert').map((op) => op.line)).toEqual(a);
        expect(ops.filter((op) => op.kind !== 'delete').map((op) => op.line)).toEqual(b);
        expect(ops.filter((op) => op.kind === 'equal').length).toBe(lcsLength(a, b));
      }),
      { numRuns: 500 },
    );
  });

  it('stays fast on a large manifest with changes at both ends: O((N + M) × D) lines read', () => {
    const a = Array.from({ length: 40_000 }, (_, i) => `  - item-${i}\n`);
    const b = ['# modeline\n', ...a.slice(0, 20_000), ...a.slice(20_001, -1), '  - last\n'];
    // Counted: every line read from either text (a comparison reads two).
    let reads = 0;
    const counted = (lines: string[]) => new Proxy(lines, {
      get(target, key, receiver) {
        if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
        return Reflect.get(target, key, receiver);
      },
    });
    const ops = diffLines(counted(a), counted(b));
    expect(ops.filter((op) => op.kind !== 'equal').length).toBe(4);
    // D = 4 edits: a few passes over both texts, where a quadratic search reads billions.
    expect(reads).toBeLessThanOrEqual((4 + 2) * (a.length + b.length));
  });
});
