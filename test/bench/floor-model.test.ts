/**
 * The bench's floor model (bench/lib/floor-model.ts) stands for the least work a faithful send does;
 * its rows mean something only if it does that work. These tests hold it to the emulator: the same
 * webhook bodies for the same send, receipts in the same order at the same emulated times, records
 * kept up to the same caps, and the shapes it refuses refused.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createWebexConnectMock } from 'webex-connect-emulator/msw'
import { createFloorModel, type FloorWebhook, floorCaps } from '../../bench/lib/floor-model.js'

const request = {
  channel: 'email',
  from: 'orders@shop.test',
  to: [{ email: ['ann@example.com', 'bob@example.com'], correlationId: 'order-42' }],
  content: { type: 'text', subject: 'Your order', text: 'Simple text content' },
  callbackData: 'cb-1',
}

/** A body with its ids and timestamps replaced by their kind, so two runs' bodies compare. */
const normalised = (body: string) =>
  body
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}/g, '<uuid>')
    .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z/g, '<timestamp>')

describe('the bench floor model', () => {
  afterEach(() => vi.useRealTimers())

  it('posts the bodies the emulator posts for the same send, in the same order', async () => {
    const emulatorBodies: string[] = []
    const mock = createWebexConnectMock({
      config: { webhooks: { targets: [{ url: 'https://app.test/hooks' }] } },
      onWebhook: (webhook) => void emulatorBodies.push(webhook.body),
    })
    mock.emulator.send(request)
    await mock.runUntilIdle()

    const floorWebhooks: FloorWebhook[] = []
    const floor = createFloorModel({ clock: 'virtual', onWebhook: (webhook) => void floorWebhooks.push(webhook) })
    const answer = floor.send(request)
    floor.runUntilIdle()

    expect(floorWebhooks.map((webhook) => normalised(webhook.body))).toEqual(emulatorBodies.map(normalised))
    expect(emulatorBodies).toHaveLength(4)
    expect(Object.keys(answer)).toEqual(['requestTimestamp', 'messageId', 'correlationId', 'status'])
    expect(answer).toMatchObject({ correlationId: 'order-42', status: 'queued' })
    expect(floorWebhooks[0]!.headers).toEqual({ 'content-type': 'application/json' })
  })

  it('fires Submitted at the send and Delivered 1.5 s later, as the default lifecycle does', () => {
    const bodies: string[] = []
    const floor = createFloorModel({ clock: 'virtual', onWebhook: (webhook) => void bodies.push(webhook.body) })
    floor.send(request)
    floor.runUntilIdle()
    const stamps = bodies.map((body) => Date.parse(JSON.parse(body).deliveryInfoNotification.deliveryInfo.timeStamp))
    expect(bodies.map((body) => JSON.parse(body).deliveryInfoNotification.deliveryInfo.deliveryStatus)).toEqual([
      'Submitted',
      'Submitted',
      'Delivered',
      'Delivered',
    ])
    expect(stamps[2]! - stamps[0]!).toBe(1_500)
  })

  it('keeps messages and deliveries up to its caps, forgetting the oldest', () => {
    const bodies: string[] = []
    const floor = createFloorModel({
      clock: 'virtual',
      onWebhook: (webhook) => void bodies.push(webhook.body),
      maxMessages: 3,
      maxDeliveries: 5,
    })
    const ids = Array.from({ length: 4 }, () => floor.send(request).messageId)
    floor.runUntilIdle()
    expect(floor.kept()).toEqual({ messages: 3, deliveries: 5 })
    expect(floor.records()).toEqual({ messageIds: ids.slice(1), deliveryBodies: bodies.slice(-5) })
    floor.reset()
    expect(floor.kept()).toEqual({ messages: 0, deliveries: 0 })
    // Past a reset, the oldest are still the ones forgotten.
    const after = Array.from({ length: 4 }, () => floor.send(request).messageId)
    expect(floor.records().messageIds).toEqual(after.slice(1))
  })

  it("keeps by default as many as the emulator's default limits", () => {
    const mock = createWebexConnectMock({})
    expect(floorCaps).toEqual({
      maxMessages: mock.emulator.config.limits.maxMessages,
      maxDeliveries: mock.emulator.config.limits.maxDeliveries,
    })
  })

  it('refuses the shapes a send needs', () => {
    const floor = createFloorModel({ clock: 'virtual' })
    expect(() => floor.send({ ...request, channel: 'sms' })).toThrow('invalid channel')
    expect(() => floor.send({ ...request, to: [] })).toThrow('invalid to')
    expect(() => floor.send({ ...request, to: [{ email: ['not-an-address'] }] })).toThrow('invalid to[].email')
    expect(() => floor.send({ ...request, content: { type: 'text' } })).toThrow('invalid content')
    expect(floor.kept().messages).toBe(0)
  })

  it('on the real clock, fires each receipt from a timer when it is due', () => {
    vi.useFakeTimers({ now: Date.UTC(2026, 11, 4) })
    const bodies: string[] = []
    const floor = createFloorModel({ clock: 'real', onWebhook: (webhook) => void bodies.push(webhook.body) })
    floor.send(request)
    vi.advanceTimersByTime(0)
    expect(bodies).toHaveLength(2)
    vi.advanceTimersByTime(1_499)
    expect(bodies).toHaveLength(2)
    vi.advanceTimersByTime(1)
    expect(bodies).toHaveLength(4)
    // Sends while the timer waits for a later Delivered: their Submitted still fire when due.
    floor.send(request)
    vi.advanceTimersByTime(100)
    floor.send(request)
    vi.advanceTimersByTime(0)
    const fired = bodies.slice(4).map((body) => JSON.parse(body).deliveryInfoNotification.deliveryInfo)
    const start = Date.UTC(2026, 11, 4)
    expect(fired.map((info) => [info.deliveryStatus, Date.parse(info.timeStamp) - start])).toEqual([
      ['Submitted', 1_500],
      ['Submitted', 1_500],
      ['Submitted', 1_600],
      ['Submitted', 1_600],
    ])
  })
})
