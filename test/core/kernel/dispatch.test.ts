import { describe, expect, it } from 'vitest'
import type { AnyChannel, ReceiptContext } from '../../../src/core/channels/channel.js'
import { createDispatcher } from '../../../src/core/kernel/dispatch.js'
import type { BaseMessage, BaseRecipient, ReceiptRecord } from '../../../src/core/kernel/message-store.js'
import type { Outbox } from '../../../src/core/kernel/outbox.js'
import { WebhookTargets } from '../../../src/core/kernel/webhook-targets.js'
import type { EmulatorConfig, WebhookTargetConfig } from '../../../src/core/schemas/config.js'

type DeliveryFields = Parameters<Outbox['enqueue']>[0]
const configSignature = { algorithm: 'sha256', format: 'hex' } as const
const ownSignature = { algorithm: 'sha512', format: 'prefixed' } as const

// The dispatcher on its own: a channel whose receipt body names its format and context, an outbox
// that records what it is handed, and the targets and config a test sets.
function dispatcher({
  notifyUrlReceipt,
  serviceName = 'Shop',
}: {
  notifyUrlReceipt?: (context: ReceiptContext) => unknown
  serviceName?: string
} = {}) {
  const built: string[] = []
  const definition = {
    name: 'fax',
    receipts: { delivered: { code: '7500', status: 'Delivered', requestedAs: ['delivered'] } },
    buildReceipt: (format: string, context: ReceiptContext) => {
      built.push(format)
      return { format, service: context.serviceName, style: context.style, to: context.recipient.address }
    },
    ...(notifyUrlReceipt ? { notifyUrlReceipt } : {}),
  } as unknown as AnyChannel
  const enqueued: DeliveryFields[] = []
  const targets = new WebhookTargets()
  const config = {
    services: [{ id: 'svc-1', name: serviceName }],
    receipts: { style: 'full' },
    webhooks: { hubSecret: 'hub-secret', hubSignature: configSignature },
  } as unknown as EmulatorConfig
  const dispatch = createDispatcher({
    outbox: { enqueue: (fields: DeliveryFields) => void enqueued.push(fields) } as unknown as Outbox,
    targets,
    config,
    channelOf: () => ({ definition, state: {} }),
    notifyUrlHeaders: (message) => (message.notifyUrl?.includes('auth') ? { authorization: 'Bearer t' } : undefined),
  })
  return { dispatch, targets, enqueued, built }
}

const recipient = { address: 'ann', receipts: [] } as unknown as BaseRecipient
const receipt = { kind: 'delivered', code: '7500' } as ReceiptRecord
const message = (fields: Partial<BaseMessage> = {}) =>
  ({ messageId: 'm1', channel: 'fax', serviceId: 'svc-1', ...fields }) as BaseMessage
const target = (url: string, extra: Partial<WebhookTargetConfig> = {}) =>
  ({ url, format: 'webhook', ...extra }) as WebhookTargetConfig

describe('the dispatcher', () => {
  it("posts a receipt to the message's notifyUrl, in the webhook format, with the JSON content type and the hub settings", () => {
    const { dispatch, enqueued } = dispatcher()
    dispatch.receipt(message({ notifyUrl: 'http://app.test/cb' }), recipient, receipt)
    expect(enqueued).toEqual([
      {
        transid: 'm1',
        channel: 'fax',
        destination: 'ann',
        event: '7500',
        target: { url: 'http://app.test/cb', format: 'webhook', source: 'notifyUrl' },
        body: JSON.stringify({ format: 'webhook', service: 'Shop', style: 'full', to: 'ann' }),
        headers: { 'content-type': 'application/json' },
        hubSecret: 'hub-secret',
        hubSignature: configSignature,
      },
    ])
  })

  it("adds the notifyUrl's auth headers to the content type", () => {
    const { dispatch, enqueued } = dispatcher()
    dispatch.receipt(message({ notifyUrl: 'http://app.test/auth' }), recipient, receipt)
    expect(enqueued[0]!.headers).toEqual({ 'content-type': 'application/json', authorization: 'Bearer t' })
  })

  it("posts an API's own callback body instead, and nothing when it says null", () => {
    const own = dispatcher({ notifyUrlReceipt: () => ({ status: 'DELIVRD' }) })
    own.dispatch.receipt(message({ notifyUrl: 'http://app.test/cb' }), recipient, receipt)
    expect(own.enqueued.map((d) => d.body)).toEqual(['{"status":"DELIVRD"}'])
    expect(own.built).toEqual([])
    const none = dispatcher({ notifyUrlReceipt: () => null })
    none.dispatch.receipt(message({ notifyUrl: 'http://app.test/cb' }), recipient, receipt)
    expect(none.enqueued).toEqual([])
  })

  it('posts nothing to a notifyUrl whose requestedReceipts leave the receipt out, or when there is none', () => {
    const { dispatch, enqueued } = dispatcher()
    dispatch.receipt(message({ notifyUrl: 'http://app.test/cb', requestedReceipts: ['read'] }), recipient, receipt)
    dispatch.receipt(message(), recipient, receipt)
    expect(enqueued).toEqual([])
  })

  it('posts to each target that wants the channel and the receipt, one body per format, with its own settings', () => {
    const { dispatch, targets, enqueued, built } = dispatcher()
    targets.add(target('http://a.test', { headers: { 'x-app': 'a' }, hubSecret: 'a-secret' }))
    targets.add(target('http://b.test', { hubSignature: ownSignature, signingSecret: 'whsec_x' }))
    targets.add(target('http://c.test', { channels: ['email'] }))
    targets.add(target('http://d.test', { events: ['read'] }))
    dispatch.receipt(message(), recipient, receipt)
    expect(enqueued.map((d) => [d.target, d.headers, d.hubSecret, d.hubSignature, d.signingSecret])).toEqual([
      [
        { url: 'http://a.test', format: 'webhook', source: 'target', targetId: 't1' },
        { 'content-type': 'application/json', 'x-app': 'a' },
        'a-secret',
        configSignature,
        undefined,
      ],
      [
        { url: 'http://b.test', format: 'webhook', source: 'target', targetId: 't2' },
        { 'content-type': 'application/json' },
        undefined,
        ownSignature,
        'whsec_x',
      ],
    ])
    expect(built).toEqual(['webhook']) // built once, shared by both
    // A target's descriptor and header set are one frozen object shared by all its deliveries.
    dispatch.receipt(message(), recipient, receipt)
    expect(enqueued[2]!.target).toBe(enqueued[0]!.target)
    expect(enqueued[2]!.headers).toBe(enqueued[0]!.headers)
    expect(Object.isFrozen(enqueued[0]!.target)).toBe(true)
  })

  it("records a target's headers with their names in lower case, as they go out: its Content-Type replaces the default", () => {
    const { dispatch, targets, enqueued } = dispatcher()
    targets.add(target('http://a.test', { headers: { 'Content-Type': 'application/vnd.hooks+json', 'X-App': 'a' } }))
    dispatch.receipt(message(), recipient, receipt)
    expect(enqueued[0]!.headers).toEqual({ 'content-type': 'application/vnd.hooks+json', 'x-app': 'a' })
  })

  it('describes a target as it stands: a changed URL or format gets a new descriptor, earlier deliveries keep theirs', () => {
    const { dispatch, targets, enqueued } = dispatcher()
    const added = targets.add(target('http://a.test'))
    dispatch.receipt(message(), recipient, receipt)
    targets.update(added.id, { url: 'http://moved.test' })
    dispatch.receipt(message(), recipient, receipt)
    targets.update(added.id, { format: 'datastream' })
    dispatch.receipt(message(), recipient, receipt)
    dispatch.receipt(message(), recipient, receipt)
    expect(enqueued.map((d) => d.target)).toEqual([
      { url: 'http://a.test', format: 'webhook', source: 'target', targetId: 't1' },
      { url: 'http://moved.test', format: 'webhook', source: 'target', targetId: 't1' },
      { url: 'http://moved.test', format: 'datastream', source: 'target', targetId: 't1' },
      { url: 'http://moved.test', format: 'datastream', source: 'target', targetId: 't1' },
    ])
    expect(enqueued[3]!.target).toBe(enqueued[2]!.target)
  })

  it("names no service when the message's service is not configured", () => {
    const { dispatch, targets, enqueued } = dispatcher()
    targets.add(target('http://a.test'))
    dispatch.receipt(message({ serviceId: 'svc-unknown' }), recipient, receipt)
    expect(JSON.parse(enqueued[0]!.body).service).toBe('')
  })

  it('posts an inbound event to the targets that opted into it, in their format, and counts them', () => {
    const { dispatch, targets, enqueued } = dispatcher()
    targets.add(target('http://receipts.test'))
    targets.add(target('http://mo.test', { events: ['mo'], hubSignature: ownSignature }))
    targets.add(target('http://all.test', { events: ['inbound'], format: 'data-stream' } as never))
    const count = dispatch.inbound({
      channel: 'fax',
      targetEvent: 'mo',
      event: 'MO',
      tid: 'tid-1',
      from: '+447700900123',
      payloads: { webhook: { kind: 'webhook' }, 'data-stream': { kind: 'stream' } } as never,
    })
    expect(count).toBe(2)
    expect(enqueued.map((d) => [d.target.url, d.transid, d.destination, d.event, d.body, d.hubSignature])).toEqual([
      ['http://mo.test', 'tid-1', '+447700900123', 'MO', '{"kind":"webhook"}', ownSignature],
      ['http://all.test', 'tid-1', '+447700900123', 'MO', '{"kind":"stream"}', configSignature],
    ])
  })
})
