import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint as lintManifest } from '../index.js';
import { allRules as rules } from '../engine/rule-list.js';
import { FIXTURES, IMAGES, fakeRequest } from '../test-support/io-rule-tester.js';
import { FIXTURE_IMAGES } from '../test-support/logo-images.js';
import { inspectImage } from './inspect.js';
import { createLogoLoader } from './load.js';
import type { LogoInspection } from './types.js';

// Rewrite fixtures/images/ from the generators: PLEO_WRITE_FIXTURE_IMAGES=1 npx vitest run src/logo/fixtures.test.ts
if (process.env.PLEO_WRITE_FIXTURE_IMAGES === '1') {
  mkdirSync(IMAGES, { recursive: true });
  for (const [name, make] of Object.entries(FIXTURE_IMAGES)) writeFileSync(join(IMAGES, name), await make());
}

/** What each fixture image must inspect as (kind, format, displayed size). */
const EXPECTED: Record<string, string> = {
  'logo-512.png': 'image png 512x512',
  'logo-1024.png': 'image png 1024x1024',
  'logo-512.jpg': 'image jpeg 512x512',
  'logo-512.webp': 'image webp 512x512',
  'logo-300x200.png': 'image png 300x200',
  'logo-384.png': 'image png 384x384',
  'logo-200.png': 'image png 200x200',
  'logo-100.png': 'image png 100x100',
  'tall-1x100000.png': 'image png 1x100000',
  'logo-512.gif': 'image gif 512x512',
  'animated.gif': 'image gif 64x64',
  'animated.webp': 'image webp 64x64',
  'logo-512.tiff': 'undecoded-format tiff',
  'square.svg': 'image svg 512x512',
  'wide.svg': 'image svg 512x171',
  'external-href.svg': 'image svg 512x512',
  'billion-laughs.svg': 'undecodable svg',
  'script.svg': 'image svg 512x512',
  'exif-6-400x300.jpg': 'image jpeg 300x400',
  'truncated.png': 'undecodable png',
  'bomb-40000x40000.png': 'too-many-pixels png 40000x40000',
  'bomb-65500x65500.jpg': 'too-many-pixels jpeg 65500x65500',
  'bomb-16383x16383.webp': 'too-many-pixels webp 16383x16383',
  'png-named.jpg': 'image png 512x512',
  'not-an-image.png': 'not-an-image',
  'large-1.2mib.png': 'image png 512x512',
};

function summarise(found: LogoInspection): string {
  if (found.kind === 'image' || found.kind === 'too-many-pixels') return `${found.kind} ${found.format} ${found.width}x${found.height}`;
  if (found.kind === 'undecodable' || found.kind === 'undecoded-format') return `${found.kind} ${found.format}`;
  return found.kind;
}

describe('fixtures/images', () => {
  it('holds exactly the generated images, each small on disk (except the one over 1 MiB, zeros that git compresses)', () => {
    expect(readdirSync(IMAGES).sort()).toEqual(Object.keys(FIXTURE_IMAGES).sort());
    for (const name of Object.keys(FIXTURE_IMAGES)) {
      if (name !== 'large-1.2mib.png') expect(statSync(join(IMAGES, name)).size, name).toBeLessThan(50 * 1024);
    }
  });

  it.each(Object.entries(EXPECTED))('%s inspects as %s', async (name, expected) => {
    const found = await inspectImage(readFileSync(join(IMAGES, name)), { kind: 'file', value: name, fileName: name });
    expect(summarise(found)).toBe(expected);
  });
});

// The logo fixtures, linted as the sweep in src/rules/rules.test.ts does once it lints with a real
// logo loader (online: false) relative to each fixture's folder.
function yamlFiles(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).map((f) => join(dir, f)) : [];
}

async function lintFixture(file: string) {
  const request = fakeRequest();
  const result = await lintManifest(readFileSync(file), { file }, { online: false, request, loadLogo: createLogoLoader({ manifestDir: dirname(file), online: false, request }) });
  expect(request.calls).toEqual([]);
  return result;
}

describe('logo fixtures', () => {
  for (const rule of rules.filter((r) => r.id.startsWith('logo-'))) {
    const invalid = yamlFiles(join(FIXTURES, 'invalid', rule.id));
    it(`${rule.id} has invalid fixtures`, () => expect(invalid.length).toBeGreaterThan(0));
    for (const file of yamlFiles(join(FIXTURES, 'valid', rule.id))) {
      it(`valid/${rule.id}/${file.split('/').pop()} has no ${rule.id} problem`, async () => {
        const problems = (await lintFixture(file)).problems.filter((p) => p.ruleId === rule.id);
        expect(problems.map((p) => `${p.range.line} ${p.messageId}: ${p.message}`)).toEqual([]);
      });
    }
    for (const file of invalid) {
      it(`invalid/${rule.id}/${file.split('/').pop()} reports ${rule.id} where it says`, async () => {
        const problems = (await lintFixture(file)).problems.filter((p) => p.ruleId === rule.id);
        const text = readFileSync(file, 'utf8');
        const expected = [...text.matchAll(/^# expect: (.*)$/gm)].flatMap((m) => m[1]!.trim().split(/\s+/));
        expect(expected.length).toBeGreaterThan(0);
        expect(problems.map((p) => `${p.messageId}@${p.range.line}`).sort()).toEqual(expected.sort());
      });
    }
  }
});
