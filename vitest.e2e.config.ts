import { defineConfig } from 'vitest/config';

// End-to-end tests: one real server (started by the global setup) and one headless Chromium per file.
// Files run one after another: they share the server and the machine has two cores.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    globalSetup: ['test/e2e/support/global-setup.ts'],
    fileParallelism: false,
    pool: 'forks',
    testTimeout: 180_000,
    // The first start of the embedded engine generates and loads the sample city.
    hookTimeout: 900_000,
  },
});
