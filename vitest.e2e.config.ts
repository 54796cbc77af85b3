import { defineConfig } from 'vitest/config';
import SummaryReporter from './e2e/support/summary-reporter.ts';

// Browser end-to-end tests: the real app in headless mode, driven by Playwright in Debian's chromium.
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.test.ts'],
    environment: 'node',
    reporters: ['default', new SummaryReporter('e2e')],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
  },
});
