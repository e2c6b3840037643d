import { describe, expect, it } from 'vitest'
import { conversationOf } from '../../../src/core/channels/whatsapp/conversation.js'
import { whatsappChannel } from '../../../src/core/channels/whatsapp/index.js'
import { WhatsappState } from '../../../src/core/channels/whatsapp/state.js'

// What WhatsApp users push, built straight from the channel definition: each event's subject, the
// MO's type and what it shows, which events open the window (for the waid and the bsuid), and the
// preference event's own fields.

const hour = 3_600_000
const specs = whatsappChannel.inbound

function state(config: Record<string, unknown> = {}) {
  const ctx = {
    config: whatsappChannel.configSchema.parse({ apps: ['app-1'], ...config }),
    clock: { now: () => 0 },
    formatTimestamp: (ms: number) => `t${ms}`,
    tenant: { appId: 'tenant-app' },
    maxMessages: 100,
    messages: () => [],
    rules: () => [],
    uuid: () => 'uuid',
  }
  return new WhatsappState(ctx as never)
}

function fire(name: keyof typeof specs, input: Record<string, unknown>, wa = state(), at = 1_000) {
  const spec = specs[name]!
  const event = spec.build(
    spec.schema.parse(input) as never,
    wa as never,
    { tid: 'tid-1', ts: 'ts-1', at } as never,
  ) as {
    event: string
    subject: string
    targetEvent: string
    to: string[]
    payloads: { webhook: Record<string, unknown>; datastream: Record<string, unknown> }
  }
  return { event, wa, webhook: event.payloads.webhook, heard: wa.heard.toArray().at(-1) }
}

describe('WhatsApp inbound: an MO', () => {
  it('takes its type from what it carries: location, contacts, attachments (image), else text', () => {
    const type = (input: Record<string, unknown>) => fire('whatsapp', { waid: '1', ...input }).webhook.type
    expect(fire('whatsapp', { waid: '1', location: { latitude: 1, longitude: 2 } }).heard?.type).toBe('location')
    expect(type({ contacts: [{ name: 'Ann' }] })).toBe('contacts')
    expect(type({ attachments: [{ mime_type: 'image/png', url: 'https://x.test/a.png' }] })).toBe('image')
    expect(type({ text: 'Hi' })).toBe('text')
    expect(type({ type: 'sticker', attachments: [{ mime_type: 'image/webp', url: 'https://x.test/s.webp' }] })).toBe(
      'sticker',
    )
  })

  it('is about its text, else its type; keeps the caption as what was heard; shows media, a place or contact names', () => {
    const media = fire('whatsapp', {
      waid: '1',
      attachments: [{ mime_type: 'image/png', url: 'https://x.test/a.png', caption: 'Look' }],
    })
    expect(media.event).toMatchObject({ event: 'MO', subject: 'image', targetEvent: 'mo' })
    expect(media.heard).toMatchObject({
      type: 'image',
      text: 'Look',
      shown: { media: { url: 'https://x.test/a.png', mimeType: 'image/png' } },
    })
    const cards = fire('whatsapp', { waid: '1', contacts: [{ name: { formatted_name: 'Ann Lee' } }, { name: 'Bo' }] })
    expect(cards.heard?.shown).toEqual({ contacts: ['Ann Lee', 'Bo'] })
    const place = fire('whatsapp', { waid: '1', location: { latitude: 1.5, longitude: '2', name: 'Cafe' } })
    expect(place.heard?.shown).toEqual({ place: { latitude: '1.5', longitude: '2', name: 'Cafe', address: '' } })
    expect(fire('whatsapp', { waid: '1', text: 'Hi' }).heard?.shown).toBeUndefined()
  })

  it('sends a location MO’s location as JSON, an empty object when the type says location and none came', () => {
    expect(fire('whatsapp', { waid: '1', type: 'location' }).webhook.location).toBe('{}')
    expect(fire('whatsapp', { waid: '1', location: { latitude: 1, longitude: 2 } }).webhook.location).toBe(
      '{"address":"","latitude":"1","name":"","url":"","longitude":"2"}', // the vendor sample's order
    )
  })

  it('sends data streams with the platform’s empty context, messagingAPI "false"', () => {
    expect(fire('whatsapp', { waid: '1', text: 'Hi' }).event.payloads.datastream).toMatchObject({
      'x-wx-gtrid': '',
      dataIntegration: {
        context: { serviceId: '', serviceName: '', flowId: '', flowName: '', messagingAPI: 'false' },
        appContext: {},
      },
    })
  })
})

describe('WhatsApp inbound: the window', () => {
  it.each([
    ['whatsapp', { text: 'Hi' }],
    ['whatsappPostback', { buttonText: 'Yes', buttonPayload: 'Y' }],
    ['whatsappList', { listRowIdentifier: 'r1', listRowTitle: 'Row' }],
    ['whatsappReply', { replyButtonIdentifier: 'b1', replyButtonTitle: 'OK' }],
  ] as const)('%s opens it for 24 hours, for the waid and the bsuid alike', (name, input) => {
    const { wa } = fire(name, { waid: '447700900001', bsuid: 'US.123', ...input })
    expect(wa.windowClosesAt('app-1', ['447700900001'], 1_000)).toBe(1_000 + 24 * hour)
    expect(wa.windowClosesAt('app-1', ['US.123'], 1_000)).toBe(1_000 + 24 * hour)
  })

  it('a preference does not open it, and names the user with a + and the time in seconds', () => {
    const stop = fire('whatsappPreference', { waid: '447700900001', value: 'stop' }, state(), 1_234_567)
    expect(stop.wa.windowClosesAt('app-1', ['447700900001'], 1_234_567)).toBeUndefined()
    expect(stop.event.subject).toBe('stop marketing messages')
    expect(stop.webhook.user_preferences).toEqual([
      {
        waNumber: '+447700900001',
        detail: 'User requested to stop marketing messages',
        category: 'marketing_messages',
        value: 'stop',
        timestamp: '1234',
      },
    ])
    expect(stop.wa.hasOptedOut('app-1', ['447700900001'])).toBe(true)
    fire('whatsappPreference', { waid: '447700900001', value: 'resume' }, stop.wa)
    expect(stop.wa.hasOptedOut('app-1', ['447700900001'])).toBe(false)
    const plus = fire('whatsappPreference', { waid: '+447700900001', value: 'resume' })
    expect((plus.webhook.user_preferences as Array<{ waNumber: string }>)[0]!.waNumber).toBe('+447700900001')
  })
})

describe('WhatsApp inbound: answers', () => {
  it('a postback, a list row and a reply button are about what was pressed, and heard as such', () => {
    const postback = fire('whatsappPostback', { waid: '1', buttonText: 'Yes', buttonPayload: 'Y' })
    expect(postback.event).toMatchObject({ event: 'postback', subject: 'Yes', targetEvent: 'postback' })
    expect(postback.heard).toMatchObject({ type: 'button', text: 'Yes' })
    const list = fire('whatsappList', {
      waid: '1',
      listRowIdentifier: 'r1',
      listRowTitle: 'Row',
      listRowDescription: 'More',
    })
    expect(list.event).toMatchObject({ event: 'list', subject: 'Row' })
    expect(list.heard).toMatchObject({ type: 'list_reply', text: 'Row', shown: { description: 'More' } })
    const reply = fire('whatsappReply', { waid: '1', replyButtonIdentifier: 'b1', replyButtonTitle: 'OK' })
    expect(reply.event).toMatchObject({ event: 'reply', subject: 'OK' })
    expect(reply.heard).toMatchObject({ type: 'button_reply', text: 'OK' })
    expect(reply.event.to).toEqual(['app-1'])
  })
})

describe('WhatsApp: one app’s conversation with one user', () => {
  const sent = (messageId: string, waid: string) => ({
    messageId,
    appId: 'app-1',
    startsAt: 500,
    kind: 'session',
    type: 'text',
    text: `to ${waid}`,
    recipients: [{ waid, status: 'Delivered', receipts: [] }],
  })

  it('shows only what was sent to that user, and says whether a closed window is enforced', () => {
    const wa = state({ enforceWindow: false })
    const view = conversationOf(
      wa,
      [sent('m-1', '447700900001'), sent('m-2', '447700900002')] as never,
      'app-1',
      '447700900001',
    )
    expect(view.entries.map((e) => (e as { messageId?: string }).messageId)).toEqual(['m-1'])
    expect(view.window).toMatchObject({ open: false, enforced: false, closesIn: null })
    expect(conversationOf(state(), [], 'app-1', '447700900001').window.enforced).toBe(true)
  })
})
