/**
 * @module An RCS send, planned: the app id checked, the content (or template) read, and every
 * number's fate decided — capability included — with its lifecycle laid out before anything is
 * recorded. A number that cannot take RCS fails with 7010 (D-RCSWH's "Failed" sample); with
 * `options.smsFallback`, a failure that `fallsBack` sends the fallback SMS when it fires (index.ts). Agent events (typing, read) get no receipts.
 */
import { scheduleStart, v2InvalidParameter } from '../../../apis/v2-schedule.js'
import { EmulatorError } from '../../../kernel/errors.js'
import type { PlannedMessage, PlannedRecipient, PlannedStep } from '../../channel.js'
import { type PhoneLifecycleTable, planPhoneLifecycle } from '../lifecycle.js'
import { isRoutable } from '../numbers.js'
import { decidePhoneFate } from '../phone-fate.js'
import { maxSubstitutedText, type SubstitutionValues, substitute, substitutionValues } from '../plan.js'
import { parseRcsOutcome, rcsCapabilityCodes, rcsFailureCodes } from './codes.js'
import type { RcsMessageFields, RcsRecipient } from './record.js'
import { maxRcsText, type RcsContent, type RcsSendRequest } from './schemas/send-request.js'
import type { RcsState } from './state.js'

const rcsTable: PhoneLifecycleTable = { codes: rcsFailureCodes, expiredCode: '7301', read: true }

type RecipientFields = Pick<RcsRecipient, 'fallbackText'>

/** `value`, refused as a text written past the page's 1024 characters is when substitutions fill it past them. */
function withinLimit(value: string, field: 'content.text' | 'options.text', whose: string): string {
  if (value.length <= maxRcsText) return value
  throw new EmulatorError(
    'invalid_parameter',
    v2InvalidParameter(field),
    field,
    `with ${whose} substitutions the ${field === 'content.text' ? 'text' : 'fallback SMS text'} is ${value.length > maxSubstitutedText ? 'more than ' : ''}${Math.min(value.length, maxSubstitutedText)} characters: at most ${maxRcsText}`,
  )
}

/** What the record shows of the content. */
function contentFields(content: RcsContent) {
  switch (content.type) {
    case 'text':
      return { contentType: 'text' as const, text: content.text, suggestions: content.suggestions?.length ?? 0 }
    case 'media':
      return {
        contentType: 'media' as const,
        mediaUrl: content.mediaContentUrl,
        suggestions: content.suggestions?.length ?? 0,
      }
    case 'standalone':
      return {
        contentType: 'standalone' as const,
        cards: [content.richCard.title],
        suggestions: (content.suggestions?.length ?? 0) + (content.richCard.suggestions?.length ?? 0),
      }
    case 'carousel':
      return {
        contentType: 'carousel' as const,
        cards: content.cards.map((card) => card.title),
        suggestions:
          (content.suggestions?.length ?? 0) +
          content.cards.reduce((n, card) => n + (card.suggestions?.length ?? 0), 0),
      }
    case 'agentEvent':
      return { contentType: 'agentEvent' as const, event: content.event, suggestions: 0 }
  }
}

/**
 * Whether a fired RCS step sends the fallback SMS of a request that asked for one: any Failed
 * ("failure", D-RCSFAQ's "RCS rejection or async failure"), or only a capability code.
 */
export function fallsBack(step: PlannedStep, fallbackOn: 'failure' | 'capability'): boolean {
  return step.kind === 'failed' && (fallbackOn === 'failure' || rcsCapabilityCodes.has(step.code ?? ''))
}

export function planRcs(
  request: RcsSendRequest,
  state: RcsState,
  now: number,
): PlannedMessage<RcsMessageFields, RecipientFields> {
  const { config } = state
  if (!state.isKnownSender(request.from))
    throw new EmulatorError(
      'invalid_app_id',
      'Invalid app ID',
      'from',
      `"${request.from}" is not one of the tenant's RCS app ids (rcs.apps: ${[...state.senders].join(', ')})`,
    )
  // sendAt and expireAt at most 7 days ahead, as on every channel of /v2/messages.
  const startsAt = scheduleStart(request, now)
  const expireAt = request.expireAt === undefined ? undefined : Date.parse(request.expireAt)

  let content = request.content
  const templateId = request.template === undefined ? undefined : String(request.template.id)
  if (templateId !== undefined && !content) {
    const template = Object.hasOwn(config.templates, templateId) ? config.templates[templateId] : undefined
    if (!template)
      throw new EmulatorError(
        'invalid_template',
        'Invalid template ID',
        'template.id',
        `no RCS template "${templateId}" (rcs.templates has ${Object.keys(config.templates).join(', ') || 'none'})`,
      )
    content = { type: 'text', text: template.text }
  }
  const shown = contentFields(content!)
  const options = request.options
  const fallbackText = options?.smsFallback === true ? options.text! : undefined
  // The text and the fallback SMS's text take substitutions as SMS text does: the `to` entry's over
  // the request's (D-RCS's "RCS Text" sample has both blocks; D-SMSV2: the per-`to` one takes
  // precedence). D-RCS: substitutions are "applicable only for the text content type", so a card's
  // or a suggestion's words are sent as written. A text filled past the limit is refused as a text
  // written past it is (the schema's 7004).
  const globals = substitutionValues(request.substitutions)
  const filled = (whose: string, ...values: SubstitutionValues[]) => ({
    text: shown.text === undefined ? undefined : withinLimit(substitute(shown.text, ...values), 'content.text', whose),
    fallback:
      fallbackText === undefined ? undefined : withinLimit(substitute(fallbackText, ...values), 'options.text', whose),
  })
  const shared = filled("the request's", globals)
  const { text } = shared
  const fallback =
    shared.fallback !== undefined
      ? {
          smsSenderId: options!.smsSenderId!,
          text: shared.fallback,
          ...(request.notifyUrlAuthId !== undefined ? { notifyUrlAuthId: request.notifyUrlAuthId } : {}),
        }
      : undefined
  const falls = (step: PlannedStep) => fallback !== undefined && fallsBack(step, config.fallbackOn)

  const expiresIn = expireAt === undefined ? undefined : expireAt - startsAt
  const contactPolicy = state.contactPolicyFor(request.contactPolicy, now)
  const noClicks = { link: undefined, tracked: false }

  const recipients = request.to.flatMap((entry, k) => {
    // A number's own text is checked, not kept (SMS keeps none either); its fallback SMS's text is
    // kept when its own values change it, which is all sendFallback needs (at most 1024 characters).
    const own =
      entry.substitutions === undefined
        ? shared
        : filled(`to[${k}]'s`, substitutionValues(entry.substitutions), globals)
    const fields: RecipientFields = own.fallback === shared.fallback ? {} : { fallbackText: own.fallback! }
    // The schema trimmed each number.
    return entry.msisdn.map((number): PlannedRecipient<RecipientFields> => {
      const base = { address: number, correlationId: entry.correlationId ?? '', fields }
      const withFallback = (fate: string, steps: PlannedStep[]): PlannedRecipient<RecipientFields> => {
        const note = steps.some(falls) ? '; then the SMS fallback' : ''
        return { fate: `${fate}${note}`, steps, ...base } // base last: see sms/plan.ts
      }
      if (shown.contentType === 'agentEvent') return { fate: 'agent event: no receipts', steps: [], ...base }
      if (!isRoutable(number))
        return withFallback(
          'failed 7321 (not a phone number)',
          planPhoneLifecycle(rcsTable, { kind: 'failure', code: '7321' }, config.delays, noClicks, expiresIn, number),
        )

      const { fate, steps, held } = decidePhoneFate({
        number,
        table: rcsTable,
        parse: parseRcsOutcome,
        state,
        contactPolicy,
        delays: config.delays,
        click: noClicks,
        expiresIn,
      })
      return { held, ...withFallback(fate, steps) }
    })
  })

  return {
    from: request.from,
    correlationId: request.to[0]!.correlationId ?? '',
    callbackData: request.callbackData ?? '',
    notifyUrl: request.notifyUrl,
    notifyUrlAuthId: request.notifyUrlAuthId,
    requestedReceipts: request.requestedReceipts,
    startsAt,
    fields: {
      ...shown,
      ...(text !== undefined ? { text } : {}),
      ...(templateId !== undefined ? { templateId } : {}),
      ...(expireAt !== undefined ? { expiresAt: expireAt } : {}),
      ...(fallback ? { fallback } : {}),
    },
    facts: noClicks,
    recipients,
  }
}
