// Issue 19, finding 1: time inputs are bounded, so no request can move the clock out of the range
// a timestamp can show (or `Date` can hold) and break every request after it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EmulatorError } from '../../src/core/kernel/errors.js'
import { parseConfig } from '../../src/core/parse-config.js'
import { createWebexConnectMock } from '../../src/msw/create-webex-connect-mock.js'
import { createEmulator } from '../../src/runtime/create-emulator.js'
import { createIsolatedEmulator } from '../../src/runtime/create-isolated-emulator.js'
import { type CliProcess, runCli, waitForOutput } from '../support/cli.js'
import { controlApp, mail, textMail } from './control/control-app.js'

const farFuture = '+275760-09-13T00:00:00.000Z'
const day = 86_400_000
const iso = (ms: number) => new Date(ms).toISOString()

describe('the reproduction: far sendAt and a huge advance', () => {
  it('refuses both sends with 7004 and the advance with 400, and the emulator keeps working', async () => {
    const { send, call, emulator } = controlApp()
    for (let i = 0; i < 2; i++) {
      const refused = await send(mail('ann@x.test', { sendAt: farFuture }))
      expect(refused.status).toBe(400)
      expect(refused.body).toEqual({ code: '7004', message: 'Invalid parameter - sendAt' })
      expect(refused.headers.get('x-emulator-detail')).toMatch(/between 0001-01-02.* and 9999-12-30/)
    }
    const advance = await call('POST', '/_emulator/clock/advance', { by: '99999999999d' })
    expect(advance.status).toBe(400)
    expect(advance.body).toMatchObject({ code: 'invalid_request', field: 'by' })
    expect(advance.body.message).toMatch(/longer than 366 days/)

    expect((await call('GET', '/_emulator/clock')).status).toBe(200)
    expect((await send(mail('ann@x.test'))).status).toBe(201)
    await emulator.runUntilIdle()
    expect(emulator.messages()[0]!.recipients[0]!.status).toBe('Delivered')
  })

  describe('against the real CLI', () => {
    let cli: CliProcess
    let url: string
    beforeAll(async () => {
      cli = runCli(['start', '--port', '0', '--seed', '3'])
      url = (await waitForOutput(() => cli.output().stdout, /listening on (http:\/\/127\.0\.0\.1:\d+)/))[1]!
    })
    afterAll(() => {
      if (cli.child.exitCode === null) cli.child.kill('SIGKILL')
    })

    it('never crashes and never answers 500', async () => {
      const post = (path: string, body: unknown) =>
        fetch(`${url}${path}`, {
          method: 'POST',
          headers: { key: 'k', 'content-type': 'application/json' },
          body: JSON.stringify(body),
        })
      expect((await post('/v2/messages', mail('a@x.test', { sendAt: farFuture }))).status).toBe(400)
      expect((await post('/v2/messages', mail('b@x.test', { sendAt: farFuture }))).status).toBe(400)
      expect((await post('/_emulator/clock/advance', { by: '99999999999d' })).status).toBe(400)
      expect((await post('/v2/messages', mail('c@x.test'))).status).toBe(201)
      expect((await fetch(`${url}/_emulator/clock`)).status).toBe(200)
      expect((await fetch(`${url}/_emulator/messages`)).status).toBe(200)
      expect(cli.child.exitCode).toBeNull()
      expect(cli.output().stderr).not.toMatch(/RangeError|Invalid time value/)
      cli.child.kill('SIGTERM')
      expect(await cli.exited).toBe(0)
    })
  })
})

describe('sendAt and expireAt: at most 7 days ahead (vendor)', () => {
  const start = Date.parse('2025-01-01T00:00:00.000Z')

  it.each(['sendAt', 'expireAt'])('takes %s exactly 7 days ahead and refuses a millisecond more', async (field) => {
    const { send } = controlApp()
    expect((await send(mail('a@x.test', { [field]: iso(start + 7 * day) }))).status).toBe(201)
    const refused = await send(mail('a@x.test', { [field]: iso(start + 7 * day + 1) }))
    expect(refused.status).toBe(400)
    expect(refused.body).toEqual({ code: '7004', message: `Invalid parameter - ${field}` })
    expect(refused.headers.get('x-emulator-detail')).toContain(`at most ${iso(start + 7 * day)}`)
  })

  it('starts a lifecycle at sendAt, and at once for a sendAt in the past', async () => {
    const { send, emulator } = controlApp()
    await send(mail('later@x.test', { sendAt: iso(start + 7 * day) }))
    await send(mail('past@x.test', { sendAt: '2000-01-01T00:00:00Z' }))
    const [later, past] = emulator.messages()
    expect(later!.startsAt).toBe(start + 7 * day)
    expect(past!.startsAt).toBe(start)
  })
})

describe('email: expireAt before the start, validity', () => {
  const start = Date.parse('2025-01-01T00:00:00.000Z')

  it('refuses an expireAt at or before the start (now, or sendAt) with 7004: no email could be sent, and no receipt says so', async () => {
    const { send, emulator } = controlApp()
    for (const times of [
      { expireAt: '2000-01-01T00:00:00Z' },
      { expireAt: iso(start) },
      { sendAt: iso(start + day), expireAt: iso(start + day - 1) },
      { sendAt: iso(start + day), expireAt: iso(start + day) },
    ]) {
      const refused = await send(mail('a@x.test', times))
      expect(refused.status, JSON.stringify(times)).toBe(400)
      expect(refused.body).toEqual({ code: '7004', message: 'Invalid parameter - expireAt' })
      expect(refused.headers.get('x-emulator-detail')).toMatch(/not after the email's start/)
    }
    expect(emulator.messages()).toEqual([])
  })

  it('takes an expireAt after the start, and a validity, and plays the email out as without them: at its start it is with SES', async () => {
    const { send, emulator } = controlApp()
    expect((await send(mail('a+slow@x.test', { expireAt: iso(start + 1) }))).status).toBe(201)
    expect(
      (await send(mail('b+slow@x.test', { sendAt: iso(start + day), expireAt: iso(start + day + 1) }))).status,
    ).toBe(201)
    expect((await send(mail('c+slow@x.test', { validity: 1 }))).status).toBe(201)
    await emulator.runUntilIdle()
    expect(emulator.messages().map((m) => m.recipients[0]!.status)).toEqual(['Delivered', 'Delivered', 'Delivered'])
  })
})

describe('SMS: sendAt, expireAt and validity on both APIs', () => {
  const start = Date.parse('2025-01-01T00:00:00.000Z')
  const v2 = (extra: Record<string, unknown>) => ({
    channel: 'sms',
    from: '88979',
    to: [{ msisdn: ['+447700900001'] }],
    content: { type: 'text', text: 'Hi' },
    ...extra,
  })
  const v1 = (extra: Record<string, unknown>) => ({ from: 'Brand', to: '+447700900001', content: 'Hi', ...extra })
  const post = async (app: ReturnType<typeof controlApp>['app'], path: string, body: unknown) => {
    const response = await app.request(path, {
      method: 'POST',
      headers: { key: 'k', 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
    return { status: response.status, body: await response.json(), detail: response.headers.get('x-emulator-detail') }
  }

  it.each([
    ['/v2/messages', 'sendAt', v2, 'Invalid parameter - sendAt'],
    ['/v2/messages', 'expireAt', v2, 'Invalid parameter - expireAt'],
    ['/v1/sms/messages', 'expireAt', v1, 'Invalid parameter -  : expireAt'],
  ] as const)(
    "%s takes %s exactly 7 days ahead and refuses a millisecond more, in that API's words",
    async (path, field, body, message) => {
      const { app, emulator } = controlApp()
      expect((await post(app, path, body({ [field]: iso(start + 7 * day) }))).status).toBeLessThan(300)
      const refused = await post(app, path, body({ [field]: iso(start + 7 * day + 1) }))
      expect(refused).toEqual({
        status: 400,
        body: { code: '7004', message },
        detail: expect.stringContaining(`at most ${iso(start + 7 * day)}`),
      })
      expect((await post(app, path, body({ [field]: farFuture }))).status).toBe(400)
      expect(emulator.messages()).toHaveLength(1)
    },
  )

  it.each([
    ['/v2/messages', 'sendAt', v2, 'Invalid parameter - sendAt'],
    ['/v2/messages', 'expireAt', v2, 'Invalid parameter - expireAt'],
    ['/v1/sms/messages', 'expireAt', v1, 'Invalid parameter -  : expireAt'],
  ] as const)(
    '%s refuses a %s outside the years a timestamp shows, and takes one in the past',
    async (path, field, body, message) => {
      const { app, emulator } = controlApp()
      for (const when of ['-271821-04-20T00:00:00.000Z', '0000-12-31T00:00:00.000Z']) {
        const refused = await post(app, path, body({ [field]: when }))
        expect(refused.status, when).toBe(400)
        expect(refused.body).toEqual({ code: '7004', message })
        expect(refused.detail).toMatch(/0001.*9999/)
      }
      expect(emulator.messages()).toEqual([])
      expect((await post(app, path, body({ [field]: '2000-01-01T00:00:00Z' }))).status).toBeLessThan(300)
      await emulator.runUntilIdle()
      expect(emulator.messages()[0]!.startsAt).toBe(start)
    },
  )

  it('the same from code and from the MSW handlers', async () => {
    const emulator = createEmulator({ clock: 'virtual', startAt: start })
    expect(() => emulator.send(v2({ expireAt: '-271821-04-20T00:00:00.000Z' }))).toThrow(/Invalid parameter - expireAt/)
    expect(() => emulator.send(v2({ sendAt: farFuture }))).toThrow(/Invalid parameter - sendAt/)
    const mock = createWebexConnectMock({ startAt: new Date(start) })
    expect(() => mock.emulator.submit('sms', 'sms-v1', v1({ expireAt: farFuture }))).toThrow(
      'Invalid parameter -  : expireAt',
    )
    expect(mock.emulator.messages()).toEqual([])
  })

  it("keeps validity within 72 hours (the carrier's limit), so an expiry never passes the clock's range", async () => {
    const { app } = controlApp()
    expect((await post(app, '/v2/messages', v2({ validity: 259_200 }))).status).toBe(201)
    const refused = await post(app, '/v2/messages', v2({ validity: 1e300 }))
    expect(refused.status).toBe(400)
    expect(refused.body).toEqual({ code: '7004', message: 'Invalid parameter - validity' })
  })
})

describe('moving the clock', () => {
  it('advances up to 366 days at once, and refuses more, a negative or a non-number', async () => {
    const { call } = controlApp()
    expect((await call('POST', '/_emulator/clock/advance', { by: '366d' })).status).toBe(200)
    for (const by of ['367d', -1, 1e300, 'soon']) {
      const refused = await call('POST', '/_emulator/clock/advance', { by })
      expect(refused.status, JSON.stringify(by)).toBe(400)
      expect(refused.body).toMatchObject({ code: 'invalid_request', field: 'by' })
    }
  })

  it('refuses to move the clock past 9999-12-30, naming it', async () => {
    const emulator = createEmulator({ clock: 'virtual', startAt: Date.parse('9999-12-01T00:00:00Z') })
    await emulator.advance(28 * day)
    const error = await emulator.advance(2 * day).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(EmulatorError)
    expect((error as EmulatorError).message).toContain('9999-12-30T00:00:00.000Z')
    expect(emulator.now()).toBe(Date.parse('9999-12-29T00:00:00Z'))
  })

  it('refuses a clock move that is not a number of milliseconds, from code too', async () => {
    const emulator = createEmulator({ clock: 'virtual' })
    const before = emulator.now()
    for (const ms of [Number.NaN, Number.POSITIVE_INFINITY, -5, '1m' as unknown as number])
      await expect(emulator.advance(ms)).rejects.toMatchObject({ code: 'invalid_request' })
    await expect(emulator.advanceUntil(() => false, Number.NaN)).rejects.toMatchObject({ code: 'invalid_request' })
    expect(emulator.now()).toBe(before)
  })

  it('refuses the same through the MSW helpers, which advance the clock too', async () => {
    const mock = createWebexConnectMock()
    await expect(mock.advance('99999999999d')).rejects.toThrow(/longer than 366 days/)
    await expect(mock.waitForWebhook(() => true, { within: '400d' })).rejects.toThrow(/longer than 366 days/)
    await expect(mock.advance('7d')).resolves.toBeUndefined()
  })

  it('lets a wait near the end of time wait up to it, rather than refusing it for passing 9999-12-30', async () => {
    const mock = createWebexConnectMock({ startAt: Date.parse('9999-12-29T23:59:58Z') })
    mock.emulator.send(textMail('ann@example.com'))
    // The default hour would pass the end of time; Delivered comes 1.5 s after the send.
    expect(await mock.waitForStatus('ann@example.com', 'Delivered')).toMatchObject({ code: '7500' })
    expect(await mock.emulator.advanceUntil(() => false, 3_600_000)).toBe(false)
    expect(mock.emulator.now()).toBe(Date.parse('9999-12-30T00:00:00Z'))
  })

  it('refuses a virtual clock that starts outside the years a timestamp can show', () => {
    for (const startAt of [Number.NaN, 8.64e15, Date.parse('10000-01-01T00:00:00Z'), -8.64e15])
      expect(() => createEmulator({ clock: 'virtual', startAt })).toThrow(/startAt .* is not a time/)
  })

  it('refuses the same for an isolated emulator, whose tenants each start a clock of their own', async () => {
    for (const startAt of [Number.NaN, 8.64e15, Date.parse('10000-01-01T00:00:00Z'), -8.64e15])
      expect(() => createIsolatedEmulator({ clock: 'virtual', startAt })).toThrow(/startAt .* is not a time/)
    const startAt = Date.parse('9999-12-29T00:00:00Z')
    const isolated = createIsolatedEmulator({ clock: 'virtual', startAt })
    expect(isolated.tenant('worker-1').now()).toBe(startAt)
    await isolated.close()
  })
})

describe('durations in config and control inputs: at most 366 days', () => {
  it.each([
    [{ delays: { delivered: '367d' } }, /email\.delays\.delivered: "367d" is longer than 366 days/],
    [{ bounceRetention: '400d' }, /email\.bounceRetention: "400d" is longer than 366 days/],
    [{ webhooks: { retryDelay: 1e300 } }, /webhooks\.retryDelay: .* is longer than 366 days/],
    [{ webhooks: { timeout: '30d' } }, /webhooks\.timeout: "30d" is longer than about 24\.8 days/],
    [{ chaos: { slowMs: '30d' } }, /chaos\.slowMs: "30d" is longer than about 24\.8 days/],
    [{ speed: 1e300 }, /speed: at most 1000000/],
  ])('refuses %j naming the limit', (config, message) => {
    expect(() => parseConfig(config)).toThrow(message)
  })

  it('takes the vendor-documented longest retention, 365 days', () => {
    expect(parseConfig({ bounceRetention: '365d' }).email.bounceRetention).toBe(365 * day)
  })

  it('refuses a bounce-list entry kept longer than 366 days, and keeps "never"', async () => {
    const { call, expectRefused } = controlApp()
    await expectRefused(
      'POST',
      '/_emulator/suppression',
      { address: 'a@x.test', for: '99999999999d' },
      400,
      'invalid_request',
      /longer than 366 days/,
    )
    expect((await call('POST', '/_emulator/suppression', { address: 'a@x.test', for: 'never' })).status).toBe(201)
  })

  it('refuses a consent expiry outside the years a timestamp can show', async () => {
    const { call } = controlApp()
    const refused = await call('POST', '/_emulator/contact-policy/groups/g/members', {
      channel: 'email',
      address: 'a@x.test',
      consent: true,
      expires: 8.64e15,
    })
    expect(refused.status).toBe(400)
    expect(refused.body.message).toMatch(/9999-12-30/)
  })

  it('never schedules a retry further than 366 days ahead, however steep the backoff', async () => {
    const emulator = createEmulator({
      clock: 'virtual',
      config: { webhooks: { targets: [{ url: 'http://app.test/h' }], retries: 20, backoffFactor: 1e9 } },
      transport: async () => ({ status: 500, latencyMs: 1 }),
    })
    emulator.send(mail('a@x.test', { content: { type: 'text', subject: 's', text: 't' } }))
    await emulator.runUntilIdle()
    const [first] = emulator.deliveries()
    const gaps = first!.attempts.slice(1).map((a, i) => a.at - first!.attempts[i]!.at)
    expect(gaps).toHaveLength(20)
    expect(Math.max(...gaps)).toBe(366 * day)
    expect(emulator.clockState().time).toMatch(/^\d{4}-/)
  })
})
