/**
 * @module The control API's answers as the console receives them: the emulator's own return types,
 * as JSON turns them (hono's JSONParsed), so the console is type-checked against what the server
 * really sends. Type-only: nothing of the server ends up in the bundle.
 */
import type { JSONParsed } from 'hono/utils/types'
import type { conversationOf } from '../../../core/channels/whatsapp/conversation.js'
import type { EmulatorCore as Emulator } from '../../../core/emulator-api.js'

type Json<T> = JSONParsed<T>

/** GET /clock, and the event stream's hello. */
export type ClockState = Json<ReturnType<Emulator['clockState']>>
/** A message record, any channel's (discriminated by `channel`), as GET /messages and /messages/:id send it. */
export type MessageRecord = Json<NonNullable<ReturnType<Emulator['message']>>>
/** The channels a record may come from ("email" | "sms"). */
export type ChannelName = MessageRecord['channel']
/** GET /messages: a page of full records. */
export type MessagePage = Omit<Json<ReturnType<Emulator['findMessages']>>, 'messages'> & { messages: MessageRecord[] }
/** One webhook delivery (GET /webhooks, and a message's `deliveries`). */
export type Delivery = Json<ReturnType<Emulator['deliveries']>[number]>
/** GET /messages/:id: the message record with its webhook deliveries. */
export type MessageDetail = MessageRecord & { deliveries: Delivery[] }
export type Recipient = MessageDetail['recipients'][number]
/** GET /suppression entries: `expiresAt` null while listed until removed. */
export type SuppressionEntry = Omit<Json<ReturnType<Emulator['suppressed']>[number]>, 'expiresAt'> & {
  expiresAt: number | null
}
export type Unsubscribe = Json<ReturnType<Emulator['unsubscribed']>[number]>
export type SandboxState = Json<ReturnType<Emulator['sandbox']>>
export type InboundEvent = Json<ReturnType<Emulator['inbound']>[number]>
export type Target = Json<ReturnType<Emulator['targets']>[number]>
export type Rule = Json<ReturnType<Emulator['rules']>[number]>
/** GET /whatsapp/conversations/:appId/:waid: one app's chat with a user and the 24-hour window. */
export type WaConversation = Json<ReturnType<typeof conversationOf>>
export type WaEntry = WaConversation['entries'][number]
