/**
 * @module SMS on the Messaging API v1 (`deliverychannel: "sms"`, notes §1.3, §2.3: D-MSGV1SMS,
 * D-MSGV1): `destination[].msisdn`, `channels.sms` {`senderid`, `text` (at most 1024 characters),
 * `type` "1" text / "3" binary / "4" unicode}, read into the same `SmsSend` as the other SMS APIs
 * and played by the same lifecycle.
 *
 * `senderid` is documented as mandatory, but the request most public clients copy (an SMS
 * "notification service" assignment, notes §4) sends none: by default the emulator sends from
 * `sms.messagingV1.defaultSender` (a tolerance, docs/decisions/012-messaging-api-v1.md);
 * `sms.messagingV1.missingSender: "refuse"` answers 7003 "param 'senderid' missing for channel sms".
 */
import { z } from 'zod'
import {
  destinationCorrelation,
  v1CommonShape,
  v1Correlation,
  v1DestinationCorrelationShape,
  v1Refusal,
} from '../../apis/v1-messaging.js'
import { dateTimeSchema, nonBlankString } from '../../apis/v2-schemas.js'
import { contactPolicyRequestSchema } from '../../kernel/contact-policy.js'
import { EmulatorError } from '../../kernel/errors.js'
import type { SmsSend } from './plan.js'
import { isHexOctets } from './segments.js'
import type { SmsState } from './state.js'

/** Vendor (D-MSGV1SMS): "A maximum of 1024 characters" for `channels.sms.text`. */
const maxV1SmsText = 1024

const typeText = "invalid value of param 'type' , only [1,2,3,4] are allowed"

export const smsMessagingV1Schema = z.object({
  deliverychannel: z.string(),
  destination: z
    .array(
      z.object({
        msisdn: z.array(z.union([z.string(), z.number()]).transform(String)).min(1),
        ...v1DestinationCorrelationShape,
      }),
    )
    .min(1),
  channels: z.object({
    sms: z.object({
      senderid: z.preprocess((v) => (v === '' ? undefined : v), z.string().optional()),
      // Blank is no message, as on /v2/messages and the Send SMS API v1 (decision 016).
      text: nonBlankString('the SMS text').optional(),
      /** "1" text (default), "2" (accepted, as text), "3" binary with `body` in hex, "4" unicode. */
      type: z
        .union([z.string(), z.number()])
        .transform(String)
        .pipe(z.enum(['1', '2', '3', '4']))
        .optional(),
      body: z.string().optional(),
    }),
  }),
  message: z.object({ template: z.union([z.string(), z.number()]).transform(String) }).optional(),
  contactPolicy: contactPolicyRequestSchema.optional(),
  /** D-MSGV1: "Expiry time in UTC format" (`2015-04-12T13:00:19.456Z`); a bad one was read as 7 days ahead. */
  expiry: dateTimeSchema.optional(),
  ...v1CommonShape,
})
export type SmsMessagingV1Request = z.infer<typeof smsMessagingV1Schema>

export const refuseSmsV1 = v1Refusal('sms', { type: typeText })

export function smsSendFromMessagingV1(request: SmsMessagingV1Request, state: SmsState): SmsSend {
  const sms = request.channels.sms
  const type = sms.type ?? '1'
  const text = type === '3' ? sms.body : sms.text
  if (text === undefined && request.message === undefined)
    throw new EmulatorError(
      'missing_parameter',
      type === '3' ? "param 'body' missing for channel sms" : "param 'text' missing for channel sms",
      type === '3' ? 'channels.sms.body' : 'channels.sms.text',
    )
  if (type === '3' && text !== undefined && !isHexOctets(text))
    throw new EmulatorError(
      'invalid_parameter',
      "invalid value of param 'body'",
      'channels.sms.body',
      'type "3" (binary) takes its body as hex octets: pairs of 0-9 and A-F',
    )
  const { missingSender, defaultSender } = state.config.messagingV1
  if (sms.senderid === undefined && missingSender === 'refuse')
    throw new EmulatorError(
      'missing_parameter',
      "param 'senderid' missing for channel sms",
      'channels.sms.senderid',
      'sms.messagingV1.missingSender is "refuse"',
    )
  const from = sms.senderid ?? defaultSender ?? [...state.settings.senders][0] ?? 'CONNCT'
  const requestCorrelation = v1Correlation(request)
  return {
    api: 'messaging-v1',
    from,
    destinations: request.destination.flatMap((entry, i) =>
      entry.msisdn.map((number, j) => ({
        number,
        // "Will override correlationid given in request body" (D-MSGV1).
        correlationId: destinationCorrelation(entry, requestCorrelation),
        field: `destination[${i}].msisdn[${j}]`,
      })),
    ),
    ...(text === undefined
      ? { templateId: request.message!.template }
      : { content: { type: type === '4' ? 'unicode' : type === '3' ? 'binary' : 'text', text } }),
    trackLinks: false,
    expireAt: request.expiry,
    correlationId: requestCorrelation,
    callbackData: request.callbackData ?? '',
    notifyUrl: request.notifyurl,
    notifyUrlAuthId: request.notifyurlAuthId,
    contactPolicy: request.contactPolicy,
    typeField: 'channels.sms.type',
    maxText: maxV1SmsText,
  }
}
