import { defineConfig } from 'vitest/config';

// Unit and integration tests: shared/, main/, and the simulators' own tests. Plain Node, no browser.
export default defineConfig({
  test: {
    include: ['shared/**/*.test.ts', 'renderer/src/**/*.test.ts', 'main/**/*.test.ts', 'e2e/simulators/**/*.test.ts', 'bench/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/*.e2e.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
