/**
 * @module An MMS send, planned: the sender checked against the tenant's MMS-enabled numbers, the
 * slides read, and every number's fate decided in the phone grammar with MMS's codes, its
 * lifecycle laid out — Submitted, Delivered, then Read and Clicked where the outcome says so —
 * before anything is recorded.
 */
import { type InvalidParameterText, scheduleStart } from '../../../apis/v2-schedule.js'
import { EmulatorError } from '../../../kernel/errors.js'
import type { PlannedMessage, PlannedRecipient } from '../../channel.js'
import { firstLinkIn, type PhoneLifecycleTable, planPhoneLifecycle } from '../lifecycle.js'
import { isRoutable } from '../numbers.js'
import { decidePhoneFate } from '../phone-fate.js'
import { maxSubstitutedText, type SubstitutionValues, substitute, substitutionValues } from '../plan.js'
import { mmsFailureCodes, parseMmsOutcome } from './codes.js'
import type { MmsMessageFields, MmsRecipientFields } from './record.js'
import { type MmsSendRequest, maxSlideText } from './schemas/send-request.js'
import type { MmsState } from './state.js'

const mmsTable: PhoneLifecycleTable = { codes: mmsFailureCodes, expiredCode: '7208', read: true }

/** The MMS page's 7004 text, "Invalid parameter: {{parameter}}" (D-MMS), as mmsIssue words the rest. */
const mmsInvalidParameter: InvalidParameterText = (field) => `Invalid parameter: ${field}`

export function planMms(
  request: MmsSendRequest,
  state: MmsState,
  now: number,
): PlannedMessage<MmsMessageFields, MmsRecipientFields> {
  const { config } = state
  // Vendor: "If the senderID doesn't match the preset list, the API request fails" (D-MMS).
  if (!state.isKnownSender(request.from))
    throw new EmulatorError(
      'invalid_sender',
      'Invalid sender ID',
      'from',
      `"${request.from}" is not one of the tenant's MMS-enabled numbers (mms.senders: ${[...state.senders].join(', ')})`,
    )
  // sendAt and expireAt at most 7 days ahead, as on every channel of /v2/messages.
  const startsAt = scheduleStart(request, now, mmsInvalidParameter)
  const expireAt = request.expireAt === undefined ? undefined : Date.parse(request.expireAt)

  const { content } = request
  // Slide texts take substitutions as SMS text does: the `to` entry's over the request's (D-MMS's
  // "MMS with Single Slide" sample: a per-number offerName over the global one in "flower
  // $(offerName) image"). The message keeps the request's; a number whose own change the link keeps that.
  const globals = substitutionValues(request.substitutions)
  const textsWith = (...values: SubstitutionValues[]) =>
    content.attachments.map((slide) =>
      slide.messageText === undefined ? '' : substitute(slide.messageText, ...values),
    )
  // A slide filled past the page's limit is refused as a slide written past it is (the schema's 7004).
  const withinLimit = (texts: string[], whose: string) => {
    const over = texts.findIndex((text) => text.length > maxSlideText)
    if (over >= 0) {
      const field = `content.attachments[${over}].messageText`
      throw new EmulatorError(
        'invalid_parameter',
        mmsInvalidParameter(field),
        field,
        `with ${whose} substitutions the slide's text is ${texts[over]!.length > maxSubstitutedText ? 'more than ' : ''}${Math.min(texts[over]!.length, maxSubstitutedText)} characters: at most ${maxSlideText}`,
      )
    }
    return texts
  }
  const shared = withinLimit(textsWith(globals), "the request's")
  const tracked = request.options?.trackClicks === true
  const click = { link: firstLinkIn(shared.join('\n')), tracked }
  const expiresIn = expireAt === undefined ? undefined : expireAt - startsAt
  const contactPolicy = state.contactPolicyFor(request.contactPolicy, now)

  const recipients = request.to.flatMap((entry, k) => {
    const own =
      entry.substitutions === undefined
        ? shared
        : withinLimit(textsWith(substitutionValues(entry.substitutions), globals), `to[${k}]'s`)
    // Only the link is kept per number: a copy of nine 4,096-character slides for each of 1,000
    // numbers made one record tens of MB, and a page of them more than a string can hold (a 500).
    const ownLink = own === shared ? click.link : firstLinkIn(own.join('\n'))
    const fields: MmsRecipientFields = ownLink === click.link ? {} : { clickLink: ownLink ?? '' }
    const ownClick = ownLink === click.link ? click : { link: ownLink, tracked }
    // The schema trimmed each number.
    return entry.msisdn.map((number): PlannedRecipient<MmsRecipientFields> => {
      const base = { address: number, correlationId: entry.correlationId ?? request.correlationId ?? '', fields }
      if (!isRoutable(number))
        return {
          fate: 'failed 7219 (not a phone number)',
          steps: planPhoneLifecycle(mmsTable, { kind: 'failure', code: '7219' }, config.delays, ownClick, expiresIn),
          ...base,
        }
      const { fate, steps, held } = decidePhoneFate({
        number,
        table: mmsTable,
        parse: parseMmsOutcome,
        state,
        contactPolicy,
        delays: config.delays,
        click: ownClick,
        expiresIn,
      })
      const untracked =
        steps.some((s) => s.kind === 'read') && fate.startsWith('clicked') && !steps.some((s) => s.kind === 'clicked')
          ? ownClick.link
            ? '; no Clicked: options.trackClicks is not true'
            : '; no Clicked: no slide text has a link'
          : ''
      return { fate: `${fate}${untracked}`, steps, held, ...base } // base last: see sms/plan.ts
    })
  })

  return {
    from: request.from,
    correlationId: request.correlationId ?? request.to[0]!.correlationId ?? '',
    callbackData: request.callbackData ?? '',
    notifyUrl: request.notifyUrl,
    notifyUrlAuthId: request.notifyUrlAuthId,
    requestedReceipts: request.requestedReceipts,
    startsAt,
    fields: {
      subject: content.subject,
      slides: content.attachments.map((slide, i) => ({
        type: slide.type,
        ...(slide.mediaUrl !== undefined ? { mediaUrl: slide.mediaUrl } : {}),
        ...(slide.messageText !== undefined ? { messageText: shared[i]! } : {}),
      })),
      // D-MMS's "MMS Single Slide" sample writes placeholders in both ("Internal $(mms_parameter1)Name",
      // "fallback $(mms_parameter1)text as SMS"). Kept with the request's values, as the slides are;
      // a number's own would change nothing the emulator sends (it plays no MMS-to-SMS fallback).
      ...(content.name !== undefined ? { name: substitute(content.name, globals) } : {}),
      ...(content.fallbacktext !== undefined ? { fallbacktext: substitute(content.fallbacktext, globals) } : {}),
      ...(expireAt !== undefined ? { expiresAt: expireAt } : {}),
    },
    facts: click,
    recipients,
  }
}
