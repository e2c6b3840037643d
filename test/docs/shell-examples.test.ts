// The documentation's marked shell examples, run as written against a real server: every block
// between `<!-- shell-example:<name>:start -->` and `…:end -->` in the README or a page under docs/
// is run with bash (E pointing at the server), and each line of its output must be what the comment
// at the end of its command says.
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningServer, startServer } from '../../src/http/serve.js'
import { createEmulator } from '../../src/runtime/create-emulator.js'
import { docPages, readPage, shellExamplePattern } from '../support/doc-blocks.js'

const blocks = docPages().flatMap((page) =>
  [...readPage(page).matchAll(shellExamplePattern)].map(([, name, script]) => ({ page, name: name!, script: script! })),
)

/** What each commented command should print: the text after its trailing "# ". */
const expectedOutput = (script: string) =>
  script
    .split('\n')
    .filter((line) => line.startsWith('curl'))
    .map((line) => /#\s*(.+)$/.exec(line)?.[1]?.trim() ?? '')

describe('shell examples in the documentation', () => {
  let server: RunningServer
  beforeAll(async () => {
    server = await startServer(createEmulator({ clock: 'virtual', config: { seed: 1 } }), { port: 0 })
  })
  afterAll(() => server.close(0))

  it('finds the marked blocks', () => {
    expect(blocks.map((b) => b.name)).toContain('cross-site')
  })

  for (const { page, name, script } of blocks) {
    it(`${page} "${name}" prints what its comments say`, async () => {
      const run = script.replace(/^E=http:\/\/127\.0\.0\.1:4600$/m, `E=${server.url}`)
      expect(run).not.toBe(script) // it sets E as the documentation says
      const { stdout } = await promisify(execFile)('bash', ['-euo', 'pipefail', '-c', run])
      expect(stdout.trim().split('\n')).toEqual(expectedOutput(script))
    })
  }
})
