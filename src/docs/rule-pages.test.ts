import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Problem } from '../diagnostics.js';
import { parse, stringify } from 'yaml';
import { allRules, rulesById } from '../engine/rule-list.js';
import { lint } from '../index.js';
import { isIoRule, type RuleMeta } from '../rules/define-rule.js';
import { rulePagePath } from '../resources.js';
import { fakeRequest, IMAGES, runIoRule, type FakeRequest } from '../test-support/io-rule-tester.js';
import { paddedPng, solid } from '../test-support/logo-images.js';
import { summary } from '../test-support/rule-tester.js';
import { rulePages } from './rules-markdown.js';

const root = new URL('../../', import.meta.url);
const read = (path: string): string | undefined => (existsSync(new URL(path, root)) ? readFileSync(new URL(path, root), 'utf8') : undefined);

describe('the rule pages, docs/rules/<id>.md', () => {
  it('are generated from the rules and up to date (run `npm run docs`)', () => {
    for (const [path, text] of rulePages(allRules)) expect(read(path), `${path} (run \`npm run docs\`)`).toBe(text);
  });

  it('are one a rule, with none left of a rule that is gone', () => {
    const onDisk = readdirSync(new URL('docs/rules/', root)).filter((name) => name.endsWith('.md')).map((name) => `docs/rules/${name}`);
    expect(onDisk.sort()).toEqual(allRules.map((rule) => rulePagePath(rule.id)).sort());
  });
});

// What a rule's examples say of the world outside the manifest, made up: the logo files they name, and
// what their URLs answer. A URL not listed is a network error, so nothing here reaches the network.

/** The files the logo rules' examples name, under brand/ beside the manifest. */
async function brandFiles(): Promise<Record<string, Uint8Array>> {
  return {
    'logo.png': await solid(512, 512, 'png'),
    'logo-512.png': await solid(512, 512, 'png'),
    'logo.svg': readFileSync(join(IMAGES, 'square.svg')),
    'favicon-64.png': await solid(64, 64, 'png'),
    'wordmark-600x200.png': await solid(600, 200, 'png'),
    'logo-4096-print.png': await paddedPng(Math.round(3.2 * 1024 * 1024)),
  };
}

/** What the network rules' examples say their URLs answer. */
const answers = (): FakeRequest =>
  fakeRequest({
    'https://acme-books.io/legal/privacy-old': { kind: 'response', status: 404, contentType: 'text/html' },
    'https://acme-books.io/legal/privacy': { kind: 'response', status: 200, contentType: 'text/html' },
    'https://app.acme-bokos.io/oauth/pleo/callback': { kind: 'dns', code: 'ENOTFOUND', hostname: 'app.acme-bokos.io' },
    // A callback called without a code: any HTTP answer counts.
    'https://app.acme-books.io/oauth/pleo/callback': { kind: 'response', status: 400, contentType: 'text/html' },
  });

let manifestDir = '';
beforeAll(async () => {
  manifestDir = mkdtempSync(join(tmpdir(), 'pleo-register-rule-pages-'));
  mkdirSync(join(manifestDir, 'brand'));
  for (const [name, bytes] of Object.entries(await brandFiles())) writeFileSync(join(manifestDir, 'brand', name), bytes);
});
afterAll(() => rmSync(manifestDir, { recursive: true, force: true }));

/**
 * Examples are fragments of a manifest, but the schema judges a whole one (a fragment misses required
 * keys): its examples are judged with the keys they leave out taken from example/pleo-client.yaml.
 */
const JUDGED_WHOLE = new Set(['schema']);
const example = parse(readFileSync(new URL('example/pleo-client.yaml', root), 'utf8')) as Record<string, unknown>;
function completed(fragment: string): string {
  const written = new Set(Object.keys((parse(fragment) as Record<string, unknown> | null) ?? {}));
  return `${fragment}\n${stringify(Object.fromEntries(Object.entries(example).filter(([key]) => !written.has(key))))}`;
}

/** The rules an example's directives silence: they must run for the directive to be used. */
const silencedIn = (code: string): RuleMeta[] =>
  [...code.matchAll(/pleo-register-disable(?:-next-line)?\s+([\w,-]+)/g)].flatMap((m) => m[1]!.split(',')).flatMap((id) => rulesById.get(id) ?? []);

/**
 * The rule's problems for an example: a pure rule linted alone (with the rules the example's directives
 * name); a rule that needs a logo or the network, in the world above.
 */
async function problemsOf(rule: RuleMeta, code: string): Promise<Problem[]> {
  const text = JUDGED_WHOLE.has(rule.id) ? completed(code) : code;
  const problems = isIoRule(rule)
    ? (await runIoRule(rule, { code: text, request: answers(), manifestDir })).problems
    : lint(text, { file: 'pleo-client.yaml', rules: [rule, ...silencedIn(text)] }).problems;
  return problems.filter((problem) => problem.ruleId === rule.id);
}

describe("every rule's examples, as its page shows them", () => {
  it.each(allRules.map((rule) => [rule.id, rule] as const))('%s: "Fails" breaks the rule, "Passes" does not', async (_, rule) => {
    expect((await problemsOf(rule, rule.docs.bad)).length, `${rule.id}: its failing example reports nothing`).toBeGreaterThan(0);
    expect((await problemsOf(rule, rule.docs.good)).map(summary), `${rule.id}: its passing example reports`).toEqual([]);
  });
});
