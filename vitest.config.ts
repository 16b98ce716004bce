import { defineConfig } from 'vitest/config';

// Timing-sensitive end-to-end tests (the 1,000-interaction burst against Discord's 3-second
// deadline) run after everything else, alone, so other test files do not share their cores.
const ALONE = ['test/e2e/bot-load.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    projects: [
      { extends: true, test: { name: 'suite', include: ['test/**/*.test.ts'], exclude: ALONE, sequence: { groupOrder: 0 } } },
      { extends: true, test: { name: 'alone', include: ALONE, sequence: { groupOrder: 1 } } },
    ],
  },
});
