import { describe, expect, it } from 'vitest'
import type { ReceiptContext } from '../../../src/core/channels/channel.js'
import { messengerChannel } from '../../../src/core/channels/messenger/index.js'
import { MessengerState, messengerConfigSchema } from '../../../src/core/channels/messenger/state.js'
import type { CompiledRule } from '../../../src/core/kernel/rules.js'
import { refusal } from '../../support/refusal.js'

// Messenger's plan, receipts and inbound events on their own, straight from the channel definition:
// which steps each outcome plays, with which codes, words and delays, and the payloads built.

const api = messengerChannel.apis['messaging-v1']
const inbound = messengerChannel.inbound.messenger
const parseOutcome = messengerChannel.parseOutcome

function state(config: Record<string, unknown> = {}, rules: CompiledRule[] = []) {
  const ctx = {
    config: messengerConfigSchema.parse(config),
    clock: { now: () => 0 },
    formatTimestamp: (ms: number) => `t${ms}`,
    tenant: { appId: 'tenant-app' },
    rules: () => rules,
  }
  return new MessengerState(ctx as never, parseOutcome)
}

/** A state whose (app1, each psid) window opened at 0, so the 24-hour policy lets messages through. */
function open(config: Record<string, unknown> = {}, rules: CompiledRule[] = [], psids = ['p1', 'p2']) {
  const fb = state(config, rules)
  fb.windows.open('app1', psids, 0)
  return fb
}

function request(fb: Record<string, unknown> | null = { text: 'Hi' }, extra: Record<string, unknown> = {}) {
  return api.schema.parse({
    deliverychannel: 'fb',
    appid: 'app1',
    destination: [{ psid: ['p1'] }],
    ...(fb ? { channels: { 'OTT-Messaging': { fb } } } : {}),
    ...extra,
  })
}

const rule = (psid: string, outcome: string): CompiledRule => ({
  source: { address: psid, outcome } as never,
  matches: (d) => d === psid,
  outcome: parseOutcome(outcome),
})

const stepsOf = (plan: ReturnType<typeof api.plan>, i = 0) =>
  plan.recipients[i]!.steps.map((s) => [s.kind, s.after, s.description, s.code ?? '', s.additionalInfo])

describe('Messenger: the plan', () => {
  it('delivers and reads by default: Submitted at 0, Delivered at 1 s, Read at 5 s, with the message fields', () => {
    const plan = api.plan(
      request({ text: 'Hi' }, { correlationid: 'c-1', callbackData: 'cb', notifyurl: 'https://n.test' }),
      open(),
      10,
    )
    expect(stepsOf(plan)).toEqual([
      ['submitted', 0, 'Submitted', '', ''],
      ['delivered', 1_000, 'Delivered', '', ''],
      ['read', 5_000, 'Read', '', ''],
    ])
    expect(plan.recipients[0]).toMatchObject({
      address: 'p1',
      correlationId: 'c-1',
      fate: 'delivered (default)',
    })
    expect(plan.recipients[0]!.held).toBeUndefined()
    expect(plan).toMatchObject({
      from: 'app1',
      correlationId: 'c-1',
      callbackData: 'cb',
      notifyUrl: 'https://n.test',
      startsAt: 10,
      fields: { api: 'messaging-v1', appId: 'app1', text: 'Hi' },
    })
  })

  it('reads only when fb.read or the outcome says so, never after a sender action, and never before delivered', () => {
    const kinds = (plan: ReturnType<typeof api.plan>) => plan.recipients[0]!.steps.map((s) => s.kind)
    expect(kinds(api.plan(request(), open({ read: false }), 0))).toEqual(['submitted', 'delivered'])
    expect(kinds(api.plan(request(), open({ read: false, defaultOutcome: 'read' }), 0))).toEqual([
      'submitted',
      'delivered',
      'read',
    ])
    expect(kinds(api.plan(request({ sender_action: 'typing_on' }), open(), 0))).toEqual(['submitted', 'delivered'])
    // A read delay shorter than the delivered one waits for Delivered.
    const early = api.plan(request(), open({ delays: { delivered: 3_000, read: 1_000 } }), 0)
    expect(stepsOf(early).map((s) => s[1])).toEqual([0, 3_000, 3_000])
  })

  it('plays the default outcome for a forced contact-policy verdict: Messenger has no check to apply it to', () => {
    const plan = api.plan(request(), open({ defaultOutcome: 'no-consent' }), 0)
    expect(plan.recipients[0]!.steps.map((s) => s.kind)).toEqual(['submitted', 'delivered', 'read'])
    expect(plan.recipients[0]!.fate).toBe('delivered (default)')
    const byRule = api.plan(request(), open({ defaultOutcome: 'fail-7303' }, [rule('p1', 'frequency-capped')]), 0)
    expect(byRule.recipients[0]!.steps.map((s) => [s.kind, s.code ?? ''])).toEqual([
      ['submitted', ''],
      ['failed', '7303'],
    ])
    expect(byRule.recipients[0]!.fate).toBe('failed 7303 (rule)')
    const submitted = api.plan(request(), open({ defaultOutcome: 'submitted' }, [rule('p1', 'noconsent')]), 0)
    expect(submitted.recipients[0]!.steps.map((s) => s.kind)).toEqual(['submitted'])
  })

  it('submits only, for the outcome "submitted"; has no "hold", as it takes no manual actions to release one', () => {
    const submitted = api.plan(request(), open({ defaultOutcome: 'submitted' }), 0)
    expect(stepsOf(submitted)).toEqual([['submitted', 0, 'Submitted', '', '']])
    expect(submitted.recipients[0]!.fate).toBe('submitted (default)')
    expect(parseOutcome('hold')).toBeUndefined()
    expect(parseOutcome('manual')).toBeUndefined()
    expect(refusal(() => open({ defaultOutcome: 'hold' })).message).toMatch(/fb.defaultOutcome "hold"/)
  })

  it('fails after Submitted with the code’s words, at the failed delay or after Submitted, by rule or default', () => {
    const byRule = api.plan(request(), open({}, [rule('p1', 'fail-7303')]), 0)
    expect(stepsOf(byRule)).toEqual([
      ['submitted', 0, 'Submitted', '', ''],
      ['failed', 1_000, 'Endpoint not reachable', '7303', ''],
    ])
    expect(byRule.recipients[0]!.fate).toBe('failed 7303 (rule)')
    const late = api.plan(request(), open({ defaultOutcome: 'failed', delays: { submitted: 4_000, failed: 1_000 } }), 0)
    expect(stepsOf(late)).toEqual([
      ['submitted', 4_000, 'Submitted', '', ''],
      ['failed', 4_000, 'Service provider exception.', '7010', ''],
    ])
    expect(late.recipients[0]!.fate).toBe('failed 7010 (default)')
    for (const [code, words] of [
      ['7011', 'Unknown Exception'],
      ['7301', 'Message expired'],
      ['7526', 'Either subscription messaging permission not enabled or invalid tag received from the request'],
    ])
      expect(stepsOf(api.plan(request(), open({ defaultOutcome: `fail-${code}` }), 0))[1]).toEqual([
        'failed',
        1_000,
        words,
        code,
        '',
      ])
    expect(parseOutcome('fail-7999')).toBeUndefined()
    expect(parseOutcome('undelivered')).toMatchObject({ kind: 'failure', code: '7010' })
  })

  it('fails a message outside the window with one Failed receipt at the failed delay, Meta’s words as additionalInfo', () => {
    const plan = api.plan(request(), state({ delays: { failed: 2_000 } }), 0)
    const [only] = plan.recipients[0]!.steps
    expect(plan.recipients[0]!.steps).toHaveLength(1)
    expect(only).toMatchObject({
      kind: 'failed',
      after: 2_000,
      description: 'Inbound message not received from the user',
      code: '7313',
    })
    expect(only!.additionalInfo).toMatch(/^\(#10\) This message is sent outside of allowed window/)
    expect(plan.recipients[0]).toMatchObject({
      fate: 'failed 7313 (no message from p1 to app1 in the last 24 h)',
      held: false,
    })
  })

  it('plans one recipient per psid of every destination, and counts them', () => {
    const body = request({ text: 'Hi' }, { destination: [{ psid: ['p1', 'p2'] }, { psid: [3] }] })
    expect(api.destinations(body)).toBe(3)
    const plan = api.plan(body, open({}, [], ['p1', 'p2', '3']), 0)
    expect(plan.recipients.map((r) => r.address)).toEqual(['p1', 'p2', '3'])
  })

  it('records the attachment’s type, or the sender action, as the text when there is no text', () => {
    const attachment = { attachment: { type: 'image', payload: { url: 'https://x.test/a.png' } } }
    expect(api.plan(request(attachment), open(), 0).fields.text).toBe('image')
    expect(api.plan(request({ sender_action: 'mark_seen' }), open(), 0).fields.text).toBe('mark_seen')
    expect(api.plan(request(), open(), 0).callbackData).toBe('')
  })

  it('refuses in the vendor’s words: an app not in fb.apps, no OTT-Messaging, no fb, nothing to send', () => {
    expect(refusal(() => api.plan(request(), open({ apps: ['other'] }), 0))).toEqual({
      code: 'invalid_app_id',
      message: 'Invalid app id',
      field: 'appid',
      detail: '"app1" is not one of fb.apps',
    })
    expect(api.plan(request(), open({ apps: ['app1'] }), 0).recipients).toHaveLength(1)
    expect(refusal(() => api.plan(request(null), open(), 0))).toMatchObject({
      code: 'missing_parameter',
      message: "param 'OTT-Messaging' missing for channel fb",
      field: 'channels.OTT-Messaging',
    })
    const noFb = api.schema.parse({
      deliverychannel: 'fb',
      appid: 'app1',
      destination: [{ psid: ['p1'] }],
      channels: { 'OTT-Messaging': {} },
    })
    expect(refusal(() => api.plan(noFb, open(), 0))).toMatchObject({
      code: 'missing_parameter',
      message: "param 'fb' missing for channel fb",
      field: 'channels.OTT-Messaging.fb',
    })
    expect(refusal(() => api.plan(request({ notification_type: 'REGULAR' }), open(), 0))).toMatchObject({
      code: 'missing_parameter',
      message: "param 'text' missing for channel fb",
      field: 'channels.OTT-Messaging.fb.text',
    })
  })

  it('reads appid and psids given as numbers as strings; refuses a text over 2,000 characters and 14 quick replies', () => {
    const body = request({ text: 'Hi' }, { appid: 42, destination: [{ psid: [7] }] })
    expect(body.appid).toBe('42')
    expect(body.destination[0]!.psid).toEqual(['7'])
    expect(api.schema.safeParse(request({ text: 'x'.repeat(2_000) })).success).toBe(true)
    const long = api.schema.safeParse({
      ...request(),
      channels: { 'OTT-Messaging': { fb: { text: 'x'.repeat(2_001) } } },
    })
    expect(long.error?.issues[0]?.message).toBe('at most 2000 characters')
    const replies = (n: number) =>
      api.schema.safeParse({
        ...request(),
        channels: { 'OTT-Messaging': { fb: { text: 'Hi', quick_replies: Array(n).fill({ content_type: 'text' }) } } },
      }).success
    expect([replies(13), replies(14)]).toEqual([true, false])
    expect(api.schema.safeParse({ ...request(), appid: '' }).success).toBe(false)
  })
})

describe('Messenger: receipts', () => {
  const message = { messageId: 'tx-1', callbackData: 'cb', gtrid: 'g-1', serviceId: 's-1' }
  const recipient = { address: 'p1', correlationId: 'c-1' }
  const context = (kind: string, style: 'full' | 'as-documented') =>
    ({
      message,
      recipient,
      receipt: {
        kind,
        timeStamp: 't5',
        code: kind === 'failed' ? '7313' : '7501',
        status: kind === 'failed' ? 'Failed' : 'Submitted',
        description: kind === 'failed' ? 'Inbound message not received from the user' : 'Submitted',
        additionalInfo: kind === 'failed' ? '(#10) …' : '',
      },
      serviceName: 'svc',
      style,
      state: undefined,
    }) as unknown as ReceiptContext

  it('as-documented: Submitted spelt "Submited", key for key the sample, no additionalInfo or subtid', () => {
    const body = messengerChannel.buildReceipt('webhook', context('submitted', 'as-documented'))
    expect(JSON.stringify(body)).toBe(
      JSON.stringify({
        deliveryInfoNotification: {
          deliveryInfo: {
            deliveryChannel: 'fb',
            Description: 'Submited',
            destinationType: 'psid',
            timeStamp: 't5',
            code: '7501',
            deliveryStatus: 'Submited',
            destination: 'p1',
          },
          correlationid: 'c-1',
          callbackData: 'cb',
          transid: 'tx-1',
        },
      }),
    )
  })

  it('full (and every other as-documented receipt): the whole envelope in the Failed sample’s order', () => {
    const failed = {
      deliveryInfoNotification: {
        deliveryInfo: {
          timeStamp: 't5',
          Description: 'Inbound message not received from the user',
          code: '7313',
          deliveryChannel: 'fb',
          additionalInfo: '(#10) …',
          destination: 'p1',
          destinationType: 'psid',
          deliveryStatus: 'Failed',
        },
        subtid: '',
        transid: 'tx-1',
        callbackData: 'cb',
        correlationid: 'c-1',
      },
    }
    expect(JSON.stringify(messengerChannel.buildReceipt('webhook', context('failed', 'as-documented')))).toBe(
      JSON.stringify(failed),
    )
    const full = messengerChannel.buildReceipt('webhook', context('submitted', 'full')) as typeof failed
    expect(full.deliveryInfoNotification.deliveryInfo).toMatchObject({
      Description: 'Submitted',
      deliveryStatus: 'Submitted',
    })
    expect(Object.keys(full.deliveryInfoNotification)).toEqual([
      'deliveryInfo',
      'subtid',
      'transid',
      'callbackData',
      'correlationid',
    ])
  })

  it('as a data stream: the same notification inside the data-stream envelope, with the message’s gtrid and service', () => {
    const stream = messengerChannel.buildReceipt('datastream', context('failed', 'full')) as Record<string, unknown>
    const webhook = messengerChannel.buildReceipt('webhook', context('failed', 'full')) as Record<string, unknown>
    expect(stream).toMatchObject({
      'x-wx-gtrid': 'g-1',
      deliveryInfoNotification: webhook.deliveryInfoNotification,
      dataIntegration: { context: { serviceId: 's-1', serviceName: 'svc' } },
    })
  })
})

describe('Messenger: inbound events', () => {
  const at = 1_000
  const build = (input: Record<string, unknown>, fb = state()) => ({
    fb,
    event: inbound.build(inbound.schema.parse(input), fb, { tid: 'tid-1', ts: 'ts-1', at } as never),
  })

  it('an MO key for key as the sample, to the first app in fb.apps, and opens that window', () => {
    const { fb, event } = build({ psid: 'p1', text: 'Hello', name: 'Ann' }, state({ apps: ['page-1', 'page-2'] }))
    expect(JSON.stringify(event.payloads.webhook)).toBe(
      JSON.stringify({
        userId: '',
        channel: 'Facebook Messenger',
        psid: 'p1',
        appId: 'page-1',
        event: 'MO',
        ts: 'ts-1',
        tid: 'tid-1_0',
        message: 'Hello',
        attachments: '',
        locale: '',
        gender: '',
        timezone: '',
        name: 'Ann',
        profile_pic: '',
      }),
    )
    expect(event).toMatchObject({
      event: 'MO',
      from: 'p1',
      to: ['page-1'],
      subject: 'Hello',
      targetEvent: 'mo',
      changed: 'fb',
    })
    expect(event.payloads.datastream).toEqual({ ...event.payloads.webhook, 'x-wx-gtrid': '' })
    // The window runs 24 hours from the event's time.
    expect(fb.windowFailure('page-1', 'p1', {}, at + 86_400_000 - 1)).toBeUndefined()
    expect(fb.windowFailure('page-1', 'p1', {}, at + 86_400_000)?.code).toBe('7313')
    expect(fb.windowFailure('page-2', 'p1', {}, at)?.code).toBe('7313')
  })

  it('a postback (OnPostback) with its payload as JSON, to the given app, else the tenant’s; attachments as a JSON string', () => {
    const { event } = build({ psid: 'p1', appId: 'page-9', postback: 'BUY', attachments: [{ type: 'image' }] })
    expect(event.payloads.webhook).toMatchObject({
      appId: 'page-9',
      event: 'OnPostback',
      postback: '{"payload":"BUY"}',
      attachments: '[{"type":"image"}]',
    })
    expect(event).toMatchObject({ event: 'OnPostback', subject: 'OnPostback', to: ['page-9'] })
    const tenant = build({ psid: 'p2' })
    expect(tenant.event.payloads.webhook).toMatchObject({ appId: 'tenant-app', event: 'MO' })
    expect(tenant.event.payloads.webhook).not.toHaveProperty('postback')
  })

  it('lists the windows with whether each is open, on the control route', () => {
    const fb = open()
    const [route] = messengerChannel.routes(fb)
    expect(route).toMatchObject({ method: 'get', path: '/fb/windows' })
    const answer = route!.handle({} as never) as { status: number; body: { windows: unknown[] } }
    expect(answer.status).toBe(200)
    expect(answer.body.windows).toHaveLength(2)
  })
})
