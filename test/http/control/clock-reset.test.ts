import { describe, expect, it } from 'vitest'
import { createApp } from '../../../src/http/create-app.js'
import { createEmulator } from '../../../src/runtime/create-emulator.js'
import { controlApp, mail, receiptsIn } from './control-app.js'

describe('/_emulator/clock', () => {
  it('reports mode and now, and advancing fires everything due on the way', async () => {
    const ctx = controlApp({ config: { webhooks: { targets: [{ url: 'http://app.test/hooks' }] } } })
    const start = ctx.emulator.now()
    expect((await ctx.call('GET', '/_emulator/clock')).body).toEqual({
      mode: 'virtual',
      now: start,
      time: '2025-01-01T00:00:00.000Z',
      canSwitchMode: false,
    })
    await ctx.send(mail('ann@a.test'))
    const advanced = await ctx.call('POST', '/_emulator/clock/advance', { by: '2s' })
    expect(advanced.body).toMatchObject({ mode: 'virtual', now: start + 2_000 })
    expect(receiptsIn(ctx.sink).map(([, status]) => status)).toEqual(['Submitted', 'Delivered'])
  })

  it('switches a real clock to virtual time (frozen, moved by hand) and back', async () => {
    const emulator = createEmulator({ clock: 'real', config: { seed: 1 } })
    const app = createApp(emulator)
    try {
      const put = (mode: string) =>
        app.request('/_emulator/clock', {
          method: 'PUT',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ mode }),
        })
      const frozen = await (await put('virtual')).json()
      expect(frozen).toMatchObject({ mode: 'virtual', canSwitchMode: true })
      const advanced = await (
        await app.request('/_emulator/clock/advance', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{"by":"7d"}',
        })
      ).json()
      expect(advanced.now).toBe(frozen.now + 7 * 86_400_000)
      expect((await (await put('real')).json()).mode).toBe('real')
    } finally {
      await emulator.close()
    }
  })

  it.each([
    ['PUT', '/_emulator/clock', { mode: 'real' }, 409, 'wrong_clock_mode', /virtual time only/],
    ['PUT', '/_emulator/clock', { mode: 'fast' }, 400, 'invalid_request', /mode/],
    ['PUT', '/_emulator/clock', {}, 400, 'invalid_request', /"mode"/],
    ['PUT', '/_emulator/clock', '{mode:"real"}', 400, 'invalid_json', /Invalid JSON/],
    ['POST', '/_emulator/clock/advance', { by: 'soon' }, 400, 'invalid_request', /"soon" is not a duration/],
    ['POST', '/_emulator/clock/advance', { by: -5 }, 400, 'invalid_request', /"-5" is not a duration/],
    ['POST', '/_emulator/clock/advance', { by: true }, 400, 'invalid_request', /by/],
    ['POST', '/_emulator/clock/advance', { by: '1s', to: 'x' }, 400, 'invalid_request', /Unrecognized key: "to"/],
    ['POST', '/_emulator/clock/advance', '', 400, 'invalid_json', /empty/],
  ])('%s %s %j answers %i %s and changes nothing', async (method, path, body, status, code, message) => {
    const ctx = controlApp()
    await ctx.send(mail('ann@a.test'))
    await ctx.emulator.advance(0)
    await ctx.expectRefused(method, path, body, status, code, message)
  })
})

describe('POST /_emulator/reset', () => {
  it('forgets everything and restores the configured state', async () => {
    const ctx = controlApp({ config: { suppressed: ['cfg@a.test'], rules: [{ domain: 'r.test', outcome: 'bounce' }] } })
    await ctx.send(mail('ann+bounce@a.test'))
    await ctx.emulator.advance(60_000)
    await ctx.call('POST', '/_emulator/webhooks/targets', { url: 'http://app.test/x' })
    await ctx.call('POST', '/_emulator/rules', { domain: 'x.test', outcome: 'hold' })
    await ctx.call('PUT', '/_emulator/sandbox', { enabled: true, verified: ['me@a.test'] })
    await ctx.call('POST', '/_emulator/unsubscribes', { sender: 's@a.test', address: 'u@a.test' })
    await ctx.call('POST', '/_emulator/inbound/email', { from: 'c@a.test', to: 'me@brand.test' })

    const pristine = controlApp({
      config: { suppressed: ['cfg@a.test'], rules: [{ domain: 'r.test', outcome: 'bounce' }] },
    })
    await pristine.emulator.advance(60_000)
    await pristine.call('POST', '/_emulator/reset')
    expect(await ctx.call('POST', '/_emulator/reset')).toMatchObject({ status: 200, body: { reset: true } })
    const state = (c: typeof ctx) => JSON.parse(c.snapshot())
    expect({ ...state(ctx), sink: 0 }).toEqual({ ...state(pristine), sink: 0 })
  })

  it("with a serviceId, forgets only that service's messages, and stops their lifecycles", async () => {
    const ctx = controlApp({
      config: {
        services: [
          { id: '111', key: 'key-a' },
          { id: '222', key: 'key-b' },
        ],
        webhooks: { targets: [{ url: 'http://app.test/hooks' }] },
      },
    })
    const a = (await ctx.send(mail('ann@a.test'), 'key-a')).body.messageId
    const b = (await ctx.send(mail('bob@b.test'), 'key-b')).body.messageId
    await ctx.emulator.advance(0)
    const reset = await ctx.call('POST', '/_emulator/reset', { serviceId: '111' })
    expect(reset.status).toBe(200)
    await ctx.emulator.advance(60_000)
    expect(ctx.emulator.messages().map((m) => m.messageId)).toEqual([b])
    expect(ctx.emulator.deliveries().every((d) => d.transid === b)).toBe(true)
    expect(receiptsIn(ctx.sink)).toEqual([
      ['ann@a.test', 'Submitted', 'Submitted'],
      ['bob@b.test', 'Submitted', 'Submitted'],
      ['bob@b.test', 'Delivered', 'Delivered'],
    ])
    expect(a).not.toBe(b)
  })

  it.each([
    ['{"serviceId":', 'invalid_json', /Invalid JSON/],
    [{ serviceId: 111 }, 'invalid_request', /serviceId.*expected string/],
    [{ serviceId: '' }, 'invalid_request', /serviceId/],
    [{ everything: true }, 'invalid_request', /Unrecognized key: "everything"/],
  ])('refuses %j with 400 %s and forgets nothing', async (body, code, message) => {
    const ctx = controlApp()
    await ctx.send(mail('ann@a.test'))
    await ctx.emulator.advance(0)
    await ctx.expectRefused('POST', '/_emulator/reset', body, 400, code, message)
  })
})
