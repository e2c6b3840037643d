/**
 * @module The state a test, scenario or the control API changes at run time — bounce and
 * unsubscribe lists, sandbox, rules, webhook targets, API chaos — loaded from the config at start
 * and again on reset(), and how it decides a recipient's fate.
 */

import type { FateContext } from '../channels/email/outcomes/decide-fate.js'
import type { Outcome } from '../channels/email/outcomes/outcome.js'
import { type CompiledRule, compileRules } from '../channels/email/outcomes/rules.js'
import { SuppressionList } from '../channels/email/suppression-list.js'
import { UnsubscribeList } from '../channels/email/unsubscribe-list.js'
import type { ApiChaos } from '../kernel/api-chaos.js'
import { type ApiMeter, createApiMeter } from '../kernel/api-meter.js'
import type { Clock } from '../kernel/clock.js'
import { WebhookTargets } from '../kernel/webhook-targets.js'
import type { EmulatorConfig } from '../schemas/config.js'

export interface TenantState {
  suppression: SuppressionList
  unsubscribes: UnsubscribeList
  /** Sandbox-verified addresses and domains, as `verifiedKey` spells them. */
  verified: Set<string>
  sandbox: { enabled: boolean }
  rules: CompiledRule[]
  targets: WebhookTargets
  chaos: ApiChaos
  /** Rate limit and daily quota. */
  meter: ApiMeter
}

const simulatorDomain = '@simulator.amazonses.com'

/** How a verified address or domain is kept: lower-case, a domain without its leading "@". */
export const verifiedKey = (address: string) => address.toLowerCase().replace(/^@/, '')

export function createTenantState(config: EmulatorConfig, clock: Clock, chaos: ApiChaos): TenantState {
  return {
    suppression: new SuppressionList(clock),
    unsubscribes: new UnsubscribeList(),
    verified: new Set<string>(),
    sandbox: { enabled: config.sandbox.enabled },
    rules: compileRules(config.rules),
    targets: new WebhookTargets(),
    chaos,
    meter: createApiMeter(config.rateLimit),
  }
}

/** Adds the config's lists and targets, and sets its sandbox, rules, chaos and rate limits. */
export function loadConfiguredState(state: TenantState, config: EmulatorConfig, clock: Clock): void {
  for (const address of config.suppressed) state.suppression.add(address.toLowerCase(), 'config', undefined)
  for (const { sender, address } of config.unsubscribed) state.unsubscribes.add(sender, address, clock.now())
  for (const address of config.sandbox.verified) state.verified.add(verifiedKey(address))
  for (const target of config.webhooks.targets) state.targets.add(target)
  state.rules.splice(0, state.rules.length, ...compileRules(config.rules))
  state.sandbox.enabled = config.sandbox.enabled
  state.chaos.set(config.chaos)
  state.meter.set(config.rateLimit)
}

/** Empties the lists and targets; loadConfiguredState() then restores the rest. */
export function clearTenantState(state: TenantState): void {
  state.suppression.clear()
  state.unsubscribes.clear()
  state.verified.clear()
  state.targets.clear()
}

export function fateContextOf(state: TenantState, defaultOutcome: Outcome): FateContext {
  const { suppression, unsubscribes, sandbox, verified, rules } = state
  return {
    isSuppressed: (address) => suppression.has(address),
    isUnsubscribed: (sender, address) => unsubscribes.has(sender, address),
    isSandboxBlocked: (address) =>
      // SES lets sandboxed accounts mail the simulator; verified domains cover every address in them.
      sandbox.enabled &&
      !address.endsWith(simulatorDomain) &&
      !verified.has(address) &&
      !verified.has(address.slice(address.lastIndexOf('@') + 1)),
    rules,
    defaultOutcome,
  }
}
