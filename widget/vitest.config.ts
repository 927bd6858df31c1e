import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Tests render what ships: no development-only JSX props (__source, __self) on the elements.
  oxc: { jsx: { development: false } },
  test: {
    environment: 'happy-dom',
    include: ['src/**/*.test.{ts,tsx}', 'scripts/**/*.test.ts'],
    // The bundle test may have to build first.
    testTimeout: 60_000,
  },
});
