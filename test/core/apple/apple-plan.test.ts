import { describe, expect, it } from 'vitest'
import { appleChannel } from '../../../src/core/channels/apple/index.js'
import type { ReceiptContext } from '../../../src/core/channels/channel.js'
import type { CompiledRule } from '../../../src/core/kernel/rules.js'
import { refusal } from '../../support/refusal.js'
import { createTestEmulator } from '../../support/virtual-emulator.js'

// Apple Messages for Business on its own, straight from the channel definition: the plan (Submitted
// or Failed, never more), its refusals, the receipt, and the inbound events' payloads and edges.

const api = appleChannel.apis['messaging-v1']
const parseOutcome = appleChannel.parseOutcome

function state(config: Record<string, unknown> = {}, rules: CompiledRule[] = []) {
  let n = 0
  const ctx = {
    config: appleChannel.configSchema.parse(config),
    clock: { now: () => 0 },
    formatTimestamp: (ms: number) => `t${ms}`,
    tenant: { appId: 'tenant-app' },
    rules: () => rules,
    uuid: () => `uuid-${++n}`,
  }
  return appleChannel.createState(ctx as never)
}

const request = (amb: Record<string, unknown> = { type: 'text', text: 'Hi' }, extra: Record<string, unknown> = {}) =>
  api.schema.parse({
    deliverychannel: 'AppleBusinessChat',
    appid: 'app1',
    destination: [{ abcUserId: ['u1'] }],
    channels: { AppleBusinessChat: amb },
    ...extra,
  })

const rule = (address: string, outcome: string): CompiledRule => ({
  source: { address, outcome } as never,
  matches: (d) => d === address,
  outcome: parseOutcome(outcome),
})

describe('Apple Messages: the plan', () => {
  it('submits a message to each abcUserId, with its own subtid, and the message fields', () => {
    const body = request(
      { type: 'text', text: 'Hi' },
      { destination: [{ abcUserId: ['u1', 2] }], correlationid: 'c-1' },
    )
    const plan = api.plan(body, state(), 7)
    expect(plan.recipients).toEqual([
      {
        address: 'u1',
        correlationId: 'c-1',
        fate: 'submitted (default)',
        fields: { destinationType: 'applebusinesschat', subtid: 'uuid-1' },
        steps: [{ kind: 'submitted', after: 0, description: 'Submitted', additionalInfo: '' }],
      },
      expect.objectContaining({ address: '2', fields: { destinationType: 'applebusinesschat', subtid: 'uuid-2' } }),
    ])
    expect(plan).toMatchObject({
      from: 'app1',
      correlationId: 'c-1',
      callbackData: '',
      startsAt: 7,
      fields: { api: 'messaging-v1', appId: 'app1', type: 'text', text: 'Hi' },
    })
    expect(api.destinations(body)).toBe(2)
  })

  it('sends an invitation to the msisdns, not the abcUserIds; counts both kinds of destination', () => {
    const body = request({ type: 'invitation' }, { destination: [{ msisdn: ['+447700900123'], abcUserId: ['u1'] }] })
    const plan = api.plan(body, state(), 0)
    expect(plan.recipients.map((r) => [r.address, r.fields.destinationType])).toEqual([['+447700900123', 'msisdn']])
    expect(plan.fields).toMatchObject({ type: 'invitation', text: '' })
    expect(api.destinations(body)).toBe(2)
  })

  it('fails with one Failed receipt at the failed delay, the code’s words, by rule or default', () => {
    const byRule = api.plan(request(), state({ delays: { failed: 2_500 } }, [rule('u1', 'fail-7317')]), 0)
    expect(byRule.recipients[0]!.steps).toEqual([
      { kind: 'failed', after: 2_500, code: '7317', description: 'Merchant API session failed', additionalInfo: '' },
    ])
    expect(byRule.recipients[0]!.fate).toBe('failed 7317 (rule)')
    const byDefault = api.plan(request(), state({ defaultOutcome: 'failed' }), 0)
    expect(byDefault.recipients[0]!.steps).toEqual([
      { kind: 'failed', after: 1_000, code: '7010', description: 'Service provider exception', additionalInfo: '' },
    ])
    expect(byDefault.recipients[0]!.fate).toBe('failed 7010 (default)')
    // No contact-policy check on this API: a forced verdict plays the default outcome.
    const forced = api.plan(request(), state({ defaultOutcome: 'fail-7317' }, [rule('u1', 'noconsent')]), 0)
    expect(forced.recipients[0]!.steps).toMatchObject([{ kind: 'failed', code: '7317' }])
    expect(forced.recipients[0]!.fate).toBe('failed 7317 (rule)')
    const verdictByDefault = api.plan(request(), state({ defaultOutcome: 'consent-expired' }), 0)
    expect(verdictByDefault.recipients[0]!.steps).toMatchObject([{ kind: 'submitted' }])
    for (const [code, words] of [
      ['7011', 'Unknown Exception'],
      ['7301', 'Message expired'],
      ['7307', 'Endpoint not reachable'],
      ['7314', 'Invalid application details'],
      ['7316', 'Invalid application details'],
      ['7738', 'Failed to upload media'],
    ])
      expect(api.plan(request(), state({ defaultOutcome: `fail-${code}` }), 0).recipients[0]!.steps[0]).toMatchObject({
        code,
        description: words,
      })
    expect(parseOutcome('fail-7313')).toBeUndefined()
    expect(parseOutcome('undelivered')).toMatchObject({ kind: 'failure', code: '7010' })
    // No manual actions to release a held recipient, so no "hold" (a rule of it was played as submitted).
    expect(parseOutcome('hold')).toBeUndefined()
    // Submitted waits for its own delay.
    expect(api.plan(request(), state({ delays: { submitted: 300 } }), 0).recipients[0]!.steps[0]!.after).toBe(300)
  })

  it('refuses an app not in apps, a text message without text, and a destination without the id its type needs', () => {
    expect(refusal(() => api.plan(request(), state({ apps: ['other'] }), 0))).toEqual({
      code: 'invalid_app_id',
      message: 'Invalid app id',
      field: 'appid',
      detail: '"app1" is not one of AppleBusinessChat.apps',
    })
    expect(api.plan(request(), state({ apps: ['app1'] }), 0).recipients).toHaveLength(1)
    expect(refusal(() => api.plan(request({ type: 'text', text: '' }), state(), 0))).toMatchObject({
      code: 'missing_parameter',
      message: "param 'text' missing for channel AppleBusinessChat",
      field: 'channels.AppleBusinessChat.text',
    })
    // Other types need no text.
    expect(api.plan(request({ type: 'typing_start' }), state(), 0).recipients).toHaveLength(1)
    const second = { destination: [{ abcUserId: ['u1'] }, { msisdn: ['+447700900123'] }] }
    expect(refusal(() => api.plan(request({ type: 'text', text: 'Hi' }, second), state(), 0))).toEqual({
      code: 'missing_parameter',
      message: "param 'abcUserId' missing for channel AppleBusinessChat",
      field: 'destination[1]',
      detail: 'a message goes to an abcUserId',
    })
    expect(refusal(() => api.plan(request({ type: 'invitation' }), state(), 0))).toEqual({
      code: 'missing_parameter',
      message: "param 'msisdn' missing for channel AppleBusinessChat",
      field: 'destination[0]',
      detail: 'an invitation goes to a phone number (msisdn)',
    })
  })

  it('refuses a destination with neither id, and a requestIdentifier over 100 characters', () => {
    const parse = (extra: Record<string, unknown>) =>
      api.schema.safeParse({
        deliverychannel: 'AppleBusinessChat',
        appid: 'app1',
        destination: [{ abcUserId: ['u1'] }],
        channels: { AppleBusinessChat: { type: 'interactive', interactiveData: {} } },
        ...extra,
      })
    expect(parse({ destination: [{}] }).error?.issues[0]?.message).toBe('abcUserId (or msisdn for an invitation)')
    expect(parse({ destination: [{ abcUserId: ['u1'] }, {}] }).success).toBe(false)
    expect(parse({ destination: [] }).success).toBe(false)
    const id = (n: number) =>
      parse({ channels: { AppleBusinessChat: { type: 'text', text: 'Hi', requestIdentifier: 'r'.repeat(n) } } })
    expect(id(100).success).toBe(true)
    expect(id(101).error?.issues[0]?.message).toBe('at most 100 characters')
    expect(parse({ appid: 9 }).data?.appid).toBe('9')
  })
})

describe('Apple Messages: rich links and interactive messages', () => {
  const send = (amb: Record<string, unknown>) => {
    const { emulator } = createTestEmulator()
    return () =>
      emulator.sendV1({
        deliverychannel: 'AppleBusinessChat',
        appid: 'app1',
        destination: [{ abcUserId: ['urn:mbid:u1'] }],
        channels: { AppleBusinessChat: amb },
      })
  }
  const items = (n: number) => Array.from({ length: n }, (_, i) => ({ identifier: String(i), title: `Item ${i}` }))
  const listPicker = (sections: number, perSection: number) => ({
    type: 'interactive',
    interactiveData: {
      data: {
        version: '1.0',
        requestIdentifier: 'r1',
        listPicker: { sections: Array.from({ length: sections }, () => ({ items: items(perSection) })) },
      },
      receivedMessage: { title: 'Pick one' },
    },
  })
  const quickReply = (n: number) => ({
    type: 'interactive',
    interactiveData: { data: { version: '1.0', 'quick-reply': { summaryText: 'Choose', items: items(n) } } },
  })
  const timePicker = (n: number) => ({
    type: 'interactive',
    interactiveData: {
      data: {
        event: {
          title: 'Visit',
          timeslots: Array.from({ length: n }, (_, i) => ({ identifier: String(i), duration: 1800 })),
        },
      },
    },
  })

  it('refuses a rich link or an interactive message without its object, in the vendor’s 7003 words', () => {
    for (const [type, field] of [
      ['richLink', 'richLinkData'],
      ['interactive', 'interactiveData'],
    ])
      expect(refusal(send({ type }))).toMatchObject({
        code: 'missing_parameter',
        message: `param '${field}' missing for channel AppleBusinessChat`,
        field: `channels.AppleBusinessChat.${field}`,
      })
    expect(refusal(send({ type: 'richLink', richLinkData: { title: 'T', assets: {} } }))).toMatchObject({
      message: "param 'url' missing for channel AppleBusinessChat",
    })
    expect(
      refusal(send({ type: 'text', text: '\uFFFC', attachments: [{ url: 'https://x.test/a.jpg' }] })),
    ).toMatchObject({
      message: "param 'mimeType' missing for channel AppleBusinessChat",
    })
    // A url of spaces names nothing, as an empty one does.
    for (const amb of [
      { type: 'richLink', richLinkData: { url: '  ', title: 'T', assets: {} } },
      { type: 'text', text: '\uFFFC', attachments: [{ url: ' ', mimeType: 'image/jpeg' }] },
    ])
      expect(refusal(send(amb))).toMatchObject({ field: expect.stringMatching(/url$/) })
  })

  it('keeps to the limits Webex Connect documents: 20 sections of 20 items, 10 time slots, 2 to 5 quick replies', () => {
    for (const ok of [listPicker(20, 20), timePicker(10), quickReply(2), quickReply(5)])
      expect(send(ok)().message.recipients).toHaveLength(1)
    for (const [bad, param] of [
      [listPicker(21, 1), 'sections'],
      [listPicker(1, 21), 'items'],
      [timePicker(11), 'timeslots'],
      [quickReply(1), 'items'],
      [quickReply(6), 'items'],
    ] as const)
      expect(refusal(send(bad)), param).toMatchObject({
        code: 'invalid_parameter',
        message: `invalid value of param '${param}'`,
      })
  })

  it('takes D-AMB’s own rich link and list picker samples', () => {
    const richLink = {
      type: 'richLink',
      richLinkData: {
        url: 'https://youtu.be/gM0qOa_H-rs',
        title: 'Mpbile Testing',
        assets: { video: { url: 'https://youtu.be/gM0qOa_H-rs', mimeType: 'video/mp4' } },
      },
    }
    for (const amb of [richLink, listPicker(1, 3)]) expect(send(amb)().message.recipients).toHaveLength(1)
  })
})

describe('Apple Messages: the receipt', () => {
  const context = (kind: 'submitted' | 'failed') =>
    ({
      message: { messageId: 'tx-1', callbackData: 'cb', gtrid: 'g-1', serviceId: 's-1' },
      recipient: { address: '+447700900123', correlationId: 'c-1', destinationType: 'msisdn', subtid: 'sub-1' },
      receipt: {
        kind,
        timeStamp: 't5',
        code: kind === 'failed' ? '7314' : '7501',
        status: kind === 'failed' ? 'Failed' : 'Submitted',
        description: kind === 'failed' ? 'Invalid application details' : 'Submitted',
        additionalInfo: '',
      },
      serviceName: 'svc',
      style: 'full',
      state: undefined,
    }) as unknown as ReceiptContext

  it('key for key D-AMBWH’s sample; the subtid only on Submitted', () => {
    expect(JSON.stringify(appleChannel.buildReceipt('webhook', context('submitted')))).toBe(
      JSON.stringify({
        deliveryInfoNotification: {
          subtid: 'sub-1',
          deliveryInfo: {
            deliveryChannel: 'applebusinesschat',
            Description: 'Submitted',
            destinationType: 'msisdn',
            timeStamp: 't5',
            code: '7501',
            additionalInfo: '',
            deliveryStatus: 'Submitted',
            destination: '+447700900123',
          },
          correlationid: 'c-1',
          callbackData: 'cb',
          transid: 'tx-1',
        },
      }),
    )
    const failed = appleChannel.buildReceipt('webhook', context('failed')) as {
      deliveryInfoNotification: { subtid: string; deliveryInfo: Record<string, string> }
    }
    expect(failed.deliveryInfoNotification.subtid).toBe('')
    expect(failed.deliveryInfoNotification.deliveryInfo).toMatchObject({ code: '7314', deliveryStatus: 'Failed' })
  })

  it('as a data stream: the same notification in the data-stream envelope', () => {
    const webhook = appleChannel.buildReceipt('webhook', context('failed')) as Record<string, unknown>
    expect(appleChannel.buildReceipt('datastream', context('failed'))).toMatchObject({
      'x-wx-gtrid': 'g-1',
      deliveryInfoNotification: webhook.deliveryInfoNotification,
      dataIntegration: { context: { serviceId: 's-1', serviceName: 'svc' } },
    })
  })
})

describe('Apple Messages: inbound events', () => {
  const specs = appleChannel.inbound
  const fire = (name: keyof typeof specs, input: Record<string, unknown>, config: Record<string, unknown> = {}) => {
    const spec = specs[name]!
    const parsed = spec.schema.safeParse(input)
    if (!parsed.success) throw new Error(parsed.error.issues[0]!.message)
    return spec.build(parsed.data as never, state(config) as never, { tid: 'tid-1', ts: 'ts-1', at: 0 } as never) as {
      event: string
      from: string
      to: string[]
      subject: string
      targetEvent: string
      payloads: { webhook: Record<string, unknown>; datastream: Record<string, unknown> }
    }
  }
  const issue = (name: keyof typeof specs, input: Record<string, unknown>) =>
    specs[name]!.schema.safeParse(input).error?.issues[0]
  /** The keys the emulator has nothing for are sent empty, as the vendor's samples have them. */
  const empty = (payload: Record<string, unknown>, keys: string[]) =>
    expect(Object.fromEntries(keys.map((k) => [k, payload[k]]))).toEqual(Object.fromEntries(keys.map((k) => [k, ''])))

  it('an MO: to the first app in apps (else the tenant’s), its text as the subject, the defaults of the sample', () => {
    const mo = fire('appleBusinessChat', { abcUserId: 'u1', text: 'Hello' }, { apps: ['biz-1', 'biz-2'] })
    expect(mo).toMatchObject({ event: 'MO', from: 'u1', to: ['biz-1'], subject: 'Hello', targetEvent: 'mo' })
    expect(mo.payloads.webhook).toMatchObject({
      abcUserId: 'u1',
      channel: 'AppleBusinessChat',
      abcAccountId: '',
      appId: 'biz-1',
      event: 'MO',
      ts: 'ts-1',
      tid: 'tid-1',
      message: 'Hello',
      locale: 'en_US',
      capabilityList: 'AUTH%2CLIST%2CTIME%2CQUICK',
    })
    empty(mo.payloads.webhook, ['attachments', 'bizGroupId', 'bizIntentId', 'timestamp', 'capabilities', 'deviceAgent'])
    expect(mo.payloads.datastream).toEqual({ ...mo.payloads.webhook, 'x-wx-gtrid': '' })
    expect(fire('appleBusinessChat', { abcUserId: 'u1' }).payloads.webhook.appId).toBe('tenant-app')
    expect(fire('appleBusinessChat', { abcUserId: 'u1', appId: 'mine' }).to).toEqual(['mine'])
  })

  it('a list picker’s answer: counts and items as JSON, the titles chosen as the subject; a time picker’s', () => {
    const selected = [
      { identifier: 'a', title: 'Red' },
      { identifier: 'b', title: 'Blue' },
    ]
    const list = fire('appleInteractive', { abcUserId: 'u1', listPicker: { selectedItems: selected } })
    expect(list.subject).toBe('Red, Blue')
    expect(list.payloads.webhook).toMatchObject({
      event: 'INTERACTIVERESPONSE',
      message: '',
      attachments: '',
      datePicker: '',
      listPicker: JSON.stringify({ otherItemCount: 0, selectedItemCount: 2, otherItems: [], selectedItems: selected }),
      capabilityList: 'AUTH%2CLIST%2CTIME%2CFORM%2CQUICK%2CAUTH2',
    })
    const time = fire('appleInteractive', {
      abcUserId: 'u1',
      datePicker: { identifier: 'slot' },
      attachments: [{ name: 'a.png' }],
    })
    expect(time).toMatchObject({ subject: 'time picker', event: 'INTERACTIVERESPONSE', targetEvent: 'interactive' })
    empty(time.payloads.webhook, ['message', 'bizGroupId', 'bizIntentId', 'timezone', 'capabilities', 'deviceAgent'])
    expect(time.payloads.webhook).toMatchObject({
      datePicker: '{"identifier":"slot"}',
      listPicker: '',
      attachments: '[{"name":"a.png"}]',
    })
    expect(issue('appleInteractive', { abcUserId: 'u1' })?.message).toBe('give either listPicker or datePicker')
    const both = { abcUserId: 'u1', datePicker: {}, listPicker: { selectedItems: selected } }
    expect(issue('appleInteractive', both)?.message).toBe('give either listPicker or datePicker')
    expect(
      issue('appleInteractive', { abcUserId: 'u1', listPicker: { selectedItems: [{ identifier: 'a' }] } })?.message,
    ).toBe('an item needs an identifier and a title')
    expect(
      issue('appleInteractive', { abcUserId: 'u1', listPicker: { selectedItems: [{ identifier: 1, title: 'x' }] } })
        ?.message,
    ).toBe('an item needs an identifier and a title')
  })

  it('a quick reply: the item tapped’s title as the subject, its index in the JSON; an unknown identifier refused', () => {
    const items = [
      { identifier: 'y', title: 'Yes' },
      { identifier: 'n', title: 'No' },
    ]
    const reply = fire('appleQuickReply', { abcUserId: 'u1', items, selectedIdentifier: 'n' })
    expect(reply).toMatchObject({ event: 'QuickReplyResponse', subject: 'No', targetEvent: 'quick_reply' })
    empty(reply.payloads.webhook, ['bizGroupId', 'bizIntentId', 'timezone', 'capabilities', 'deviceAgent'])
    expect(reply.payloads.webhook.quickreplies).toBe(
      JSON.stringify({ selectedIdentifier: 'n', items, selectedIndex: 1 }),
    )
    expect(issue('appleQuickReply', { abcUserId: 'u1', items, selectedIdentifier: 'x' })).toMatchObject({
      message: 'selectedIdentifier must be the identifier of one of items',
      path: ['selectedIdentifier'],
    })
  })

  it('an authentication: classic or new, their default statuses, a fresh token unless given', () => {
    const classic = fire('appleAuthentication', { abcUserId: 'u1' })
    expect(classic).toMatchObject({
      event: 'AuthenticationResponse',
      subject: 'authenticated',
      targetEvent: 'authentication',
    })
    empty(classic.payloads.webhook, ['deviceAgent', 'requestIdentifier'])
    expect(classic.payloads.webhook).toMatchObject({
      authenticateStatus: 'authenticated',
      authenticateToken: 'uuid-1',
      capabilities: '',
      timezone: 'ts-1',
    })
    const fresh = fire('appleAuthentication', { abcUserId: 'u1', version: 'new', token: 'tok' })
    expect(fresh).toMatchObject({ event: 'NewAuthenticationResponse', subject: 'success' })
    expect(fresh.payloads.webhook).toMatchObject({ authenticateStatus: 'success', authenticateToken: 'tok' })
    expect(fresh.payloads.webhook).not.toHaveProperty('capabilities')
    expect(fire('appleAuthentication', { abcUserId: 'u1', status: 'failed' }).subject).toBe('failed')
  })

  it('a form: the selections in the messageForms envelope, private and version 1.1 by default', () => {
    const selections = [{ pageIdentifier: 'p1', items: [{ identifier: 'i1', value: 'v' }] }]
    const form = fire('appleForm', { abcUserId: 'u1', selections })
    expect(form).toMatchObject({ event: 'FormResponse', subject: 'form', targetEvent: 'form' })
    empty(form.payloads.webhook, ['deviceAgent', 'requestIdentifier'])
    expect(form.payloads.webhook.formResponse).toBe(
      JSON.stringify({ template: 'messageForms', version: '1.1', private: true, selections }),
    )
    expect(issue('appleForm', { abcUserId: 'u1', selections: [] })).toBeDefined()
  })
})
