// Builds dist/ after `npm install` / `npm ci` in a clone of the repository, so `npx pleo-register`
// works straight away. An installed package (from the registry or a tarball) ships dist/ and no
// src/, so there is nothing to do. This is `postinstall` rather than `prepare` because npm prints
// the output of `prepare` on stdout during `npm pack`, where pre-commit reads the tarball's name.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const root = new URL('../', import.meta.url);
if (existsSync(new URL('src/cli/main.ts', root)) && existsSync(new URL('node_modules/typescript/', root))) {
  const npm = process.env.npm_execpath;
  const result = npm
    ? spawnSync(process.execPath, [npm, 'run', 'build', '--silent'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] })
    : spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  process.exitCode = result.status ?? 1;
}
