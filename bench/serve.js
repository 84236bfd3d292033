// Start-up of `pleo-register serve`: from spawning the built CLI to its "listening" banner, on the
// example manifest (lint, logo, oidc-provider loaded, both sockets bound). Prints the median of the
// runs and each run, in milliseconds; the target is 1.5 s. Build first (npm run build).
//
//   node bench/serve.js [--runs 10] [manifest]
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const runs = runsAt === -1 ? 10 : Number(args[runsAt + 1]);
const manifest = args.filter((arg, i) => !arg.startsWith('--') && i !== runsAt + 1)[0] ?? 'example/pleo-client.yaml';
const root = fileURLToPath(new URL('../', import.meta.url));
const bin = fileURLToPath(new URL('../bin/pleo-register.js', import.meta.url));

function startOnce() {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    // Port 0: any free port, so runs never wait for the last one's socket to be released.
    const child = spawn(process.execPath, [bin, 'serve', manifest, '--port', '0', '--auto-approve'], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      if (/listening/.test(stderr)) {
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        child.once('exit', () => resolve(ms));
        child.kill('SIGINT');
      }
    });
    child.once('exit', (code) => {
      if (!/listening/.test(stderr)) reject(new Error(`serve exited with ${code} before listening:\n${stderr}`));
    });
  });
}

const times = [];
for (let i = 0; i < runs; i++) times.push(await startOnce());
const sorted = [...times].sort((a, b) => a - b);
const median = sorted.length % 2 ? sorted[(sorted.length - 1) / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
process.stdout.write(`serve start-up to "listening", ${manifest}: median ${median.toFixed(0)} ms of ${runs} (target 1500 ms)\n`);
process.stdout.write(`runs: ${times.map((t) => t.toFixed(0)).join(', ')} ms\n`);
