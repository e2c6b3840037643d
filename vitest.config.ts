import { defineConfig } from 'vitest/config'

// Self-imports such as 'webex-connect-emulator/msw' resolve to src/ (the package's "source"
// condition), so tests run against the code, not a stale dist/.
const conditions = ['webex-connect-emulator-source', 'node', 'import', 'default']

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: conditions } },
  test: {
    include: ['test/**/*.test.ts'],
    // Fails the run when a process a test started (an emulator, npx) is still running at the end.
    globalSetup: ['./test/support/no-leftover-processes.ts'],
    // Generous, because many tests start real processes (the CLI, npx, tsx) and a loaded 2-core CI
    // machine can take tens of seconds to start one; a test that hangs still fails, just later.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // `npm run coverage` (v8): src/ only; the summary is printed and written to
    // coverage/coverage-summary.json (git-ignored), whose per-file numbers CONTRIBUTING.md sums by directory.
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      reporter: ['text-summary', 'json-summary'],
      reportsDirectory: 'coverage',
    },
  },
})
