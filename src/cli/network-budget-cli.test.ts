import { describe, expect, it } from 'vitest';
import { BUDGET_SPENT } from '../services/network-budget.js';
import { runCli, validManifest } from '../test-support/cli.js';
import { createServices } from './services.js';

// --network-budget bounds the whole run's network time (the budget itself is proven against slow
// servers in services/network-budget.test.ts); here, that the command line takes it and checks it.
describe('lint --network-budget <s>', () => {
  it.each([
    ['0', /--network-budget '0': give a whole number from 1 to 3600/],
    ['soon', /--network-budget 'soon': give a whole number/],
    ['3601', /--network-budget '3601'/],
  ])('refuses %s (exit 2)', (value, message) => {
    const result = runCli(['lint', validManifest, '--network-budget', value]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });

  it('takes a budget in seconds, as the specification words it, and lists it in the help', () => {
    expect(runCli(['lint', validManifest, '--network-budget', '25'])).toMatchObject({ code: 0, stderr: '' });
    expect(runCli(['lint', '--help']).stdout).toMatch(/--network-budget <s>\s+seconds for all network checks of the run/);
  });
});

describe('the budget reaches the HTTP client', () => {
  it('a request made after the budget is spent is not made: "not checked", nothing sent', async () => {
    const world = createServices({ online: true, networkBudgetMs: 1, version: 'test' });
    const { request } = world.forManifest('.');
    const page = { method: 'GET', maxBytes: 1024 } as const;
    try {
      // A loopback literal is refused before any connection: the first request only starts the client.
      expect(await request('https://127.0.0.1/', page)).toMatchObject({ kind: 'blocked' });
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(await request('https://127.0.0.2/', page)).toMatchObject({ kind: 'network-error', code: BUDGET_SPENT });
    } finally {
      await world.close();
    }
  });
});
