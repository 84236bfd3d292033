import { describe, expect, it } from 'vitest';
import { lint } from '../index.js';
import { createLogoLoader } from '../logo/load.js';
import { fakeRequest } from '../test-support/io-rule-tester.js';
import { defaultAnswers, manifestText } from './template.js';

// init's starter uses a placeholder domain until the team types its own: online, that is one warning
// to replace it, and no link on it is requested or called unreachable.
describe("init's starter, linted online", () => {
  const text = manifestText(defaultAnswers('Acme Books'), './node_modules/pleo-register/schemas/pleo-client.schema.json');
  const run = async () => {
    const request = fakeRequest();
    const manifestDir = new URL('../../fixtures/valid/', import.meta.url).pathname;
    const result = await lint(text, { file: 'pleo-client.yaml' }, { online: true, request, loadLogo: createLogoLoader({ manifestDir, online: true, request }) });
    return { result, request };
  };

  it('requests nothing on the placeholder domain', async () => {
    const { request } = await run();
    expect(request.calls.map((call) => new URL(call.url).hostname).filter((host) => host.endsWith('.example'))).toEqual([]);
  });

  it('has no error: one placeholder warning for the pages, and the network rules say "not checked"', async () => {
    const { result } = await run();
    const byRule = (id: string) => result.problems.filter((p) => p.ruleId === id);
    expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(byRule('uri-public-host').map((p) => p.messageId)).toEqual(['reservedDomainShared']);
    expect(byRule('uri-reachable').length).toBeGreaterThan(0);
    expect(byRule('uri-reachable').every((p) => p.messageId === 'placeholder' && p.severity === 'info')).toBe(true);
    expect(byRule('redirect-uri-reachable').every((p) => p.messageId === 'placeholder')).toBe(true);
  });
});
