import { defineConfig, mergeConfig } from 'vitest/config'
import base from './vitest.config.js'

// The tests Stryker runs against each mutant: everything in-process. Suites that spawn the CLI,
// pack the package or drive a browser test the same core through a process boundary, cost seconds
// per run and add nothing a mutant in src/core/ could be caught by that the in-process ones miss.
export default mergeConfig(
  base,
  defineConfig({
    test: {
      exclude: ['test/browser/**', 'test/package/**', 'test/cli/**', 'test/e2e/**', 'test/scenarios/cli-run.test.ts'],
    },
  }),
)
