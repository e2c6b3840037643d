/**
 * @module What SMS customers push to apps: an incoming message (MO), in both formats (notes §2.4:
 * D-SMSWH "Incoming Message", D-DS-SMS). `oa` is the customer, `da` your number — as both samples
 * have it (D-SMSWH's field table says the opposite; notes §7.9).
 *
 * The platform does no STOP/START handling of its own: consent lives in contact-policy groups and
 * a flow records it (notes §5). `sms.keywords` plays such a flow: an MO whose text is a keyword
 * records the sender's consent in a group.
 */
import { z } from 'zod'
import type { InboundSpec } from '../channel.js'
import { segmentsOf } from './segments.js'
import type { SmsState } from './state.js'

const inboundSmsInputSchema = z.strictObject({
  /** The customer's number (`oa`). */
  from: z.string().trim().min(1),
  /** Your long code or short code (`da`). */
  to: z.string().trim().min(1),
  text: z.string().max(10_000),
  /** The customer's operator (`x_networkid`); `sms.carrier` when absent. */
  carrier: z.string().optional(),
})
export type InboundSmsInput = z.input<typeof inboundSmsInputSchema>

const emptyContext = { serviceId: '', serviceName: '', flowId: '', flowName: '', messagingAPI: 'false' }

export function smsInbound(): Record<string, InboundSpec<SmsState>> {
  return {
    mo: {
      schema: inboundSmsInputSchema,
      summary: 'An incoming SMS (MO) to inbound webhook targets',
      events: ['mo'],
      path: '/inbound/sms',
      build(input: z.output<typeof inboundSmsInputSchema>, state, { tid, ts }) {
        const network = input.carrier ?? state.config.carrier
        const messageCount = String(segmentsOf(input.text, 'text').parts)
        // Every entry naming the keyword: STOP listed once per group opts the sender out of each.
        const said = input.text.trim().toLowerCase()
        const keywords = state.config.keywords.filter((k) => k.keyword.toLowerCase() === said)
        if (keywords.length > 0)
          state.ctx.contactPolicy.record(
            keywords.map((k) => ({ groupId: k.group, consent: k.consent })),
            input.from,
          )
        return {
          event: 'MO',
          from: input.from,
          to: [input.to],
          subject: input.text.slice(0, 80),
          targetEvent: 'mo',
          ...(keywords.length > 0 ? { changed: 'contactPolicy' } : {}),
          payloads: {
            webhook: {
              userld: '',
              Channel: 'SMS',
              da: input.to,
              message_source: 'SMS',
              oa: input.from,
              message: input.text,
              messageCount,
              tid,
              datetime: ts,
              ts,
              x_networkid: network,
            },
            datastream: {
              transid: tid,
              malwareinfo: '',
              channel: 'SMS',
              dataIntegration: { context: emptyContext, appContext: {} },
              x_networkid: network,
              message: input.text,
              messageCount,
              userId: '',
              message_source: 'SMS',
              tid,
              pciInfo: '',
              clientUUID: state.ctx.tenant.clientUUID,
              'x-wx-gtrid': '',
              oa: input.from,
              datetime: ts,
              securityscaninfo: '',
              da: input.to,
              ts,
            },
          },
        }
      },
    },
  }
}
