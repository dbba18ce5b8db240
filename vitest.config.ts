import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // the build first: the CLI tests run bin/plan-bot.js, which runs dist/
    globalSetup: ['test/support/build-global-setup.ts', 'test/support/redis-global-setup.ts'],
    // tests that start real plan-bot processes one after another need up to ~10 s per process on a loaded 2-core
    // machine; the bound is for hangs, not for speed
    testTimeout: 60_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // most test files wait on child processes, sockets and timers rather than the CPU: four forks on 2 cores ran the
    // suite in 218 s against 281 s with the default (same machine, same load, all 1,027 tests passing both times)
    maxWorkers: 4,
    reporters: ['default'],
  },
});
