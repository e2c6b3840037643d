import { describe, expect, it } from 'vitest'
import { attachEventLogger } from '../../src/cli/logging/create-event-logger.js'
import { createIsolatedEmulator } from '../../src/runtime/create-isolated-emulator.js'
import { emailTo } from '../support/virtual-emulator.js'

describe('the event log of an isolated emulator', () => {
  it("names each line's tenant, and warns when a tenant is evicted", async () => {
    const isolated = createIsolatedEmulator({ clock: 'virtual', config: { seed: 1, limits: { maxTenants: 1 } } })
    const lines: string[] = []
    const out = { write: (text: string) => lines.push(text.trimEnd()) } as unknown as NodeJS.WritableStream
    attachEventLogger(isolated, { format: 'pretty', verbosity: 'quiet', out, color: false })
    isolated.tenant('worker-1').send(emailTo('ann+bounce@x.test'))
    await isolated.tenant('worker-1').advance(2_000)
    isolated.tenant('worker-2')
    expect(lines.map((line) => line.slice(13))).toEqual([
      'receipt [worker-1] Bounce 7520 ann+bounce@x.test (Permanent_General)',
      'tenant  [worker-1] tenant evicted: the least recently used of limits.maxTenants (1); everything it held is forgotten',
    ])
    await isolated.close(0)
  })
})
