/**
 * @module WhatsApp on the Messaging API v1 (`deliverychannel: "whatsapp"`, notes §1.4, §2.5, §6.3:
 * D-WA, D-WATEXT): `appid` (a configured asset, else 7104 "Invalid app id"), `destination[]`
 * with `waid` and/or `bsuid`, and either a session message (`channels."OTT-Messaging".wa`) or a
 * template message (`message.template` + `parameters`). Each recipient's fate is decided here:
 * the 24-hour window, template parameters, limits with receipt codes, opt-outs, then rules, test
 * numbers and the default outcome.
 */
import { z } from 'zod'
import {
  destinationCorrelation,
  v1CommonShape,
  v1Correlation,
  v1DestinationCorrelationShape,
  v1Refusal,
} from '../../apis/v1-messaging.js'
import { EmulatorError } from '../../kernel/errors.js'
import { ownKeysRecord } from '../../kernel/own-keys-record.js'
import { playedOutcome } from '../../kernel/phone-outcome.js'
import { ruleOutcome } from '../../kernel/rules.js'
import { testNumberOutcome } from '../../kernel/test-numbers.js'
import type { PlannedMessage, PlannedRecipient } from '../channel.js'
import { waFailureCodes } from './codes.js'
import { planWaLifecycle, type WaFailure } from './lifecycle.js'
import { parseWaOutcome, type WaOutcome } from './outcome.js'
import type { WaMessageFields, WaRecipientFields } from './record.js'
import { maxWaText, sessionText, type WaSession, waSessionSchema } from './session.js'
import { shownOfSession } from './shown.js'
import type { WhatsappState } from './state.js'

const id = z.union([z.string(), z.number()]).transform(String)

/**
 * A destination entry names at least one user, and each of its users by a waid or a bsuid that is
 * not blank: waids and bsuids pair by position, so a blank waid with a bsuid beside it is that
 * bsuid's user (a client filling the vendor's sample from variables sends "" for the one it lacks),
 * but a blank with nothing beside it is a recipient with no address.
 */
function namesEveryone(d: { waid?: string[] | undefined; bsuid?: string[] | undefined }): boolean {
  const waids = d.waid ?? []
  const bsuids = d.bsuid ?? []
  const users = Math.max(waids.length, bsuids.length)
  for (let i = 0; i < users; i++) if (!waids[i]?.trim() && !bsuids[i]?.trim()) return false
  return users > 0
}

export const waMessagingV1Schema = z.object({
  deliverychannel: z.string(),
  appid: id.pipe(z.string().trim().min(1)),
  destination: z
    .array(
      z
        .object({
          waid: z.array(id).optional(),
          bsuid: z.array(id).optional(),
          ...v1DestinationCorrelationShape,
        })
        .refine(namesEveryone, 'either waid or bsuid, neither of them blank'),
    )
    .min(1),
  channels: z
    .object({
      'OTT-Messaging': z
        .object({ wa: z.looseObject({ identity_key_hash: z.string().optional() }).optional() })
        .optional(),
    })
    .optional(),
  message: z
    .object({ template: id.pipe(z.string().min(1)), parameters: ownKeysRecord(z.unknown()).default({}) })
    .optional(),
  ...v1CommonShape,
})
export type WaMessagingV1Request = z.infer<typeof waMessagingV1Schema>

export const refuseWaV1 = v1Refusal('whatsapp')

/** A normalized WAID such as "IN.2149372115xxxxxx" (D-WA). */
const normalized = (waid: string) => /^[A-Z]{2}\.\w+$/.test(waid)

/** Meta's error for a user who stopped marketing messages (error 131050; the vendor's code for it is inferred). */
const optedOutInfo =
  '(#131050)  | Unable to deliver the message. This recipient has chosen to stop receiving marketing messages on WhatsApp from your business.'

function readSession(request: WaMessagingV1Request): WaSession {
  const ott = request.channels?.['OTT-Messaging']
  if (!ott)
    throw new EmulatorError(
      'missing_parameter',
      "param 'OTT-Messaging' missing for channel whatsapp",
      'channels.OTT-Messaging',
    )
  if (!ott.wa)
    throw new EmulatorError('missing_parameter', "param 'wa' missing for channel whatsapp", 'channels.OTT-Messaging.wa')
  const parsed = waSessionSchema.safeParse(ott.wa)
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ ...i, path: ['channels', 'OTT-Messaging', 'wa', ...i.path] }))
    throw refuseWaV1(request, issues)
  }
  return parsed.data
}

/** Receipt failures a session message's content earns (its limits with codes of their own). */
function contentFailure(session: WaSession | undefined): WaFailure | undefined {
  if (session?.type === 'text' && session.text.body.length > maxWaText) return { code: '7714' }
  if (session?.type === 'list') {
    const { sections } = session.list.action
    if (sections.length < 1 || sections.length > 10) return { code: '7819' }
    if (sections.reduce((n, s) => n + s.rows.length, 0) > 10) return { code: '7820' }
  }
  return undefined
}

export function planWhatsappV1(
  request: WaMessagingV1Request,
  state: WhatsappState,
  now: number,
  api: 'messaging-v1' | 'whatsapp-v1' = 'messaging-v1',
): PlannedMessage<WaMessageFields, WaRecipientFields> {
  const { config } = state
  const appId = request.appid
  if (!state.isKnownApp(appId))
    throw new EmulatorError(
      'invalid_app_id',
      'Invalid app id',
      'appid',
      `"${appId}" is not one of whatsapp.apps (${config.apps.join(', ')})`,
    )
  const templateId = request.message?.template
  const session = templateId === undefined ? readSession(request) : undefined
  // Own keys only: a template id such as "constructor" names no template, not Object.prototype's.
  const template =
    templateId !== undefined && Object.hasOwn(config.templates, templateId) ? config.templates[templateId] : undefined
  if (templateId !== undefined && template === undefined && config.unknownTemplate === 'refuse')
    throw new EmulatorError(
      'invalid_template',
      'Invalid template ID',
      'message.template',
      `no WhatsApp template "${templateId}" (whatsapp.templates has ${Object.keys(config.templates).join(', ') || 'none'})`,
    )
  const wa = request.channels?.['OTT-Messaging']?.wa
  const identityKeyHash = wa?.identity_key_hash ?? ''
  const requestCorrelation = v1Correlation(request)
  const rules = state.ctx.rules()

  // Which failure the message itself earns, whoever it goes to.
  const missing = template?.parameters.filter((p) => !Object.hasOwn(request.message?.parameters ?? {}, p)) ?? []
  const messageFailure: WaFailure | undefined =
    templateId !== undefined && !template
      ? { code: '7849', why: `no template "${templateId}" (whatsapp.unknownTemplate "receipt")` }
      : missing.length > 0
        ? { code: '7804', why: `missing parameters ${missing.join(', ')}` }
        : contentFailure(session)

  const targets = request.destination.flatMap((entry) => {
    const waids = entry.waid ?? []
    const bsuids = entry.bsuid ?? []
    const correlationId = destinationCorrelation(entry, requestCorrelation)
    const byWaid = waids.map((waid, j) => ({ waid, bsuid: bsuids[j] ?? '', correlationId }))
    const byBsuid = bsuids.slice(waids.length).map((bsuid) => ({ waid: '', bsuid, correlationId }))
    return [...byWaid, ...byBsuid]
  })

  const recipients = targets.map((t, index): PlannedRecipient<WaRecipientFields> => {
    const address = t.waid || t.bsuid
    const users = [t.waid, t.bsuid]
    const fields: WaRecipientFields = {
      waid: t.waid,
      bsuid: t.bsuid,
      destinationType: t.waid ? 'waid' : 'bsuid',
      waidNormalized: t.waid && normalized(t.waid) ? 'true' : 'false',
      identityKeyHash,
      subtid: state.ctx.uuid(),
      index,
    }
    const base = { address, correlationId: t.correlationId, fields }
    // `base` spread last, here and below: keys added after a spread cost V8 a new hidden class per
    // object (see email/plan.ts).
    const fail = (failure: WaFailure, why: string): PlannedRecipient<WaRecipientFields> => ({
      fate: `failed ${failure.code} (${why})`,
      steps: planWaLifecycle({ kind: 'rejected', failure }, config),
      ...base,
    })
    if (messageFailure)
      return fail(messageFailure, messageFailure.why ?? waFailureCodes.get(messageFailure.code)!.description)
    if (session && config.enforceWindow && state.windowClosesAt(appId, users, now) === undefined)
      return fail(
        { code: '7710' },
        `no inbound message from ${address} to ${appId} in the last ${config.window / 3_600_000} h`,
      )
    if (template?.category === 'marketing' && state.hasOptedOut(appId, users))
      return fail({ code: '7871', additionalInfo: optedOutInfo }, `${address} stopped marketing messages`)

    const fromRule = ruleOutcome(rules, address) as WaOutcome | undefined
    const testName = fromRule || !t.waid ? undefined : testNumberOutcome(t.waid, (code) => waFailureCodes.has(code))
    const fromTest = testName === undefined ? undefined : parseWaOutcome(testName)
    const chosen = fromRule ?? fromTest ?? state.defaultOutcome
    const outcome = playedOutcome(chosen, state.defaultOutcome) // no contact-policy check on this API
    const decidedBy = fromRule ? 'rule' : fromTest ? 'test number' : 'default'
    return {
      fate: `${describe(outcome)} (${decidedBy})`,
      held: outcome.kind === 'hold',
      steps: planWaLifecycle({ kind: 'played', outcome }, config),
      ...base,
    }
  })

  const text = session ? sessionText(session) : ''
  const shown = session && shownOfSession(session)
  return {
    from: appId,
    correlationId: requestCorrelation,
    callbackData: request.callbackData ?? '',
    notifyUrl: request.notifyurl,
    notifyUrlAuthId: request.notifyurlAuthId,
    requestedReceipts: undefined,
    startsAt: now,
    fields: {
      api,
      appId,
      kind: session ? 'session' : 'template',
      type: session ? session.type : 'template',
      text: text.slice(0, maxWaText),
      ...(templateId !== undefined ? { templateId } : {}),
      ...(shown ? { shown } : {}),
    },
    facts: undefined,
    recipients,
  }
}

function describe(outcome: Exclude<WaOutcome, { kind: 'contact' }>): string {
  switch (outcome.kind) {
    case 'unread':
      return 'delivered, never read'
    case 'delivered':
      return outcome.slow ? 'delivered (slow)' : 'delivered'
    case 'submitted':
      return 'submitted, never delivered'
    case 'failure':
      return `failed ${outcome.code}`
    case 'hold':
      return 'held for a manual action'
  }
}
