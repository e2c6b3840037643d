/**
 * @module Driving a held WhatsApp recipient by hand: deliver, read, or fail with a code now;
 * missing earlier steps are filled in (read implies Delivered).
 */
import { z } from 'zod'
import { EmulatorError } from '../../kernel/errors.js'
import type { BaseRecipient } from '../../kernel/message-store.js'
import type { PlannedStep } from '../channel.js'
import { waFailureAliases, waFailureCodes } from './codes.js'
import { failedStep } from './lifecycle.js'

export const waActionSchema = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('deliver') }),
  z.strictObject({ action: z.literal('read') }),
  z.strictObject({ action: z.literal('fail'), code: z.string().default('7713') }),
])

export function planWaAction(input: unknown, history: readonly string[], recipient: BaseRecipient): PlannedStep[] {
  const action = waActionSchema.parse(input)
  if (history.includes('failed') || history.includes('read'))
    throw new EmulatorError(
      'conflict',
      `${recipient.address} already ended ${recipient.status}: nothing more can happen to it`,
    )
  const steps: PlannedStep[] = []
  const add = (kind: string, description: string) => steps.push({ kind, after: 0, description, additionalInfo: '' })
  if (!history.includes('submitted')) add('submitted', 'Submitted')
  if (action.action === 'fail') {
    const code = waFailureCodes.has(action.code) ? action.code : waFailureAliases.get(action.code.trim().toLowerCase())
    if (!code)
      throw new EmulatorError(
        'invalid_request',
        `"${action.code}" is not a WhatsApp failure code (GET /_emulator/whatsapp/codes)`,
        'code',
      )
    return [...steps, failedStep({ code }, 0)]
  }
  if (!history.includes('delivered')) add('delivered', 'Delivered')
  else if (action.action === 'deliver')
    throw new EmulatorError('conflict', `${recipient.address} was already delivered`)
  if (action.action === 'read') add('read', 'Read')
  return steps
}
