/**
 * @module A WhatsApp recipient's lifecycle: Submitted → Delivered → Read (Read unless
 * `whatsapp.read` is false or the outcome is "unread"), or a failure. A failure the platform finds
 * before sending (window closed, template parameters, limits) is one Failed receipt with no
 * Submitted, as D-WAFAQ's 7710 sample (empty `subtid`); one Meta reports follows Submitted.
 */
import type { PlannedStep } from '../channel.js'
import { waFailureCodes } from './codes.js'
import type { WhatsappConfig } from './config.js'
import type { WaOutcome } from './outcome.js'

export interface WaFailure {
  code: string
  additionalInfo?: string
  why?: string
}

export function failedStep(failure: WaFailure, after: number): PlannedStep {
  const known = waFailureCodes.get(failure.code)
  return {
    kind: 'failed',
    after,
    code: failure.code,
    description: known?.description ?? 'Generic error',
    additionalInfo: failure.additionalInfo ?? known?.additionalInfo ?? '',
  }
}

const step = (kind: string, after: number, description: string): PlannedStep => ({
  kind,
  after,
  description,
  additionalInfo: '',
})

export function planWaLifecycle(
  plan: { kind: 'rejected'; failure: WaFailure } | { kind: 'played'; outcome: WaOutcome },
  config: WhatsappConfig,
): PlannedStep[] {
  const { delays } = config
  if (plan.kind === 'rejected') return [failedStep(plan.failure, delays.failed)]
  const { outcome } = plan
  const steps = [step('submitted', delays.submitted, 'Submitted')]
  switch (outcome.kind) {
    case 'submitted':
    case 'hold':
      return steps
    case 'failure':
      return [...steps, failedStep({ code: outcome.code }, Math.max(delays.failed, delays.submitted))]
    default: {
      const slow = outcome.kind === 'delivered' && outcome.slow
      const deliveredAt = Math.max(slow ? delays.slow : delays.delivered, delays.submitted)
      steps.push(step('delivered', deliveredAt, 'Delivered'))
      const read = outcome.kind !== 'unread' && (config.read || (outcome.kind === 'delivered' && outcome.read))
      if (read) steps.push(step('read', Math.max(delays.read, deliveredAt), 'Read'))
      return steps
    }
  }
}
