/**
 * @module The run-time state of a channel that keeps nothing but its default outcome: nothing to
 * load, clear, save or restore, and a config's `defaultOutcome` checked once, at start.
 */

import type { ChannelContext, ChannelState } from '../channels/channel.js'
import { EmulatorError } from './errors.js'
import type { PhoneOutcome } from './phone-outcome.js'

export class DefaultOutcomeState<Config extends { defaultOutcome: string }> implements ChannelState {
  readonly defaultOutcome: PhoneOutcome

  constructor(
    readonly ctx: ChannelContext<Config>,
    /** The channel's config key, for the error ("fb.defaultOutcome"). */
    slice: string,
    parseOutcome: (name: string) => PhoneOutcome | undefined,
  ) {
    const outcome = parseOutcome(ctx.config.defaultOutcome)
    if (!outcome)
      throw new EmulatorError(
        'invalid_config',
        `${slice}.defaultOutcome "${ctx.config.defaultOutcome}" is not an outcome`,
        `${slice}.defaultOutcome`,
      )
    this.defaultOutcome = outcome
  }
  load(): void {}
  clear(): void {}
  snapshot() {
    return {}
  }
  restore(_slice: unknown): void {}
  summary() {
    return {}
  }
}
