import { defineConfig } from 'vitest/config'
import base from './vitest.config.js'

// The tests Stryker runs against each mutant of all of src/core/ (`npm run mutate:core`): every test
// of test/core/ (the kernel's, each channel's, the engine's through `createEmulator`) and the outbox
// tests on virtual time. The architecture test is left out: it reads the sources, which Stryker has
// instrumented (with `globalThis.__stryker__`, which that test rightly refuses in the core).
// MUTATE_WIDE=1 adds the tests that reach the channels through their vendor APIs in process — the
// contract tests, the HTTP app through app.request(), MSW — which kill many more of a channel's
// mutants, at several times the cost a mutant.
// Spread, not mergeConfig(): that would append these lists to the base's (every test, the global setup).
const wide = process.env.MUTATE_WIDE === '1'
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: [
      'test/core/**/*.test.ts',
      'test/reliability/outbox-guarantees.test.ts',
      'test/reliability/fault-injection.test.ts',
      ...(wide ? ['test/contract/**/*.test.ts', 'test/http/**/*.test.ts', 'test/msw/**/*.test.ts'] : []),
    ],
    // The MSW node-test-runner test starts node's own test runner in a child process.
    exclude: ['test/core/architecture.test.ts', 'test/msw/node-test-runner.test.ts'],
    // The leftover-process check is for the whole suite's child processes; these tests start none.
    globalSetup: [],
  },
})
