/**
 * @module An SMS send, planned: every destination with its text, part count and fate decided and
 * its lifecycle laid out, before anything is recorded or scheduled — a request is accepted whole or
 * refused whole. Every vendor API that sends SMS (Send Message v2, Send SMS v1, Messaging v1) reads
 * its request into one `SmsSend` and plans it here.
 */
import { type InvalidParameterText, scheduleStart, v2InvalidParameter } from '../../apis/v2-schedule.js'
import type { ContactPolicyRequest } from '../../kernel/contact-policy.js'
import { EmulatorError } from '../../kernel/errors.js'
import { ruleOutcome } from '../../kernel/rules.js'
import type { PlannedMessage, PlannedRecipient } from '../channel.js'
import { smsFailureCodes } from './codes.js'
import { parseSmsOutcome } from './grammar.js'
import { contactPolicyStep, firstLinkIn, planSmsLifecycle, type SmsStep } from './lifecycle.js'
import { isE164, isRoutable, testNumberOutcome } from './numbers.js'
import { describePhoneOutcome, type PhoneOutcome, playedOutcome } from './outcome.js'
import type { SmsMessageFields, SmsRecipientFields, smsApis } from './record.js'
import { type SmsContentType, segmentsOf } from './segments.js'
import type { SmsState } from './state.js'

/** Vendor: a text of more than 4000 characters fails with 7107. */
const maxText = 4000

/** An SMS request, whichever API it came through. */
export interface SmsSend {
  api: (typeof smsApis)[number]
  from: string
  destinations: Array<{
    number: string
    correlationId: string
    substitutions?: Record<string, unknown> | undefined
    /** Where the request has it, for errors ("to[0].msisdn[1]"). */
    field: string
  }>
  substitutions?: Record<string, unknown> | undefined
  content?: { type: SmsContentType; text: string } | undefined
  templateId?: string | undefined
  /** Clicks are reported only when links are shortened and tracked. */
  trackLinks: boolean
  requestedReceipts?: string[] | undefined
  sendAt?: string | undefined
  expireAt?: string | undefined
  /** Seconds after the start. */
  validity?: number | undefined
  batchId?: string | undefined
  /** The answer's `correlationId` ("" when none). */
  correlationId: string
  callbackData: string
  notifyUrl?: string | undefined
  notifyUrlAuthId?: string | undefined
  contactPolicy?: ContactPolicyRequest | undefined
  /** The v1 `contentType` as spelt in the request. */
  contentTypeAsSent?: string | undefined
  /** The field the API calls the content type, for its errors (v1: "contentType"). */
  typeField?: string
  /** The API's own text limit (Messaging API v1: 1024); longer texts fail with 7107. Default 4000. */
  maxText?: number
}

/** What manual actions need later. */
export interface SmsFacts {
  link: string | undefined
  tracked: boolean
}

/**
 * The longest substituted text built: far past every limit a filled text is held to (SMS 4000, MMS
 * slides 4096, RCS 1024), so a text cut here is over them all. Without it a request within the
 * body limit could ask for gigabytes — a 1 MB value named a thousand times — and the string
 * overflowed (a 500).
 */
export const maxSubstitutedText = 100_000

/** Substitution values by placeholder name, read once for every text they fill. */
export type SubstitutionValues = ReadonlyMap<string, string>

/**
 * A request's (or one `to` entry's) `substitutions` by name: a key may be written `name`, `$(name)`
 * or `{{name}}`. Read once per request and entry, not per number: a request of 100,000 names to
 * 1,000 numbers read them all for each number (minutes of a blocked server).
 */
export function substitutionValues(values: Record<string, unknown> | undefined): SubstitutionValues {
  const byName = new Map<string, string>()
  for (const [key, value] of Object.entries(values ?? {}))
    byName.set(
      key.replace(/^\$\((.*)\)$|^\{\{(.*)\}\}$/, (_, a, b) => a ?? b),
      String(value),
    )
  return byName
}

/**
 * Fills `$(name)` placeholders from the first of `layers` that has the name (a `to` entry's values,
 * then the request's); one no layer has stays as written. A result longer than `maxSubstitutedText`
 * is cut one character past it.
 */
export function substitute(text: string, ...layers: SubstitutionValues[]): string {
  const named = layers.filter((layer) => layer.size > 0)
  if (named.length === 0) return text
  let filled = ''
  let from = 0
  for (const match of text.matchAll(/\$\(([^)\s]+)\)/g)) {
    const name = match[1]!
    let value: string | undefined
    for (const layer of named) if ((value = layer.get(name)) !== undefined) break
    filled += text.slice(from, match.index) + (value ?? match[0])
    from = match.index + match[0].length
    if (filled.length > maxSubstitutedText) return filled.slice(0, maxSubstitutedText + 1)
  }
  filled += text.slice(from)
  return filled.length > maxSubstitutedText ? filled.slice(0, maxSubstitutedText + 1) : filled
}

/** The vendor's 7004 text in the words of the API the request came through. */
const invalidParameter = (api: SmsSend['api']): InvalidParameterText =>
  api === 'sms-v1'
    ? (field) => `Invalid parameter -  : ${field}`
    : api === 'messaging-v1'
      ? (field) => `invalid value of param '${field}'` // its own words (H-APICODES)
      : v2InvalidParameter

export function planSms(
  send: SmsSend,
  state: SmsState,
  now: number,
): PlannedMessage<SmsMessageFields, SmsRecipientFields> {
  const { config } = state
  const typeField = send.typeField ?? 'content.type'
  const wording = invalidParameter(send.api)
  // sendAt and expireAt at most 7 days ahead (D-SMSV2: "upto 7 days in advance"), as for email.
  // The Messaging API v1 calls `expireAt` `expiry` (D-MSGV1).
  const startsAt = scheduleStart(send, now, wording, (field) =>
    send.api === 'messaging-v1' && field === 'expireAt' ? 'expiry' : field,
  )
  const expireAt = send.expireAt === undefined ? undefined : Date.parse(send.expireAt)
  const limit = send.maxText ?? maxText

  if (state.settings.e164) {
    for (const d of send.destinations) {
      if (!isE164(d.number))
        throw new EmulatorError(
          'number_not_e164',
          'Number not in +E164 format',
          d.field,
          `"${d.number}": this tenant takes destinations in +E.164 only (sms.e164)`,
        )
    }
  }

  let content = send.content
  if (send.templateId !== undefined) {
    const template = Object.hasOwn(config.templates, send.templateId) ? config.templates[send.templateId] : undefined
    if (!template)
      throw new EmulatorError(
        'invalid_template',
        'Invalid template ID',
        'template.id',
        `no SMS template "${send.templateId}" (sms.templates has ${Object.keys(config.templates).length ? Object.keys(config.templates).join(', ') : 'none'})`,
      )
    content ??= template
  }
  const { type, text } = content!
  const raw = segmentsOf(text, type)
  if ((type === 'text' || type === 'flash') && raw.encoding === 'UCS-2' && config.nonGsmText === 'reject')
    throw new EmulatorError(
      'invalid_parameter',
      wording(typeField),
      typeField,
      'the text has characters outside GSM-7: send it as "unicode" (sms.nonGsmText is "reject")',
    )

  const expiresAt = expireAt ?? (send.validity === undefined ? undefined : startsAt + send.validity * 1000)
  const expiresIn = expiresAt === undefined ? undefined : expiresAt - startsAt
  const link = firstLinkIn(text)
  const facts: SmsFacts = { link, tracked: send.trackLinks }
  const knownSender = state.isKnownSender(send.from)
  const contactPolicy = state.contactPolicyFor(send.contactPolicy, now)
  const rules = state.ctx.rules()
  const statusOf = (code: string) => smsFailureCodes.get(code)?.status ?? 'Failed'

  const globals = substitutionValues(send.substitutions)
  const shared = substitute(text, globals)
  // A to entry's values, read once for all its numbers.
  const entryValues = new Map<object, SubstitutionValues>()
  const valuesOf = (own: Record<string, unknown>) => {
    let values = entryValues.get(own)
    if (!values) entryValues.set(own, (values = substitutionValues(own)))
    return values
  }

  const recipients = send.destinations.map((d): PlannedRecipient<SmsRecipientFields> => {
    const number = d.number.trim()
    const own = d.substitutions === undefined ? shared : substitute(text, valuesOf(d.substitutions), globals)
    const messageCount = segmentsOf(own, type).parts
    const base = { address: number, correlationId: d.correlationId, fields: { messageCount } }
    // Here and below `base` is spread last: keys added after a spread cost V8 a new hidden class per
    // object (see email/plan.ts).
    const rejected = (code: string, why: string): PlannedRecipient<SmsRecipientFields> => ({
      fate: `${statusOf(code).toLowerCase()} ${code} (${why})`,
      steps: planSmsLifecycle({ kind: 'failure', code }, config.delays, facts, expiresIn),
      ...base,
    })
    if (!isRoutable(number)) return rejected('7102', 'not a phone number')
    if (!knownSender) return rejected('7101', `"${send.from}" is not one of sms.senders`)
    if (own.length > limit) {
      const length = own.length > maxSubstitutedText ? `more than ${maxSubstitutedText}` : own.length
      return rejected('7107', `${length} characters, over ${limit}`)
    }

    const fromRule = ruleOutcome(rules, number) as PhoneOutcome | undefined
    const testName = fromRule ? undefined : testNumberOutcome(number, (code) => smsFailureCodes.has(code))
    const fromTest = testName === undefined ? undefined : parseSmsOutcome(testName)
    const outcome = fromRule ?? fromTest ?? state.defaultOutcome
    const decidedBy = fromRule ? 'rule' : fromTest ? 'test number' : 'default'
    const failure = contactPolicy(number, outcome.kind === 'contact' ? outcome.verdict : undefined)
    if (failure)
      return { fate: `rejected (${failure.code})`, steps: [contactPolicyStep(failure, config.delays)], ...base }
    const playable = playedOutcome(outcome, state.defaultOutcome)
    const steps: SmsStep[] = planSmsLifecycle(playable, config.delays, facts, expiresIn)
    const untracked =
      playable.kind === 'delivered' && playable.click && !(facts.tracked && link)
        ? link
          ? '; no Clicked: options.shortenLinks and options.trackClicks are not both true'
          : '; no Clicked: the text has no link'
        : ''
    return {
      fate: `${describePhoneOutcome(playable, statusOf)} (${decidedBy})${untracked}`,
      held: playable.kind === 'hold',
      steps,
      ...base,
    }
  })

  const textKept = text.length > maxText ? text.slice(0, maxText) : text
  return {
    from: send.from,
    correlationId: send.correlationId,
    callbackData: send.callbackData,
    notifyUrl: send.notifyUrl,
    notifyUrlAuthId: send.notifyUrlAuthId,
    requestedReceipts: send.requestedReceipts,
    startsAt,
    fields: {
      api: send.api,
      text: textKept,
      textLength: text.length,
      contentType: type,
      encoding: raw.encoding,
      ...(send.contentTypeAsSent !== undefined ? { contentTypeAsSent: send.contentTypeAsSent } : {}),
      ...(send.templateId !== undefined ? { templateId: send.templateId } : {}),
      ...(send.batchId !== undefined ? { batchId: send.batchId } : {}),
      ...(expiresAt !== undefined ? { expiresAt } : {}),
    },
    facts,
    recipients,
  }
}
