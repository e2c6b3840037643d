/**
 * @module What a test, scenario or the control API changes at run time for every channel — rules,
 * webhook targets and their faults, the clock's mode, rate limits, API chaos, replays — each change
 * announced as a `state` event. Each channel's own state has its own controls (`emulator.<channel name>`).
 */
import type { ClockState } from '../emulator-api.js'
import type { ApiChaos } from '../kernel/api-chaos.js'
import type { ApiMeter } from '../kernel/api-meter.js'
import { type Clock, isSteppable } from '../kernel/clock.js'
import { EmulatorError } from '../kernel/errors.js'
import { checkRoom, listFull } from '../kernel/list-limits.js'
import type { Outbox } from '../kernel/outbox.js'
import { type RuleConfig, ruleSchema } from '../kernel/rules.js'
import type { TimestampFormatter } from '../kernel/time-format.js'
import type { TargetPatch, WebhookTargets } from '../kernel/webhook-targets.js'
import { parseOrThrow } from '../kernel/zod-issues.js'
import {
  type EmulatorConfig,
  type FaultsConfig,
  type RateLimitInput,
  rateLimitSchema,
  type WebhookTargetInput,
  webhookTargetSchema,
} from '../schemas/config.js'

export interface ControlsOptions {
  config: EmulatorConfig
  clock: Clock
  formatTimestamp: TimestampFormatter
  outbox: Outbox
  targets: WebhookTargets
  chaos: ApiChaos
  meter: ApiMeter
  changed(what: string): void
  /** The rules in match order; `replace` compiles them (and throws `invalid_config` for a bad one). */
  rules: { list(): RuleConfig[]; replace(next: RuleConfig[]): void }
}

export function createControls({
  config,
  clock,
  formatTimestamp,
  outbox,
  targets,
  chaos,
  meter,
  changed,
  rules,
}: ControlsOptions) {
  return {
    rules: () => rules.list(),
    /** Appends a rule; past `limits.maxRules` it throws a 409 `conflict`. */
    addRule(input: RuleConfig): void {
      // Checked as a config file's rule is: from JavaScript, `undefined` threw a TypeError and `{}`
      // was refused as "rules[0].undefined".
      const rule = parseOrThrow(ruleSchema, input, 'invalid_config', 'rule')
      const max = config.limits.maxRules
      checkRoom(rules.list().length, 1, max, () =>
        listFull(
          'The rule list',
          max,
          'limits.maxRules',
          'remove some (DELETE /_emulator/rules/:index, or reset) first',
        ),
      )
      const next = [...rules.list(), rule]
      rules.replace(next)
      changed('rules')
    },
    removeRule(index: number): boolean {
      const list = rules.list()
      const removed = list.splice(index, 1).length > 0
      rules.replace(list)
      if (removed) changed('rules')
      return removed
    },
    /** Takes a target as a config file would (defaults filled in: format "webhook", no headers); bad input throws `invalid_config`. */
    addTarget(input: WebhookTargetInput) {
      const max = config.limits.maxTargets
      checkRoom(targets.current().length, 1, max, () =>
        listFull(
          'The webhook target list',
          max,
          'limits.maxTargets',
          'remove some (DELETE /_emulator/webhooks/targets/:id, or reset) first',
        ),
      )
      const added = targets.add(parseOrThrow(webhookTargetSchema, input, 'invalid_config', 'webhook target'))
      changed('targets')
      return added
    },
    /** Changes only the keys given; `null` clears `events` or `hubSecret`. Undefined for an unknown id. */
    updateTarget(id: string, patch: TargetPatch) {
      const updated = targets.update(id, patch)
      if (updated) changed('targets')
      return updated
    },
    removeTarget(id: string): boolean {
      const removed = targets.remove(id)
      if (removed) changed('targets')
      return removed
    },
    targets: () => targets.list(),
    /** Fault injection for one target; `undefined` turns it off. */
    setFaults(id: string, faults: FaultsConfig | undefined) {
      const updated = targets.update(id, { faults: faults ?? null })
      if (updated) changed('targets')
      return updated
    },
    clockState: (): ClockState => ({
      mode: isSteppable(clock) ? clock.mode : 'real',
      now: clock.now(),
      time: formatTimestamp(clock.now()),
      canSwitchMode: isSteppable(clock) && typeof clock.setMode === 'function',
    }),
    setClockMode(mode: 'real' | 'virtual'): void {
      if (!isSteppable(clock) || !clock.setMode) {
        throw new EmulatorError(
          'wrong_clock_mode',
          'This emulator runs on virtual time only (MSW and scenarios); advance it instead',
        )
      }
      clock.setMode(mode)
      changed('clock')
    },
    rateLimit: () => meter.config(),
    /** The tenant's rate limit and daily quota (`rateLimit` in config); bad input throws `invalid_request`. */
    setRateLimit(next: RateLimitInput) {
      const parsed = parseOrThrow(rateLimitSchema, next, 'invalid_request', 'rate limit')
      meter.set(parsed)
      changed('rateLimit')
      return parsed
    },
    chaos: () => chaos.config(),
    /** API-side chaos on the vendor API; `undefined` turns it off. */
    setChaos(next: unknown) {
      const set = chaos.set(next)
      changed('chaos')
      return set
    },
    replay: (deliveryId: string) => outbox.replay(deliveryId),
    replayFailed: () => outbox.list().filter((d) => d.state === 'failed' && outbox.replay(d.id)).length,
  }
}
