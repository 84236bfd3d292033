// Scenario 6's child process: requests through undici loaded as the package loads it (dist/undici.cjs
// from its code cache, through bin/pleo-register.js), to an HTTP server this process starts on
// 127.0.0.1, then closes everything and lets the process exit. With --cli, undici's WebAssembly is
// compiled as the CLI has it compiled (compileWasmOnce); without, as V8 does by default.
//
//   node bench/request.js [--cli] [--requests N]
//
// Prints one JSON line: the requests made and the bytes read.
import { createServer } from 'node:http';
import { createRequire } from 'node:module';

const args = process.argv.slice(2);
const cli = args.includes('--cli');
const requests = Number(args[args.indexOf('--requests') + 1]) || 1;
const bin = createRequire(import.meta.url)('../bin/pleo-register.js');

const server = createServer((_request, response) => response.end('<!doctype html><title>bench</title>'));
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const { Agent } = bin.loadBundle('undici');
if (cli) bin.compileWasmOnce();
const agent = new Agent();
let bytes = 0;
for (let i = 0; i < requests; i++) {
  // The dispatcher's own request API, as src/services/http.ts uses it (the bundle has no top-level request).
  const response = await agent.request({ origin: `http://127.0.0.1:${server.address().port}`, path: `/${i}`, method: 'GET' });
  bytes += (await response.body.text()).length;
}
await agent.close();
server.close();
process.stdout.write(`${JSON.stringify({ requests, bytes })}\n`);
