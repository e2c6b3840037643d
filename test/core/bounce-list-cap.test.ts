// Issue 19, finding 5: the bounce list grew to 150,001 entries with no cap. It holds at most
// 100,000 (email.limits.maxSuppressed): an address added by hand past that is refused (409, naming
// the limit); a bounce from a send, which must not fail the send, pushes out the oldest entry instead.
import { describe, expect, it } from 'vitest'
import { parseConfig } from '../../src/core/parse-config.js'
import { controlApp, mail } from '../http/control/control-app.js'

const maxSuppressionEntries = 100_000

describe('the bounce list is capped', () => {
  it(`holds ${maxSuppressionEntries} entries by default: one more by hand is refused, a bounce pushes out the oldest`, async () => {
    expect(parseConfig({}).email.limits.maxSuppressed).toBe(maxSuppressionEntries)
    const { emulator, call, send } = controlApp()
    for (let i = 0; i < maxSuppressionEntries; i++) emulator.suppress(`u${i}@x.test`)
    expect(emulator.suppressed()).toHaveLength(maxSuppressionEntries)

    const refused = await call('POST', '/_emulator/suppression', { address: 'one-more@x.test' })
    expect(refused.status).toBe(409)
    expect(refused.body).toMatchObject({ code: 'conflict' })
    expect(refused.body.message).toMatch(
      /100000 entries \(email\.limits\.maxSuppressed\).*raise email\.limits\.maxSuppressed/,
    )
    expect(() => emulator.suppress('one-more@x.test')).toThrow(/100000 entries/)
    // Re-adding a listed address is no growth: it is taken.
    expect((await call('POST', '/_emulator/suppression', { address: 'u5@x.test' })).status).toBe(201)

    expect((await send(mail('ann+bounce@x.test'))).status).toBe(201)
    await emulator.runUntilIdle()
    const listed = emulator.suppressed().map((e) => e.address)
    expect(listed).toHaveLength(maxSuppressionEntries)
    expect(listed).toContain('ann+bounce@x.test')
    expect(listed).not.toContain('u0@x.test') // the oldest went
    expect(emulator.messages()[0]!.recipients[0]!.status).toBe('Bounce')
  }, 60_000)
})
