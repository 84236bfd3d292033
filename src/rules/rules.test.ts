import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dirname } from 'node:path';
import { lint as lintManifest } from '../index.js';
import { createLogoLoader } from '../logo/load.js';
import type { RuleServices } from './define-rule.js';
import { rules } from './index.js';

const root = new URL('../../', import.meta.url).pathname;
const fixtures = join(root, 'fixtures');

function yamlFiles(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).map((f) => join(dir, f)) : [];
}

// Offline, with the real logo loader: logo paths resolve against the fixture's folder.
const noNetwork: RuleServices['request'] = () => Promise.reject(new Error('the fixture sweep runs offline'));

function lintFile(path: string) {
  const loadLogo = createLogoLoader({ manifestDir: dirname(path), online: false, request: noNetwork });
  return lintManifest(readFileSync(path), { file: path }, { online: false, request: noNetwork, loadLogo });
}

/** `# expect: notHttps@12 duplicate@14` — messageIds and the lines they must be reported on. */
function expectations(text: string): { messageId: string; line: number }[] {
  const found: { messageId: string; line: number }[] = [];
  for (const match of text.matchAll(/^# expect: (.*)$/gm)) {
    for (const item of match[1]!.trim().split(/\s+/)) {
      const [messageId, line] = item.split('@');
      found.push({ messageId: messageId!, line: Number(line) });
    }
  }
  return found;
}

describe('every rule', () => {
  it.each(rules.map((rule) => [rule.id, rule] as const))('%s has a file, a test table, docs and fixtures', (id, rule) => {
    expect(existsSync(join(root, 'src/rules', `${id}.ts`))).toBe(true);
    expect(existsSync(join(root, 'src/rules', `${id}.test.ts`))).toBe(true);
    for (const field of ['summary', 'why', 'bad', 'good', 'fix', 'source'] as const) expect(rule.docs[field].length).toBeGreaterThan(10);
    expect(id).toMatch(/^[a-z]+(-[a-z0-9]+)*$/);
    // Network rules are proven against servers of their own tests and fakes, not offline fixtures.
    if (!rule.requires?.includes('network')) expect(yamlFiles(join(fixtures, 'invalid', id)).length).toBeGreaterThan(0);
  });
});

describe('fixtures', () => {
  const complete = yamlFiles(join(fixtures, 'valid'));
  it.each(complete.map((f) => [f.slice(fixtures.length + 1), f]))('%s lints clean with every rule', async (_, file) => {
    expect((await lintFile(file)).problems.map((p) => `${p.range.line} ${p.ruleId}/${p.messageId}: ${p.message}`)).toEqual([]);
  });

  for (const rule of rules) {
    for (const file of yamlFiles(join(fixtures, 'valid', rule.id))) {
      it(`valid/${rule.id}/${file.split('/').pop()} has no ${rule.id} problem`, async () => {
        const problems = (await lintFile(file)).problems.filter((p) => p.ruleId === rule.id);
        expect(problems.map((p) => `${p.range.line} ${p.messageId}: ${p.message}`)).toEqual([]);
      });
    }
    for (const file of yamlFiles(join(fixtures, 'invalid', rule.id))) {
      it(`invalid/${rule.id}/${file.split('/').pop()} reports ${rule.id} where it says`, async () => {
        const problems = (await lintFile(file)).problems.filter((p) => p.ruleId === rule.id);
        expect(problems.length).toBeGreaterThan(0);
        const reported = problems.map((p) => `${p.messageId}@${p.range.line}`);
        const expected = expectations(readFileSync(file, 'latin1'));
        // Only files that cannot hold an ASCII comment (UTF-16, binary) may go without expectations.
        if (!file.split('/').pop()!.startsWith('binary-')) expect(expected.length).toBeGreaterThan(0);
        for (const expected of expectations(readFileSync(file, 'latin1'))) {
          expect(reported).toContain(`${expected.messageId}@${expected.line}`);
        }
      });
    }
  }
});
