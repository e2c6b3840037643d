/**
 * @module The live stream, /_emulator/events. It sends NAMED events (hello, message, receipt,
 * attempt, inbound, state, reset), so each is subscribed with addEventListener; every event only
 * marks views dirty and the refresh queue does the rest. The browser reconnects on its own.
 */
import type { ClockState } from './api-types.js'
import { showClock } from './clock-view.js'
import { type ConsoleContext, type ViewName, viewNames } from './context.js'
import { byId } from './html.js'

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
    events.onerror = () => show('reconnecting…')
  }

  connect()
}
