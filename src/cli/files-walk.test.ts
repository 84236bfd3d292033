import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';

// Folders read by the walk, counted through node:fs itself.
const reads = vi.hoisted(() => ({ count: 0 }));
vi.mock('node:fs', async (original) => {
  const fs = await original<typeof import('node:fs')>();
  const readdir = ((...args: Parameters<typeof fs.readdir>) => {
    reads.count++;
    return (fs.readdir as (...a: unknown[]) => void)(...args);
  }) as typeof fs.readdir;
  return { ...fs, default: { ...fs, readdir }, readdir };
});

const { resolveInputs } = await import('./files.js');

const work = mkdtempSync(join(tmpdir(), 'pleo-register-walk-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

// 200 apps, each a manifest and a nested tree of 10 folders: 2,201 folders in all.
const APPS = 200;
for (let i = 0; i < APPS; i++) {
  writeFileSync(join(work, `pleo-client.${i}.yaml`), '');
  mkdirSync(join(work, `app${i}`, ...Array.from({ length: 10 }, (_, depth) => `level${depth}`)), { recursive: true });
  writeFileSync(join(work, `app${i}/pleo-client.yaml`), '');
}
// Where no match can be: not counted, so they cannot end a walk early.
for (const folder of ['.hidden', 'node_modules']) {
  for (let i = 0; i < 50; i++) {
    mkdirSync(join(work, folder, `pkg${i}`), { recursive: true });
    writeFileSync(join(work, folder, `pkg${i}/pleo-client.yaml`), '');
  }
}

describe('a walk that finds more manifests than --max-files', () => {
  it.each([
    ['a folder', '.'],
    ['a glob whose last segment is a name', '**/pleo-client.yaml'],
  ])('%s: stops reading folders once past the limit', async (_, arg) => {
    reads.count = 0;
    await expect(resolveInputs([arg], work, '<stdin>', { maxFiles: 20 })).rejects.toThrow('more than 20 manifests to lint');
    expect(reads.count, 'folders read').toBeLessThan(300);
  });

  it('the same walk under the limit reads the whole tree and finds every manifest', async () => {
    reads.count = 0;
    const inputs = await resolveInputs(['.'], work, '<stdin>', { maxFiles: 400 });
    expect(inputs).toHaveLength(2 * APPS);
    expect(reads.count, 'folders read').toBeGreaterThanOrEqual(APPS * 11);
  });

  it('manifests under hidden folders and node_modules do not count toward the limit', async () => {
    await expect(resolveInputs(['.'], work, '<stdin>', { maxFiles: 2 * APPS })).resolves.toHaveLength(2 * APPS);
    await expect(resolveInputs(['**/pleo-client.yaml'], work, '<stdin>', { maxFiles: APPS })).resolves.toHaveLength(APPS);
  });
});
