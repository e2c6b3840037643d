/**
 * @module State a test, scenario or the control API changes at run time (sandbox, rules, lists,
 * webhook targets and their faults, clock mode, API chaos, replays); reset() restores the config's.
 * Each change is announced as a `state` event.
 */

import { compileRules } from '../channels/email/outcomes/rules.js'
import { type Clock, isSteppable } from '../kernel/clock.js'
import { EmulatorError } from '../kernel/errors.js'
import type { Outbox } from '../kernel/outbox.js'
import type { TimestampFormatter } from '../kernel/time-format.js'
import type { TargetPatch } from '../kernel/webhook-targets.js'
import {
  type EmulatorConfig,
  type RateLimitInput,
  type RuleConfig,
  rateLimitSchema,
  type WebhookTargetConfig,
  type WebhookTargetInput,
  webhookTargetSchema,
} from '../schemas/config.js'
import type { StateChange } from './emulator-event.js'
import { type TenantState, verifiedKey } from './tenant-state.js'

export interface RuntimeControlsOptions {
  state: TenantState
  config: EmulatorConfig
  clock: Clock
  formatTimestamp: TimestampFormatter
  outbox: Outbox
  changed: (what: StateChange) => void
}

export function createRuntimeControls({
  state,
  config,
  clock,
  formatTimestamp,
  outbox,
  changed,
}: RuntimeControlsOptions) {
  const { sandbox, verified, rules, suppression, unsubscribes, targets, chaos, meter } = state
  return {
    setSandbox({
      enabled,
      verified: addresses,
    }: {
      enabled?: boolean | undefined
      verified?: readonly string[] | undefined
    }): void {
      if (enabled !== undefined) sandbox.enabled = enabled
      for (const address of addresses ?? []) verified.add(verifiedKey(address))
      changed('sandbox')
    },
    unverify(address: string): boolean {
      const removed = verified.delete(verifiedKey(address))
      changed('sandbox')
      return removed
    },
    sandbox: () => ({ enabled: sandbox.enabled, verified: [...verified] }),
    addRule(rule: RuleConfig): void {
      rules.push(...compileRules([rule], `rules[${rules.length}]`))
      changed('rules')
    },
    removeRule(index: number): boolean {
      const removed = rules.splice(index, 1).length > 0
      changed('rules')
      return removed
    },
    rules: () => rules.map((rule) => rule.source),
    /** `retentionMs: null` keeps the address listed until removed. */
    suppress(
      address: string,
      {
        retentionMs = config.bounceRetention,
        reason = 'added by hand',
      }: { retentionMs?: number | null | undefined; reason?: string } = {},
    ) {
      const entry = suppression.add(address.trim().toLowerCase(), reason, retentionMs ?? undefined)
      changed('suppression')
      return entry
    },
    unsuppress(address: string): boolean {
      const removed = suppression.remove(address.trim().toLowerCase())
      changed('suppression')
      return removed
    },
    unsubscribe(sender: string, address: string) {
      const entry = unsubscribes.add(sender.trim(), address.trim(), clock.now())
      changed('unsubscribes')
      return entry
    },
    resubscribe(sender: string, address: string): boolean {
      const removed = unsubscribes.remove(sender.trim(), address.trim())
      changed('unsubscribes')
      return removed
    },
    /** Takes a target as a config file would (defaults filled in: format "webhook", no headers); bad input throws `invalid_config`. */
    addTarget(input: WebhookTargetInput) {
      const parsed = webhookTargetSchema.safeParse(input)
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!
        throw new EmulatorError(
          'invalid_config',
          `Invalid webhook target${issue.path.length ? ` at "${issue.path.join('.')}"` : ''}: ${issue.message}`,
        )
      }
      const added = targets.add(parsed.data)
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
    clockState: () => ({
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
    /** Fault injection for one target; `undefined` turns it off. */
    setFaults(id: string, faults: WebhookTargetConfig['faults']) {
      const updated = targets.update(id, { faults: faults ?? null })
      changed('targets')
      return updated
    },
    rateLimit: () => meter.config(),
    /** The tenant's rate limit and daily quota (`rateLimit` in config); bad input throws `invalid_request`. */
    setRateLimit(next: RateLimitInput) {
      const parsed = rateLimitSchema.safeParse(next)
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!
        throw new EmulatorError('invalid_request', `Invalid rate limit at "${issue.path.join('.')}": ${issue.message}`)
      }
      meter.set(parsed.data)
      changed('rateLimit')
      return parsed.data
    },
    chaos: () => chaos.config(),
    /** API-side chaos on POST /v2/messages; `undefined` turns it off. */
    setChaos(next: unknown) {
      const set = chaos.set(next)
      changed('chaos')
      return set
    },
    replay: (deliveryId: string) => outbox.replay(deliveryId),
    replayFailed: () => outbox.list().filter((d) => d.state === 'failed' && outbox.replay(d.id)).length,
  }
}
