import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, scratchDir } from '../test-support/cli.js';

// The binary, online (no --offline), on a manifest whose every URI points at a server of this test
// on 127.0.0.1, written in the spellings that slip past naive checks.
let server: Server;
let requests = 0;
let port = 0;

beforeAll(async () => {
  server = createServer((_, response) => {
    requests++;
    response.end('ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('the CLI never requests a loopback or private address', () => {
  it('reports public-host errors and sends no request, whatever the spelling', async () => {
    const manifest = `client_name: Acme Books
client_uri: https://127.0.0.1:${port}/
logo: https://[::ffff:127.0.0.1]:${port}/logo.png
tos_uri: https://2130706433:${port}/terms
policy_uri: https://0x7f.1:${port}/privacy
contacts: [integrations@acme-books.io]
initiation_uri: https://[::1]:${port}/connect
settings_uri: https://localhost:${port}/settings
client_type: confidential
redirect_uris:
  - https://127.0.0.1:${port}/callback
  - https://169.254.169.254/latest/meta-data/
scopes: [export-jobs:read]
pkce: S256
`;
    const dir = scratchDir({ 'pleo-client.yaml': manifest });
    const result = runCli(['lint', '-f', 'json'], { cwd: dir, online: true });
    expect(requests).toBe(0);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('');
    const report = JSON.parse(result.stdout);
    const publicHost = report.results[0].problems.filter((p: { ruleId: string }) => p.ruleId.endsWith('public-host'));
    expect(publicHost.map((p: { ruleId: string; path: string; severity: string }) => `${p.ruleId} ${p.path} ${p.severity}`)).toEqual([
      'uri-public-host /client_uri error',
      'uri-public-host /logo error',
      'uri-public-host /tos_uri error',
      'uri-public-host /policy_uri error',
      'uri-public-host /initiation_uri error',
      'uri-public-host /settings_uri error',
      'redirect-uri-public-host /redirect_uris/0 error',
      'redirect-uri-public-host /redirect_uris/1 error',
    ]);
    expect(report.results[0].skipped).toEqual([]);
  });
});
