import { describe, expect, it } from 'vitest'
import { emailChannel } from '../../src/core/channels/email/index.js'
import { smsChannel } from '../../src/core/channels/sms/index.js'

// What a scenario's config becomes against a running emulator (`run --target`): the control-API
// calls that set the same state there (src/scenarios/drivers/http-driver.ts makes them).

describe("a channel's remote set-up", () => {
  it('email: the sandbox, then each suppressed address (never expiring) and each unsubscribe', () => {
    const slice = emailChannel.configSchema.parse({
      sandbox: { enabled: true, verified: ['me@brand.test'] },
      suppressed: ['gone@x.test'],
      unsubscribed: [{ sender: 'news@brand.test', address: 'ann@x.test' }],
    })
    expect(emailChannel.remoteSetup!(slice)).toEqual([
      { method: 'PUT', path: '/sandbox', body: { enabled: true, verified: ['me@brand.test'] } },
      { method: 'POST', path: '/suppression', body: { address: 'gone@x.test', for: 'never' } },
      { method: 'POST', path: '/unsubscribes', body: { sender: 'news@brand.test', address: 'ann@x.test' } },
    ])
  })

  it('SMS: the "+E.164" switch and the sender ids', () => {
    const slice = smsChannel.configSchema.parse({ e164: true, senders: ['88979'] })
    expect(smsChannel.remoteSetup!(slice)).toEqual([
      { method: 'PUT', path: '/sms/settings', body: { e164: true, senders: ['88979'] } },
    ])
  })
})
