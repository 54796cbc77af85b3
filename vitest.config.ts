import { defineConfig } from 'vitest/config';
import SummaryReporter from './e2e/support/summary-reporter.ts';

// Unit and integration tests: shared/, main/, and the simulators' own tests. Plain Node, no browser.
export default defineConfig({
  test: {
    include: ['shared/**/*.test.ts', 'renderer/src/**/*.test.ts', 'main/**/*.test.ts', 'e2e/simulators/**/*.test.ts', 'bench/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/*.e2e.test.ts'],
    environment: 'node',
    reporters: ['default', new SummaryReporter('unit')],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
