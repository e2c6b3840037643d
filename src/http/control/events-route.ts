/**
 * @module /_emulator/events: a Server-Sent Events stream of everything the emulator does, for the
 * console and for anyone tailing it (`curl -N`); `?channel=sms` keeps one channel's messages,
 * receipts, attempts and inbound events (and every event of no channel: state, resets, refusals).
 */
import { Hono } from 'hono'
import { streamSSE } from 'hono/streaming'
import type { EmulatorCore, EmulatorEvent } from '../../core/emulator.js'
import { Fifo } from '../../core/kernel/fifo.js'
import { eventQuerySchema } from '../../core/schemas/control.js'
import { parseQuery } from '../parse-input.js'

/** The wire form of an event: ids and summaries, not whole records (fetch those by id). */
function summarise(event: EmulatorEvent): Record<string, unknown> {
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
        channel: event.delivery.channel,
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
function channelOfEvent(event: EmulatorEvent): string | undefined {
  switch (event.type) {
    case 'message':
    case 'receipt':
      return event.message.channel
    case 'inbound':
      return event.inbound.channel
    case 'attempt':
      return event.delivery.channel
    default:
      return undefined
  }
}

/** An event as every stream writes it, made once for all of them. */
interface WireEvent {
  event: EmulatorEvent
  data: string
  channel: string | undefined
}

/**
 * The last event's wire form, per emulator. Listeners hear an event one after another, so each
 * open stream after the first finds it here: summarising and serialising once per event rather
 * than once per stream. A console and two `curl -N`s made each
 * send cost three times over (bench/PROFILE.md).
 */
const lastWired = new WeakMap<EmulatorCore, WireEvent>()

function wired(emulator: EmulatorCore, event: EmulatorEvent): WireEvent {
  let wire = lastWired.get(emulator)
  if (wire?.event !== event) {
    wire = { event, data: JSON.stringify(summarise(event)), channel: channelOfEvent(event) }
    lastWired.set(emulator, wire)
  }
  return wire
}

/**
 * One event as `writeSSE` writes it. Names and data here never hold a line break (event types, and
 * JSON, which escapes them), so each is one line.
 */
function sseText(event: string, data: string, id?: number): string {
  return id === undefined ? `event: ${event}\ndata: ${data}\n\n` : `event: ${event}\ndata: ${data}\nid: ${id}\n\n`
}

/**
 * Events kept for a client that reads more slowly than they happen (a paused `curl -N | less`, a
 * frozen tab, a stuck proxy). Past it the oldest go, and the client is told how many with a `lagged`
 * event where they were; kept events are already written out, so they hold no record the store has
 * let go of.
 */
export const maxQueuedEvents = 10_000

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
    const wanted = (wire: WireEvent) => {
      if (channel === undefined) return true
      return wire.channel === undefined || wire.channel === channel
    }
    // HEAD gets the stream's headers only: hono drops a HEAD answer's body unread, so a stream opened
    // for it would never hear the client go, and would stay subscribed (and queue events) for good.
    if (c.req.method === 'HEAD') return c.body(null, 200, { 'content-type': 'text/event-stream' })
    return streamSSE(c, async (stream) => {
      let id = 0
      const queue = new Fifo<{ id: number; event: string; data: string }>()
      let dropped = 0
      let wake: (() => void) | undefined
      const unsubscribe = emulator.subscribe((event) => {
        // Written out now: the summary says what was so when it happened, and keeps no record alive.
        const wire = wired(emulator, event)
        if (!wanted(wire)) return
        if (queue.size >= maxQueuedEvents) {
          queue.shift()
          dropped++
        }
        queue.push({ id: ++id, event: event.type, data: wire.data })
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
      // Everything queued goes out in one write: a write per event cost each stream about 10 µs an
      // event, a 40-recipient send's 81 events a millisecond per open console (bench/PROFILE.md).
      // While a write waits on a slow client, the stream holds up to twice `maxQueuedEvents`: the
      // batch being written and the queue filling behind it.
      const flush = async () => {
        let text = ''
        if (dropped > 0 && queue.size > 0) {
          // Where the dropped ones were: before the oldest kept (whose id shows the gap too). Taken
          // before the write, which waits on a slow client: what is dropped meanwhile is told next.
          text = sseText('lagged', JSON.stringify({ dropped }))
          dropped = 0
        }
        for (let next = queue.shift(); next; next = queue.shift()) text += sseText(next.event, next.data, next.id)
        if (text !== '') await stream.write(text)
      }
      await stream.writeSSE({ event: 'hello', data: JSON.stringify(emulator.clockState()) })
      while (open) {
        if (queue.size === 0) await new Promise<void>((resolve) => (wake = resolve))
        await flush()
      }
      if (shuttingDown) {
        // What came while the last write waited on the client goes out before the goodbye.
        await flush()
        await stream.writeSSE({ event: 'shutdown', data: '{}' })
      }
    })
  })
}
