/**
 * @module The live stream, /_emulator/events. It sends NAMED events (hello, message, receipt,
 * attempt, inbound, state, reset, lagged), so each is subscribed with addEventListener; every event only
 * marks views dirty and the refresh queue does the rest. When the stream drops, the console asks
 * the API why: an unreachable emulator (stopped, restarting) is said in words and the stream is
 * retried every second until it is back, then every view catches up; an emulator that answers but
 * refuses (say, the control token is missing) is said too, and not retried.
 */
import { ApiError } from './api.js'
import type { ClockState } from './api-types.js'
import { showClock } from './clock-view.js'
import { type ConsoleContext, type ViewName, viewNames } from './context.js'
import { byId } from './html.js'

const retryMs = 1000

/** Which views each kind of state change touches. */
const stateViews: Record<string, readonly ViewName[]> = {
  suppression: ['suppression'],
  unsubscribes: ['unsubscribes'],
  sandbox: ['sandbox'],
  // Moving the clock can expire bounce-list entries and fire lifecycle steps and webhook retries.
  clock: ['clock', 'suppression', 'messages', 'detail', 'failed', 'webhooks'],
  rules: ['rules'],
  targets: ['targets'],
  chaos: [], // not shown in the console
}

/** Opens the stream and keeps it open; `onReset` runs when the emulator is reset. */
export function connectLive(ctx: ConsoleContext, onReset: () => void): void {
  const badge = byId('live')
  const show = (text: string, live = false) => {
    badge.textContent = text
    badge.className = live ? 'on' : ''
  }
  const data = (event: Event) => JSON.parse((event as MessageEvent<string>).data)

  function connect() {
    const events = new EventSource(ctx.api.eventsUrl)
    events.addEventListener('hello', (e) => {
      showClock(ctx, data(e) as ClockState)
      show('live', true)
      ctx.notice.clear('connection')
      ctx.want(...viewNames) // catch up on anything missed while disconnected
    })
    events.addEventListener('message', () => ctx.want('messages'))
    events.addEventListener('receipt', (e) => {
      ctx.want('messages')
      if (data(e).messageId === ctx.state.selectedId) ctx.want('detail')
    })
    events.addEventListener('attempt', (e) => {
      ctx.want('failed', 'webhooks')
      if (data(e).messageId === ctx.state.selectedId) ctx.want('detail')
    })
    events.addEventListener('inbound', () => ctx.want('inbound', 'webhooks', 'failed'))
    events.addEventListener('state', (e) => ctx.want(...(stateViews[data(e).what] ?? viewNames)))
    events.addEventListener('reset', () => {
      onReset()
      ctx.want(...viewNames)
    })
    // The tab fell so far behind that the server dropped events for it: catch up on everything.
    events.addEventListener('lagged', () => ctx.want(...viewNames))
    events.onerror = () => {
      // The browser would retry on its own, but only sometimes (never after an error status) and
      // without saying why it failed: the console decides instead.
      events.close()
      show('reconnecting…')
      void diagnose()
    }
  }

  async function diagnose() {
    try {
      await ctx.api('GET', '/clock')
    } catch (error) {
      ctx.notice.fail(error, 'connection')
      if (error instanceof ApiError) return show('disconnected') // it answers, but will not let us in
    }
    setTimeout(connect, retryMs)
  }

  connect()
}
