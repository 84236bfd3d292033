// Builds dist/ from nothing: the schema's validator, the CLI bundle, then tsc's modules and
// declarations (the library). Every step runs, so one run shows every error; any failure fails the build. Everything it prints goes to stderr: npm runs it as `prepare` during `npm pack`,
// whose stdout (the tarball's name) pre-commit reads.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';

const root = new URL('../', import.meta.url);
const require = createRequire(import.meta.url);
rmSync(new URL('dist/', root), { recursive: true, force: true });

const steps = [['scripts/compile-schema.js'], ['scripts/bundle.js'], [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json']];
for (const args of steps) {
  const { status } = spawnSync(process.execPath, args, { cwd: root, stdio: ['ignore', 2, 2] });
  if (status !== 0) process.exitCode = status ?? 1;
}
