import { defineConfig } from 'vitest/config'
import base from './vitest.config.js'

// The tests Stryker runs against each mutant of the kernel (src/core/kernel/, `npm run mutate`): the
// kernel's own unit tests (test/core/kernel/) and the outbox tests on virtual time, which drive the
// clock, the lifecycle runner, the dispatcher and the outbox through an engine. The rest of the suite
// reaches the kernel too, through channels, HTTP or a process, but Stryker reruns the tests covering
// each mutant: with them a kernel run takes hours on a 2-core machine (about 7 s a mutant, measured).
// Spread, not mergeConfig(): that would append these lists to the base's (every test, the global setup).
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: [
      'test/core/kernel/**/*.test.ts',
      'test/core/outbox.test.ts',
      'test/reliability/outbox-guarantees.test.ts',
      'test/reliability/fault-injection.test.ts',
    ],
    // The leftover-process check is for the whole suite's child processes; these tests start none.
    globalSetup: [],
  },
})
