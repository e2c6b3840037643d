/**
 * @module Driving a held number by hand (control API, console, scenarios): deliver, fail with a
 * code, or click now. Missing earlier steps are filled in (a click implies Delivered), and
 * impossible moves are refused with the reason (409 `conflict`).
 */
import { z } from 'zod'
import { EmulatorError } from '../../kernel/errors.js'
import type { BaseRecipient } from '../../kernel/message-store.js'
import { failureAliases, smsFailureCodes } from './codes.js'
import { clickedStep, failureStep, type SmsStep } from './lifecycle.js'
import type { SmsFacts } from './plan.js'
import { smsReceipts } from './receipts.js'

export const smsActionSchema = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('deliver') }),
  /** `code`: a failure code (7102) or its short name (invalid-address); Failed or Un-Delivered as the code is. */
  z.strictObject({ action: z.literal('fail'), code: z.string().default('7201') }),
  /** `url`: the link clicked; the text's first link when absent. */
  z.strictObject({ action: z.literal('click'), url: z.url().optional() }),
])
export type SmsAction = z.input<typeof smsActionSchema>

function failureCode(code: string): string {
  const known = smsFailureCodes.has(code) ? code : failureAliases.get(code.trim().toLowerCase())
  if (!known)
    throw new EmulatorError(
      'invalid_request',
      `"${code}" is not an SMS failure code: use one of ${[...smsFailureCodes.keys()].join(', ')} or a short name such as invalid-address, absent, sim-full`,
      'code',
    )
  return known
}

export function planSmsAction(
  input: SmsAction,
  history: readonly string[],
  facts: SmsFacts,
  recipient: BaseRecipient,
): SmsStep[] {
  const action = smsActionSchema.parse(input)
  const code = action.action === 'fail' ? failureCode(action.code) : undefined
  const final = history.find((kind) => (smsReceipts as Record<string, { final?: boolean }>)[kind]?.final)
  if (final)
    throw new EmulatorError(
      'conflict',
      `${recipient.address} already ended ${recipient.status}: nothing more can happen to it`,
    )
  const delivered = history.includes('delivered')
  const steps: SmsStep[] = []
  if (code) {
    if (delivered) throw new EmulatorError('conflict', `${recipient.address} was already delivered`)
    const step = failureStep(code, 0)
    // An operator's report follows Submitted; a platform failure comes instead of it.
    if (step.kind === 'undelivered' && !history.includes('submitted'))
      steps.push({ kind: 'submitted', after: 0, description: 'Submitted', additionalInfo: '' })
    return [...steps, step]
  }
  if (action.action === 'deliver' && delivered)
    throw new EmulatorError('conflict', `${recipient.address} was already delivered`)
  if (action.action === 'click' && !facts.tracked)
    throw new EmulatorError(
      'conflict',
      `${recipient.address}'s message does not have options.shortenLinks and options.trackClicks both true: clicks are not reported`,
    )
  if (!history.includes('submitted'))
    steps.push({ kind: 'submitted', after: 0, description: 'Submitted', additionalInfo: '' })
  if (!delivered) steps.push({ kind: 'delivered', after: 0, description: 'Delivered', additionalInfo: '' })
  if (action.action === 'click') steps.push(clickedStep(action.url ?? facts.link ?? 'https://example.com/', 0))
  return steps
}
