import { describe, expect, it } from 'vitest'
import { controlApp, textMail } from './control-app.js'
import { sseReader } from './sse.js'

const sms = (to: string) => ({
  channel: 'sms',
  from: '88979',
  to: [{ msisdn: [to] }],
  content: { type: 'text', text: 'Your code: 1234' },
})

/** One email, one SMS, one inbound email and one MO, every webhook delivered. */
async function mixed() {
  const ctx = controlApp({
    config: {
      webhooks: {
        targets: [{ url: 'http://app.test/hooks' }, { url: 'http://app.test/inbound', events: ['inbound'] }],
      },
    },
  })
  const email = (await ctx.send(textMail('ann@a.test'))).body.messageId as string
  const text = (await ctx.send(sms('+447700900123'))).body.messageId as string
  expect(
    (await ctx.call('POST', '/_emulator/inbound/sms', { from: '+447700900124', to: '56263', text: 'HI' })).status,
  ).toBe(201)
  expect(
    (
      await ctx.call('POST', '/_emulator/inbound/email', {
        from: 'bob@a.test',
        to: 'help@brand.test',
        subject: 's',
        text: 't',
      })
    ).status,
  ).toBe(201)
  await ctx.emulator.runUntilIdle()
  return { ...ctx, email, text }
}

describe('?channel= on the control API lists', () => {
  it('GET /_emulator/messages?channel=sms lists SMS messages only', async () => {
    const { call, text, email } = await mixed()
    const sms = await call('GET', '/_emulator/messages?channel=sms')
    expect(sms.body.messages.map((m: any) => m.messageId)).toEqual([text])
    expect(sms.body.messages[0].recipients[0]).toMatchObject({ address: '+447700900123', status: 'Delivered' })
    expect((await call('GET', '/_emulator/messages?channel=email')).body.messages.map((m: any) => m.messageId)).toEqual(
      [email],
    )
    expect((await call('GET', '/_emulator/messages?recipient=447700900123')).body.total).toBe(1)
  })

  it('GET /_emulator/webhooks?channel=sms lists the deliveries of SMS receipts and MOs only', async () => {
    const { call, text, emulator } = await mixed()
    const all = (await call('GET', '/_emulator/webhooks')).body.deliveries
    const only = (await call('GET', '/_emulator/webhooks?channel=sms')).body.deliveries
    const mo = emulator.inbound().find((e) => e.channel === 'sms')!
    expect(
      only.map((d: any) => `${d.transid === text ? 'sms' : d.transid === mo.tid ? 'mo' : '?'} ${d.event}`).sort(),
    ).toEqual(['mo MO', 'sms 7500', 'sms 7501'])
    const email = (await call('GET', '/_emulator/webhooks?channel=email')).body.deliveries
    expect(email.length + only.length).toBe(all.length)
    expect(email.every((d: any) => !only.some((o: any) => o.id === d.id))).toBe(true)
    const state = await call('GET', `/_emulator/webhooks?channel=sms&messageId=${text}&state=delivered`)
    expect(state.body.deliveries).toHaveLength(2)
  })

  it('keeps a delivery on its channel once the store has forgotten its message (limits.maxMessages)', async () => {
    // The email's receipts fail (no retries), its message is forgotten, then they are replayed.
    const { app, send, call, emulator } = controlApp({
      config: { limits: { maxMessages: 1 }, webhooks: { retries: 0, targets: [{ url: 'http://app.test/hooks' }] } },
      respond: (request) => ({ status: request.body.includes('@') ? 500 : 200, latencyMs: 1 }),
    })
    const response = await app.request('/_emulator/events?channel=sms')
    const stream = sseReader(response.body!)
    const email = (await send(textMail('ann@a.test'))).body.messageId as string
    await emulator.runUntilIdle()
    const text = (await send(sms('+447700900123'))).body.messageId as string
    await emulator.runUntilIdle()
    expect(emulator.message(email)).toBeUndefined()
    expect((await call('POST', '/_emulator/webhooks/replay')).body.replayed).toBe(2)
    await emulator.runUntilIdle()
    const listed = async (channel: string) =>
      new Set((await call('GET', `/_emulator/webhooks?channel=${channel}`)).body.deliveries.map((d: any) => d.transid))
    expect(await listed('email')).toEqual(new Set([email]))
    expect(await listed('sms')).toEqual(new Set([text]))
    await call('POST', '/_emulator/reset')
    const events = await stream.until((e) => e.some((x) => x.event === 'reset'))
    const attempts = events.filter((e) => e.event === 'attempt')
    expect(attempts.length).toBeGreaterThan(0)
    expect(attempts.map((e) => `${e.data.channel} ${e.data.messageId}`)).toEqual(attempts.map(() => `sms ${text}`))
    await stream.cancel()
  })

  it('GET /_emulator/inbound?channel=sms lists MOs only', async () => {
    const { call } = await mixed()
    expect((await call('GET', '/_emulator/inbound')).body.events.map((e: any) => e.channel)).toEqual(['sms', 'email'])
    const sms = (await call('GET', '/_emulator/inbound?channel=sms')).body.events
    expect(sms).toEqual([
      expect.objectContaining({ channel: 'sms', event: 'MO', from: '+447700900124', to: ['56263'] }),
    ])
  })

  it('refuses an unknown channel by name, on every list and on the stream', async () => {
    const { call } = controlApp()
    for (const path of ['/_emulator/messages', '/_emulator/webhooks', '/_emulator/inbound', '/_emulator/events']) {
      const answer = await call('GET', `${path}?channel=fax`)
      expect(answer.status, path).toBe(400)
      expect(answer.body, path).toMatchObject({ code: 'invalid_request', field: 'channel' })
      expect(answer.body.message, path).toMatch(/"email"\|"sms"/)
    }
  })

  it('GET /_emulator/events?channel=sms streams SMS messages, receipts, attempts and MOs, and events of no channel', async () => {
    const { app, send, call, emulator } = controlApp({
      config: {
        webhooks: {
          targets: [{ url: 'http://app.test/hooks' }, { url: 'http://app.test/inbound', events: ['inbound'] }],
        },
      },
    })
    const response = await app.request('/_emulator/events?channel=sms')
    expect(response.status).toBe(200)
    const stream = sseReader(response.body!)
    await send(textMail('ann@a.test'))
    const { messageId } = (await send(sms('+447700900123'))).body
    await call('POST', '/_emulator/inbound/email', {
      from: 'bob@a.test',
      to: 'help@brand.test',
      subject: 's',
      text: 't',
    })
    await call('POST', '/_emulator/inbound/sms', { from: '+447700900124', to: '56263', text: 'HI' })
    await emulator.runUntilIdle()
    await call('POST', '/_emulator/reset')
    const events = await stream.until((e) => e.some((x) => x.event === 'reset'))
    const seen = events.slice(1).map((e) => `${e.event} ${e.data.channel ?? e.data.messageId ?? ''}`.trim())
    expect(seen.filter((s) => s.startsWith('message') || s.startsWith('receipt'))).toEqual([
      'message sms',
      'receipt sms',
      'receipt sms',
    ])
    expect(events.find((e) => e.event === 'inbound')!.data).toMatchObject({ channel: 'sms', from: '+447700900124' })
    expect(events.filter((e) => e.event === 'inbound')).toHaveLength(1)
    const attempts = events.filter((e) => e.event === 'attempt')
    expect(attempts.length).toBe(3) // Submitted, Delivered, the MO
    expect(attempts.filter((e) => e.data.messageId === messageId)).toHaveLength(2)
    expect(events.at(-1)!.event).toBe('reset')
    await stream.cancel()
  })
})
