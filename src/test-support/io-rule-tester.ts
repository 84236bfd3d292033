import { describe, expect, it } from 'vitest';
import type { Problem } from '../diagnostics.js';
import { lint as lintManifest } from '../index.js';
import { createLogoLoader } from '../logo/load.js';
import type { LogoInspection } from '../logo/types.js';
import type { RuleServices, Rule, RuleSettings } from '../rules/define-rule.js';
import type { Outcome, RequestOptions } from '../services/http.js';
import { expectProblems, firstLine, summary, type ExpectedProblem } from './rule-tester.js';

export const FIXTURES = new URL('../../fixtures/', import.meta.url).pathname;
/** Where the test images live; the default folder logo paths are resolved against. */
export const IMAGES = `${FIXTURES}images`;

/** Where the logo rules' tests serve a logo from (through fakeRequest). */
export const LOGO_URL = 'https://acme-books.io/brand/logo.png';

/** A manifest with a name and this logo: what the logo rules look at. */
export function withLogo(logo: string): string {
  return `client_name: Acme Books\nlogo: ${logo}\n`;
}

/** A request function that answers LOGO_URL with `body` as image/png. */
export function servedLogo(body: Uint8Array): FakeRequest {
  return fakeRequest({ [LOGO_URL]: { kind: 'response', status: 200, contentType: 'image/png', body } });
}

export type FakeRequest = RuleServices['request'] & { calls: { url: string; options: RequestOptions }[] };
/** An outcome for a fake request; `url` and `redirects` default to the URL asked for and none. */
export type OutcomeAnswer = Outcome extends infer Member ? (Member extends Outcome ? Omit<Member, 'url' | 'redirects'> : never) : never;

/**
 * A request function that answers from a table (URL → outcome, or a function of the URL) and records
 * its calls; a URL not in the table is a network error, so no test ever reaches the network.
 */
export function fakeRequest(answers: Record<string, OutcomeAnswer | Outcome> = {}): FakeRequest {
  const calls: FakeRequest['calls'] = [];
  const request = async (url: string, options: RequestOptions): Promise<Outcome> => {
    calls.push({ url, options });
    const answer = answers[url];
    if (answer === undefined) return { kind: 'network-error', reason: 'no answer for this URL in the test', url, redirects: [] };
    return { url, redirects: [], ...answer } as Outcome;
  };
  return Object.assign(request, { calls });
}

export interface IoValidCase {
  name?: string;
  code: string;
  /** Default true; false is --offline. */
  online?: boolean;
  request?: FakeRequest;
  /** Folder the logo path is relative to; default fixtures/images. */
  manifestDir?: string;
  /** Skip the loader and hand the rules this inspection (for states that cannot be made on disk). */
  logo?: LogoInspection;
  settings?: RuleSettings;
}

export interface IoInvalidCase extends IoValidCase {
  errors: ExpectedProblem[];
}

/** Lints `code` with only `rule`, a real logo loader and the given (fake) request function. */
export async function runIoRule(rule: Rule, c: IoValidCase): Promise<{ problems: Problem[]; skipped: string[] }> {
  const online = c.online ?? true;
  const request = c.request ?? fakeRequest();
  const result = await lintManifest(
    c.code,
    { file: 'pleo-client.yaml', rules: [rule], ...(c.settings ? { settings: c.settings } : {}) },
    { online, request, loadLogo: c.logo ? async () => c.logo! : createLogoLoader({ manifestDir: c.manifestDir ?? IMAGES, online, request }) },
  );
  return { problems: result.problems, skipped: result.skipped.map((s) => `${s.ruleId}:${s.reason}`) };
}

/** `ruleTester` for rules that need the logo or the network: same table shape, async. */
export function ioRuleTester(rule: Rule, cases: { valid: (string | IoValidCase)[]; invalid: IoInvalidCase[] }): void {
  describe(rule.id, () => {
    const valid = cases.valid.map((c) => (typeof c === 'string' ? { code: c } : c));
    it.each(valid.map((c) => [c.name ?? firstLine(c.code), c] as const))('valid: %s', async (_, c) => {
      const { problems } = await runIoRule(rule, c);
      expect(problems.map(summary)).toEqual([]);
    });
    it.each(cases.invalid.map((c) => [c.name ?? firstLine(c.code), c] as const))('invalid: %s', async (_, c) => {
      expectProblems((await runIoRule(rule, c)).problems, c.errors);
    });
  });
}
