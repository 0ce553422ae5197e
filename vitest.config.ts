import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Integration tests start a JVM (DynamoDB Local) per file; keep it to the 2 cores we have.
    pool: 'forks',
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    testTimeout: 30_000,
    hookTimeout: 90_000,
    // expect.poll waits this long by default (vitest's own is 1 s): the browser walks run side by side on two cores, and
    // a page that draws in 3 s there is load, not a fault. A poll that holds returns as soon as it holds.
    expect: { poll: { timeout: 15_000 } },
    reporters: process.env.CI ? ['default'] : ['default'],
  },
});
