/**
 * @module `GET /v2/messages/{messageId}` — "currently in beta and only available to select
 * clients" (D-GETV2): the message as the vendor's example shows it, for any channel. Its first
 * destination's latest status; the SMS example's `numSegments` and `content` where the channel has
 * them. Keys the emulator does not keep (`groupId`, `teamId`) carry the tenant's id.
 */
import { z } from 'zod'
import type { AnyChannel, Tenant } from '../channels/channel.js'
import type { MessageRecord } from '../channels/registry.js'

export const v2StatusSchema = z.object({
  clientId: z.number(),
  toType: z.string(),
  numSegments: z.string().optional(),
  requestTimestamp: z.string(),
  groupId: z.number(),
  channel: z.string(),
  messageId: z.string(),
  requestedReceipts: z.array(z.string()),
  version: z.literal('2.0'),
  content: z.record(z.string(), z.unknown()),
  teamId: z.number(),
  callbackData: z.string(),
  options: z.record(z.string(), z.unknown()),
  notifyUrl: z.string().optional(),
  from: z.string(),
  correlationId: z.string(),
  to: z.string(),
  direction: z.literal('outbound'),
  status: z.string(),
})
export type V2Status = z.infer<typeof v2StatusSchema>

/** The message's status view; `channel` (its definition) says what only it shows. */
export function v2Status(message: MessageRecord, tenant: Tenant, channel: AnyChannel | undefined): V2Status {
  const recipient = message.recipients[0]!
  const view = channel?.statusView?.(message, recipient) ?? {
    toType: channel?.vocabulary.destination ?? 'address',
    content: {},
  }
  return {
    clientId: tenant.tenantId,
    toType: view.toType,
    ...view.extra,
    requestTimestamp: message.requestTimestamp,
    groupId: tenant.tenantId,
    channel: message.channel,
    messageId: message.messageId,
    requestedReceipts: (message.requestedReceipts ?? []).map((r) => (view.upperCaseReceipts ? r.toUpperCase() : r)),
    version: '2.0',
    content: view.content,
    teamId: tenant.tenantId,
    callbackData: message.callbackData,
    options: {},
    ...(message.notifyUrl ? { notifyUrl: message.notifyUrl } : {}),
    from: message.from,
    correlationId: message.correlationId,
    to: recipient.address,
    direction: 'outbound',
    status: recipient.status,
  }
}
