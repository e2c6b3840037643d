import { defineConfig, mergeConfig } from 'vitest/config'
import base from './vitest.config.js'

// The tests Stryker runs against each mutant: the in-process ones. Suites that spawn the CLI, pack
// the package, drive a browser or push real HTTP on the real clock test the same core through a
// process or a socket, cost seconds per run, and turn a mutant that slows the core into a timeout
// rather than a clear failure; the core's own behaviour is pinned by the virtual-time tests.
export default mergeConfig(
  base,
  defineConfig({
    test: {
      exclude: [
        'test/browser/**',
        'test/package/**',
        'test/cli/**',
        'test/e2e/**',
        'test/scenarios/cli-run.test.ts',
        'test/http/control/real-http.test.ts',
        'test/reliability/chaos-delivery.test.ts',
        'test/reliability/state-file-restart.test.ts',
      ],
    },
  }),
)
