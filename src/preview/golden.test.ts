/**
 * Golden images of `pleo-register preview`: the example manifest, and one with problems on every
 * part of the screen. Compared pixel by pixel within a tolerance (anti-aliasing and font hinting
 * differ a little between builds); `PLEO_UPDATE_GOLDEN=1` (or `UPDATE_GOLDEN=1`) rewrites them —
 * look at the new PNGs before keeping them.
 *
 * The text is drawn with whatever font fontconfig picks for `sans-serif`; the goldens were drawn with
 * DejaVu Sans (Debian's fonts-dejavu-core). With another font every line of text differs, so the
 * comparison is skipped (and says so) where `sans-serif` is not DejaVu Sans; the other checks still run.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { runPreview } from '../cli/preview-command.js';
import { root } from '../test-support/cli.js';

/** A pixel differs when a channel differs by more than this (of 255). */
const CHANNEL_THRESHOLD = 40;
/** The test fails when more than this fraction of pixels differ. */
const MAX_DIFFERING = 0.01;

const update = process.env.PLEO_UPDATE_GOLDEN === '1' || process.env.UPDATE_GOLDEN === '1';
const font = spawnSync('fc-match', ['-f', '%{family}', 'sans-serif'], { encoding: 'utf8' });
const dejaVu = font.status === 0 && /DejaVu Sans/.test(font.stdout);

async function preview(manifest: string): Promise<{ png: Buffer; stderr: string; code: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'pleo-register-preview-'));
  let stderr = '';
  const io = {
    cwd: root,
    env: {},
    stdin: process.stdin,
    stdout: { write: () => true },
    stderr: { write: (text: string) => void (stderr += text) },
  };
  const code = await runPreview({ file: manifest, out: join(dir, 'preview.png') }, '0.0.0-test', io);
  return { png: readFileSync(join(dir, 'preview.png')), stderr, code };
}

/** Both decoded to RGBA (through buffers: file loaders stay blocked); the fraction of pixels that differ. */
async function difference(actual: Buffer, expected: Buffer): Promise<{ fraction: number; size: string }> {
  const [a, e] = await Promise.all([actual, expected].map((png) => sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true })));
  const size = `${a!.info.width}×${a!.info.height}`;
  if (a!.info.width !== e!.info.width || a!.info.height !== e!.info.height) return { fraction: 1, size: `${size}, golden ${e!.info.width}×${e!.info.height}` };
  let differing = 0;
  for (let i = 0; i < a!.data.length; i += 4) {
    for (let c = 0; c < 4; c++) {
      if (Math.abs(a!.data[i + c]! - e!.data[i + c]!) > CHANNEL_THRESHOLD) {
        differing++;
        break;
      }
    }
  }
  return { fraction: differing / (a!.data.length / 4), size };
}

async function expectGoldenImage(name: string, png: Buffer): Promise<void> {
  const path = join(root, 'fixtures/golden/preview', name);
  if (update) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, png);
    return;
  }
  let golden: Buffer;
  try {
    golden = readFileSync(path);
  } catch {
    throw new Error(`no golden image fixtures/golden/preview/${name}; run with PLEO_UPDATE_GOLDEN=1 once and look at it`);
  }
  const { fraction, size } = await difference(png, golden);
  if (fraction > MAX_DIFFERING) {
    const actualPath = join(mkdtempSync(join(tmpdir(), 'pleo-register-golden-')), name);
    writeFileSync(actualPath, png);
    expect.fail(`${name}: ${(fraction * 100).toFixed(2)}% of pixels differ (${size}), over ${MAX_DIFFERING * 100}%; this run drew ${actualPath}`);
  }
}

describe('preview golden images', () => {
  it.skipIf(!dejaVu && !update)(`the example manifest (fixtures/valid/complete.yaml) matches complete.png${dejaVu ? '' : ' — skipped: sans-serif is not DejaVu Sans here'}`, async () => {
    const { png, code } = await preview('fixtures/valid/complete.yaml');
    expect(code).toBe(0);
    await expectGoldenImage('complete.png', png);
  });

  it.skipIf(!dejaVu && !update)(`a manifest with problems matches problems.png${dejaVu ? '' : ' — skipped: sans-serif is not DejaVu Sans here'}`, async () => {
    const { png, code, stderr } = await preview('fixtures/golden/preview/problems.yaml');
    expect(code).toBe(0);
    expect(stderr).toMatch(/^Wrote .*preview\.png: the consent screen of fixtures\/golden\/preview\/problems\.yaml, 11 problems drawn as callouts\n$/);
    await expectGoldenImage('problems.png', png);
  });

  it('the comparison notices a changed picture', async () => {
    const { png } = await preview('fixtures/valid/complete.yaml');
    const { width, height } = await sharp(png).metadata();
    const blot = await sharp({ create: { width: 200, height: 200, channels: 4, background: '#ff00ff' } }).png().toBuffer();
    const changed = await sharp(png).composite([{ input: blot, left: 40, top: 120 }]).png().toBuffer();
    expect((await difference(png, png)).fraction).toBe(0);
    const { fraction } = await difference(changed, png);
    expect(fraction).toBeGreaterThan(MAX_DIFFERING);
    expect(fraction).toBeCloseTo((200 * 200) / (width! * height!), 2);
  });
});
