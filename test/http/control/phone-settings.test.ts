import { describe, expect, it } from 'vitest'
import { controlApp } from './control-app.js'

// The control routes MMS and RCS share (src/core/channels/sms/phone-routes.ts): the tenant's senders
// — MMS-enabled numbers, RCS app ids — read, replaced and put back by a reset, and the failure codes.

describe.each([
  ['mms', 'senders', '+14155550100'],
  ['rcs', 'apps', 'a_1570171'],
] as const)('/_emulator/%s/settings', (channel, key, configured) => {
  it('reads the configured list, replaces it, and a reset puts the configured one back', async () => {
    const { call } = controlApp({ config: { [channel]: { [key]: [configured] } } })
    expect(await call('GET', `/_emulator/${channel}/settings`)).toMatchObject({
      status: 200,
      body: { [key]: [configured] },
    })
    expect(await call('PUT', `/_emulator/${channel}/settings`, { [key]: ['other'] })).toMatchObject({
      status: 200,
      body: { [key]: ['other'] },
    })
    expect((await call('GET', `/_emulator/${channel}/settings`)).body).toEqual({ [key]: ['other'] })
    expect((await call('POST', '/_emulator/reset')).status).toBe(200)
    expect((await call('GET', `/_emulator/${channel}/settings`)).body).toEqual({ [key]: [configured] })
  })

  it('refuses a list that is not one, naming the field, and lists the failure codes', async () => {
    const { call } = controlApp()
    const refused = await call('PUT', `/_emulator/${channel}/settings`, { [key]: 'one' })
    expect(refused.status).toBe(400)
    expect(JSON.stringify(refused.body)).toContain(key)
    const { status, body } = await call('GET', `/_emulator/${channel}/codes`)
    expect(status).toBe(200)
    expect(body.codes.length).toBeGreaterThan(5)
    expect(body.codes[0]).toEqual({
      code: expect.stringMatching(/^\d{4}$/),
      description: expect.any(String),
      status: expect.stringMatching(/^(Failed|Un-Delivered)$/),
    })
  })
})

describe('/_emulator/sms/settings', () => {
  it('reads the "+E.164" switch and the sender ids, changes only the keys given, and a reset restores them', async () => {
    const { call } = controlApp({ config: { sms: { e164: true, senders: ['88979'] } } })
    expect(await call('GET', '/_emulator/sms/settings')).toMatchObject({
      status: 200,
      body: { e164: true, senders: ['88979'] },
    })
    expect(await call('PUT', '/_emulator/sms/settings', { senders: ['BRAND'] })).toMatchObject({
      status: 200,
      body: { e164: true, senders: ['BRAND'] },
    })
    expect(await call('PUT', '/_emulator/sms/settings', { e164: false })).toMatchObject({
      status: 200,
      body: { e164: false, senders: ['BRAND'] },
    })
    expect((await call('GET', '/_emulator/sms/settings')).body).toEqual({ e164: false, senders: ['BRAND'] })
    expect((await call('POST', '/_emulator/reset')).status).toBe(200)
    expect((await call('GET', '/_emulator/sms/settings')).body).toEqual({ e164: true, senders: ['88979'] })
  })

  it('refuses a switch that is not a boolean, naming the field, and changes nothing', async () => {
    const { call } = controlApp()
    const refused = await call('PUT', '/_emulator/sms/settings', { e164: 'yes' })
    expect(refused.status).toBe(400)
    expect(JSON.stringify(refused.body)).toContain('e164')
    expect((await call('GET', '/_emulator/sms/settings')).body).toEqual({ e164: false, senders: [] })
  })

  it('lists the SMS failure codes', async () => {
    const { call } = controlApp()
    const { status, body } = await call('GET', '/_emulator/sms/codes')
    expect(status).toBe(200)
    expect(body.codes.length).toBeGreaterThan(5)
  })
})
