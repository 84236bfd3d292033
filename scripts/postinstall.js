// After `npm install` / `npm ci`: in a clone of the repository, builds dist/ so that `npx pleo-register`
// works straight away. In an installed package (from the registry or a tarball), which ships dist/
// and no src/, it writes the CLI's code cache again (scripts/code-cache.js), because V8 accepts a
// cache only from its own version: the one shipped fits the Node that published the package. If that
// fails (a read-only install, say), the CLI compiles from source and starts more slowly; the install
// goes on. This is `postinstall` rather than `prepare` because npm prints the output of `prepare` on
// stdout during `npm pack`, where pre-commit reads the tarball's name.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const root = new URL('../', import.meta.url);
if (existsSync(new URL('src/cli/main.ts', root)) && existsSync(new URL('node_modules/typescript/', root))) {
  const npm = process.env.npm_execpath;
  const result = npm
    ? spawnSync(process.execPath, [npm, 'run', 'build', '--silent'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] })
    : spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  process.exitCode = result.status ?? 1;
} else if (existsSync(new URL('dist/pleo-register.cjs', root))) {
  try {
    const { writeCodeCache } = await import('./code-cache.js');
    await writeCodeCache();
  } catch {
    // The shipped cache, or none, is used.
  }
}
