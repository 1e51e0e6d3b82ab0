import { defineConfig } from 'vitest/config';

// End-to-end: real Chromium with the built extension. One file at a time (2-core machines).
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.test.ts'],
    environment: 'node',
    testTimeout: 90_000,
    hookTimeout: 90_000,
    fileParallelism: false,
    // A real browser on a shared 2-core machine: one retry for a timing accident. The reporter
    // still names a test that needed it, and a real fault fails twice.
    retry: 1,
  },
});
