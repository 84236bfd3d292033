import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * Files left out of `npm run test:unit`, the quick loop: each takes 10 s to minutes, running real
 * programs (pre-commit, zzuf, npm pack and install) or the built binary against hostile input, or
 * timing its start-up. `npm test` runs them with the rest.
 */
export const SLOW_FILES = [
  'src/cli/pre-commit.test.ts', // the real pre-commit program
  'src/cli/package.test.ts', // npm pack, then npm install of the tarball
  'src/cli/zzuf.test.ts', // manifests mutated by zzuf, through the binary
  'src/cli/startup.test.ts', // the binary's start-up, pipes and terminal
  'src/cli/repository-cli.test.ts', // hostile repositories (links, FIFOs, huge globs) through the binary
  'src/engine/hostile-manifests.test.ts', // hostile manifests through the binary
  'src/engine/amplification.test.ts', // ~100,000 flow items through the binary, every format
  'src/logo/hostile-logos-cli.test.ts', // hostile logos through the binary
];

export default defineConfig({
  test: {
    testTimeout: 20_000,
    // `vitest run` runs both projects, unit first; `vitest run --project unit` is the quick loop. Its
    // files wait (on test servers, child processes, deadlines) more than they compute, so it runs one
    // worker more than there are cores; the slow files run after it, with the default (one fewer).
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: SLOW_FILES,
          maxWorkers: availableParallelism() + 1,
          sequence: { groupOrder: 0 },
        },
      },
      { extends: true, test: { name: 'slow', include: SLOW_FILES, sequence: { groupOrder: 1 } } },
    ],
  },
});
