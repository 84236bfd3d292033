// Scenario 6's child process: one request through undici's Agent (as src/services/http.ts makes
// them) to an HTTP server this process starts on 127.0.0.1, then closes everything and lets the
// process exit.
//
//   node bench/request.js [--requests N]
//
// Prints one JSON line: the requests made and the bytes read.
import { createServer } from 'node:http';
import { Agent } from 'undici';

const args = process.argv.slice(2);
const requests = Number(args[args.indexOf('--requests') + 1]) || 1;

const server = createServer((_request, response) => response.end('<!doctype html><title>bench</title>'));
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const agent = new Agent();
let bytes = 0;
for (let i = 0; i < requests; i++) {
  const response = await agent.request({ origin: `http://127.0.0.1:${server.address().port}`, path: `/${i}`, method: 'GET' });
  bytes += (await response.body.text()).length;
}
await agent.close();
server.close();
process.stdout.write(`${JSON.stringify({ requests, bytes })}\n`);
