// Scenario 4's child process: lints manifests online through the library, as the CLI does (one
// shared HTTP client, manifests linted 16 at a time), against the benchmark's HTTPS server on
// 127.0.0.1. Host names page-0.bench.pleo-register.dev … page-9.bench.pleo-register.dev resolve to 127.0.0.1 through the
// client's `resolve` option; `allowLoopback` lets the guard connect there. Library-only options:
// the CLI never exposes them.
//
//   node bench/fanout.js --port <p> --ca <ca.pem> --urls <n> --dir <folder with logo.png> [--concurrency <c>]
//
//
// Prints one JSON line: URLs asked for, problems by rule, the in-process lint time.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadLibrary } from './lib.js';

export const HOSTS = 10;

/** URL i goes to host i % 10, so consecutive URLs spread over the hosts. */
export function fanoutUrls(count, port) {
  return Array.from({ length: count }, (_, i) => `https://page-${i % HOSTS}.bench.pleo-register.dev:${port}/u${i}`);
}

const WEB_KEYS = ['client_uri', 'tos_uri', 'policy_uri', 'initiation_uri', 'settings_uri'];

/**
 * Packs the URLs into manifests of at most 10 distinct URLs each: five web keys and the rest as
 * redirect URIs. A manifest with fewer than six URLs repeats its own URLs (the client requests a
 * URL once), so exactly `urls.length` distinct URLs are requested in all.
 */
export function fanoutManifests(urls) {
  const manifests = [];
  for (let start = 0, n = 0; start < urls.length; start += 10, n++) {
    const chunk = urls.slice(start, start + 10);
    const lines = [`client_name: Fan-out App ${n}`];
    WEB_KEYS.forEach((key, j) => lines.push(`${key}: ${chunk[j % chunk.length]}`));
    lines.push('logo: ./logo.png', 'contacts:', `  - integrations+${n}@acme-books.io`, 'client_type: confidential', 'redirect_uris:');
    for (const uri of chunk.length > 5 ? chunk.slice(5) : [chunk[0]]) lines.push(`  - ${uri}`);
    lines.push('scopes:', '  - export-jobs:read', '  - export-items:read', 'pkce: S256');
    manifests.push(`${lines.join('\n')}\n`);
  }
  return manifests;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const { lint, createHttpClient, createLogoLoader, from } = await loadLibrary(['lint', 'createHttpClient', 'createLogoLoader']);
  // Every bench host name resolves to 127.0.0.1, where a real run would reach ten addresses: the
  // per-address limit is lifted to the concurrency so that it is the per-host limit that binds, as it would.
  const concurrency = args.concurrency ?? 8;
  const client = createHttpClient({
    allowLoopback: true,
    resolve: async () => [{ address: '127.0.0.1', family: 4 }],
    ca: readFileSync(args.ca, 'utf8'),
    concurrency,
    perAddress: concurrency,
  });
  const request = (url, options) => client.request(url, options);
  const manifests = fanoutManifests(fanoutUrls(args.urls, args.port));
  // performance.now() counts from the process's time origin, so `started` ≈ start-up + module loading.
  const started = performance.now();
  let results;
  let lintMs;
  let closeStarted;
  try {
    results = await mapLimit(manifests, 16, (text, i) =>
      lint(Buffer.from(text), { file: join(args.dir, `fanout-${i}.yaml`) }, {
        online: true,
        request,
        loadLogo: createLogoLoader({ manifestDir: args.dir, online: true, request }),
      }),
    );
    lintMs = performance.now() - started;
  } finally {
    closeStarted = performance.now();
    await client.close();
  }
  const closeMs = performance.now() - closeStarted;
  const problemsByRule = {};
  const samples = {};
  for (const result of results) {
    for (const problem of result.problems) {
      problemsByRule[problem.ruleId] = (problemsByRule[problem.ruleId] ?? 0) + 1;
      samples[problem.ruleId] ??= problem.message;
    }
  }
  process.stdout.write(`${JSON.stringify({ urls: args.urls, manifests: manifests.length, startupMs: started, lintMs, closeMs, doneMs: performance.now(), problemsByRule, samples, from })}\n`);
}

async function mapLimit(items, limit, fn) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

function parseArgs(argv) {
  const args = {};
  for (let i = 0; i < argv.length; i += 2) args[argv[i].replace(/^--/, '')] = argv[i + 1];
  for (const key of ['port', 'urls', 'concurrency']) if (args[key] !== undefined) args[key] = Number(args[key]);
  if (!args.port || !args.ca || !args.urls || !args.dir) throw new Error('usage: fanout.js --port <p> --ca <file> --urls <n> --dir <dir> [--concurrency <c>]');
  return args;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((error) => {
    process.stderr.write(`fanout: ${error?.stack ?? error}\n`);
    process.exitCode = 2;
  });
}
