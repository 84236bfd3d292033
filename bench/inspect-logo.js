// Scenario 5's child process: reads one image file and inspects it with the library's
// inspectImage (as the logo loader does for a local logo), then prints what it found.
//
//   node bench/inspect-logo.js <file.png>
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { loadLibrary } from './lib.js';

const file = process.argv[2];
if (!file) {
  process.stderr.write('usage: inspect-logo.js <file>\n');
  process.exit(2);
}
const { inspectImage } = await loadLibrary(['inspectImage']);
const bytes = readFileSync(file);
const result = await inspectImage(bytes, { kind: 'file', value: `./${basename(file)}`, fileName: basename(file) });
const { kind, width, height, detail } = result;
process.stdout.write(`${JSON.stringify({ kind, width, height, detail, byteLength: bytes.byteLength })}\n`);
