/**
 * @module The header's clock: mode and emulator time, the advance buttons and form, and switching
 * between real and virtual time. Other views read the clock too (expiries, "today" in the message
 * list) and hand what they read to `showClock`, so the header never lags behind them.
 */
import type { ClockState } from './api-types.js'
import type { ConsoleContext, View } from './context.js'
import { byId, field } from './html.js'

/** Keeps `state.clock` and the header in step with a clock reading. */
export function showClock(ctx: ConsoleContext, clock: ClockState): void {
  ctx.state.clock = clock
  byId('clock-mode').textContent = `${clock.mode} time`
  byId('clock-time').textContent = clock.time
  const button = byId<HTMLButtonElement>('clock-switch')
  button.hidden = !clock.canSwitchMode
  button.textContent = clock.mode === 'real' ? 'pause (virtual)' : 'resume (real)'
}

export function createClockView(ctx: ConsoleContext): View {
  const { api } = ctx
  // Real time moves on its own: keep the shown time (and expiries) current without an event per tick.
  setInterval(() => {
    if (ctx.state.clock.mode === 'real' && !document.hidden) ctx.want('clock')
  }, 1000)
  return {
    loaders: {
      clock: async () => showClock(ctx, await api<ClockState>('GET', '/clock')),
    },
    actions: {
      advance: async (el) => {
        await api('POST', '/clock/advance', { by: el.dataset.by })
      },
      'clock-mode': async () => {
        await api('PUT', '/clock', { mode: ctx.state.clock.mode === 'real' ? 'virtual' : 'real' })
      },
    },
    forms: {
      advance: async (form) => {
        await api('POST', '/clock/advance', { by: field(form, 'by').value.trim() })
      },
    },
  }
}
