/**
 * @module Driving a held number by hand (control API, console, scenarios): deliver, fail with a
 * code, or click now — on SMS, MMS and RCS, each with its own codes. Missing earlier steps are
 * filled in (a click implies Delivered), and impossible moves are refused with the reason (409
 * `conflict`).
 */
import { z } from 'zod'
import { EmulatorError } from '../../kernel/errors.js'
import type { BaseRecipient } from '../../kernel/message-store.js'
import type { ReceiptSpec } from '../channel.js'
import { failureAliases, smsFailureCodes } from './codes.js'
import { type ClickFacts, clickedStep, type PhoneFailureCode, type PhoneStep, phoneFailureStep } from './lifecycle.js'
import { smsReceipts } from './receipts.js'

/** The actions a held number takes; `fail` without a code fails with `defaultCode`. */
export const phoneActionSchema = (defaultCode: string) =>
  z.discriminatedUnion('action', [
    z.strictObject({ action: z.literal('deliver') }),
    /** `code`: a failure code or its short name; Failed or Un-Delivered as the code is. */
    z.strictObject({ action: z.literal('fail'), code: z.string().default(defaultCode) }),
    /** `url`: the link clicked; the text's first link when absent. */
    z.strictObject({ action: z.literal('click'), url: z.url().optional() }),
  ])

export const smsActionSchema = phoneActionSchema('7201')
export type SmsAction = z.input<typeof smsActionSchema>

/** What a channel's manual actions need of it. */
export interface PhoneActionTable {
  channel: string
  codes: ReadonlyMap<string, PhoneFailureCode>
  aliases: ReadonlyMap<string, string>
  receipts: Record<string, ReceiptSpec>
  /** Whether the channel reports clicks at all (RCS does not). */
  clicks: boolean
}

function failureCode(table: PhoneActionTable, code: string): string {
  const known = table.codes.has(code) ? code : table.aliases.get(code.trim().toLowerCase())
  if (!known)
    throw new EmulatorError(
      'invalid_request',
      `"${code}" is not an ${table.channel.toUpperCase()} failure code: use one of ${[...table.codes.keys()].join(', ')} or a short name such as ${[...table.aliases.keys()].slice(0, 3).join(', ')}`,
      'code',
    )
  return known
}

/** The steps an action fires now on a held number. */
export function planPhoneAction(
  table: PhoneActionTable,
  input: unknown,
  history: readonly string[],
  facts: ClickFacts,
  recipient: BaseRecipient,
): PhoneStep[] {
  const action = phoneActionSchema('').parse(input)
  const code = action.action === 'fail' ? failureCode(table, action.code) : undefined
  const final = history.find((kind) => table.receipts[kind]?.final)
  if (final)
    throw new EmulatorError(
      'conflict',
      `${recipient.address} already ended ${recipient.status}: nothing more can happen to it`,
    )
  const delivered = history.includes('delivered')
  const steps: PhoneStep[] = []
  const submitted = { kind: 'submitted', after: 0, description: 'Submitted', additionalInfo: '' } as const
  if (code) {
    if (delivered) throw new EmulatorError('conflict', `${recipient.address} was already delivered`)
    const step = phoneFailureStep(table.codes, code, 0, recipient.address)
    // An operator's report follows Submitted; a platform failure comes instead of it.
    const reported = step.kind === 'undelivered' || table.codes.get(code)?.afterSubmitted === true
    if (reported && !history.includes('submitted')) steps.push(submitted)
    return [...steps, step]
  }
  if (action.action === 'deliver' && delivered)
    throw new EmulatorError('conflict', `${recipient.address} was already delivered`)
  if (action.action === 'click' && (!table.clicks || !facts.tracked))
    throw new EmulatorError(
      'conflict',
      table.clicks
        ? `${recipient.address}'s message does not track clicks (options.trackClicks, and on SMS options.shortenLinks): clicks are not reported`
        : `${table.channel.toUpperCase()} reports no clicks`,
    )
  if (!history.includes('submitted')) steps.push(submitted)
  if (!delivered) steps.push({ kind: 'delivered', after: 0, description: 'Delivered', additionalInfo: '' })
  if (action.action === 'click') steps.push(clickedStep(action.url ?? facts.link ?? 'https://example.com/', 0))
  return steps
}

const smsActions: PhoneActionTable = {
  channel: 'sms',
  codes: smsFailureCodes,
  aliases: failureAliases,
  receipts: smsReceipts,
  clicks: true,
}

export const planSmsAction = (
  input: SmsAction,
  history: readonly string[],
  facts: ClickFacts,
  recipient: BaseRecipient,
): PhoneStep[] => planPhoneAction(smsActions, smsActionSchema.parse(input), history, facts, recipient)
