import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 20_000,
    // A PostgreSQL server for the adapter's tests: TEST_DATABASE_URL, or one started for the run.
    globalSetup: ['test/postgres-global-setup.ts'],
  },
});
