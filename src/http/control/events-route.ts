/**
 * @module /_emulator/events: a Server-Sent Events stream of everything the emulator does, for the
 * console and for anyone tailing it (`curl -N`); `?channel=sms` keeps one channel's messages,
 * receipts, attempts and inbound events (and every event of no channel: state, resets, refusals).
 */
import { Hono } from 'hono'
import { streamSSE } from 'hono/streaming'
import type { EmulatorCore, EmulatorEvent } from '../../core/emulator.js'
import { eventQuerySchema } from '../../core/schemas/control.js'
import { parseQuery } from '../parse-input.js'

/** The wire form of an event: ids and summaries, not whole records (fetch those by id). */
export function summarise(event: EmulatorEvent): Record<string, unknown> {
  switch (event.type) {
    case 'message':
      return {
        type: 'message',
        channel: event.message.channel,
        messageId: event.message.messageId,
        from: event.message.from,
        recipients: event.message.recipients.map((r) => r.address),
      }
    case 'receipt':
      return {
        type: 'receipt',
        channel: event.message.channel,
        messageId: event.message.messageId,
        destination: event.recipient.address,
        ...event.receipt,
      }
    case 'attempt':
      return {
        type: 'attempt',
        deliveryId: event.delivery.id,
        messageId: event.delivery.transid,
        url: event.delivery.target.url,
        state: event.delivery.state,
        ...event.attempt,
      }
    case 'inbound':
      return { ...event.inbound, type: 'inbound' }
    case 'rejected':
      return { type: 'rejected', ...event.rejection }
    case 'state':
    case 'reset':
      return { ...event }
  }
}

/** The channel an event belongs to; undefined for state changes, resets and refusals, which belong to none. */
function channelOfEvent(emulator: EmulatorCore, event: EmulatorEvent): string | undefined {
  switch (event.type) {
    case 'message':
    case 'receipt':
      return event.message.channel
    case 'inbound':
      return event.inbound.channel
    case 'attempt':
      return (
        emulator.message(event.delivery.transid)?.channel ??
        emulator.inbound().findLast((e) => e.tid === event.delivery.transid)?.channel
      )
    default:
      return undefined
  }
}

/** The open streams of each emulator, each as the function that ends it. */
const openStreams = new WeakMap<object, Set<() => void>>()

/**
 * Ends every open /_emulator/events stream of `emulator` with a last `shutdown` event: the server
 * is stopping, and a stream never ends by itself, so it would hold the shutdown up.
 */
export function closeEventStreams(emulator: EmulatorCore): void {
  for (const end of openStreams.get(emulator) ?? []) end()
}

export function eventsRoute(emulator: EmulatorCore): Hono {
  return new Hono().get('/events', (c) => {
    // Validated before the stream opens, so a bad filter is a 400 naming it, not a dead stream.
    const { channel } = parseQuery(c, eventQuerySchema)
    const wanted = (event: EmulatorEvent) => {
      if (channel === undefined) return true
      const of = channelOfEvent(emulator, event)
      return of === undefined || of === channel
    }
    return streamSSE(c, async (stream) => {
      let id = 0
      const queue: EmulatorEvent[] = []
      let wake: (() => void) | undefined
      const unsubscribe = emulator.subscribe((event) => {
        if (!wanted(event)) return
        queue.push(event)
        wake?.()
      })
      let open = true
      let shuttingDown = false
      const streams = openStreams.get(emulator) ?? new Set()
      openStreams.set(emulator, streams)
      const end = () => {
        open = false
        streams.delete(shutdown)
        unsubscribe()
        wake?.()
      }
      const shutdown = () => {
        shuttingDown = true
        end()
      }
      streams.add(shutdown)
      stream.onAbort(end)
      await stream.writeSSE({ event: 'hello', data: JSON.stringify(emulator.clockState()) })
      while (open) {
        if (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve))
        for (const event of queue.splice(0))
          await stream.writeSSE({ id: String(++id), event: event.type, data: JSON.stringify(summarise(event)) })
      }
      if (shuttingDown) await stream.writeSSE({ event: 'shutdown', data: '{}' })
    })
  })
}
