import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/src/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    // Vitest's default (cores − 1) is one worker here; the medium tests spend most of their time
    // waiting on child processes, Chromium and PostgreSQL, so three overlap well on two cores.
    maxWorkers: 3,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Tests reach only loopback; see test/setup/network-guard.ts.
    setupFiles: ['test/setup/network-guard.ts'],
  },
});
