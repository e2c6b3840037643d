/**
 * @module The control API's answers as the console receives them: the emulator's own return types,
 * as JSON turns them (hono's JSONParsed), so the console is type-checked against what the server
 * really sends. Type-only: nothing of the server ends up in the bundle.
 */
import type { JSONParsed } from 'hono/utils/types'
import type { EmulatorCore as Emulator } from '../../../core/emulator-api.js'

type Json<T> = JSONParsed<T>

/** GET /clock, and the event stream's hello. */
export type ClockState = Json<ReturnType<Emulator['clockState']>>
/** GET /messages */
export type MessagePage = Json<ReturnType<Emulator['findMessages']>>
export type MessageSummary = MessagePage['messages'][number]
/** One webhook delivery (GET /webhooks, and a message's `deliveries`). */
export type Delivery = Json<ReturnType<Emulator['deliveries']>[number]>
/** GET /messages/:id: the message record with its webhook deliveries. */
export type MessageDetail = Json<NonNullable<ReturnType<Emulator['message']>>> & { deliveries: Delivery[] }
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
