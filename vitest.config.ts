// The test run's settings: the cost book of every CLI run a test makes goes to a file of the run's own
// (test/setup/), not to the user's ~/.cache/evmkit.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globalSetup: ['test/setup/global.ts'],
    setupFiles: ['test/setup/env.ts'],
  },
});
