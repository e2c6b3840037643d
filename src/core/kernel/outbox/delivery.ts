/**
 * @module The records the outbox keeps: one `Delivery` per webhook POST owed, with every `Attempt`
 * at it. The console, the control API and scenarios read them as they are.
 */
import type { HubSignatureOptions, WebhookFormat } from '../../schemas/config.js'
import type { FaultName } from '../webhook-faults.js'

/** `interrupted`: the emulator shut down while the attempt was in flight. */
export type AttemptVerdict = 'delivered' | 'retry' | 'failed' | 'interrupted'

/** One HTTP attempt of a delivery: the receiver's status or the connection error, and what it led to. */
export interface Attempt {
  number: number
  at: number
  status: number | undefined
  error: string | undefined
  latencyMs: number
  verdict: AttemptVerdict
  /** The start of the receiver's answer, when it sent one. */
  responseBody?: string
  /** Faults injected into this attempt (see webhooks.targets[].faults). */
  faults?: FaultName[]
}

/** Where a delivery stands; `failed` once retries are used up (or it was interrupted). */
export type DeliveryState = 'pending' | 'in-flight' | 'delivered' | 'failed'

/** One webhook POST the emulator owes a target (a receipt or inbound event), with every attempt at it. */
export interface Delivery {
  id: string
  /** The request's own notifyUrl, or a service-level target (with its id). */
  target: { url: string; format: WebhookFormat; source: 'notifyUrl' | 'target'; targetId?: string }
  transid: string
  /** The channel of the message or inbound event it carries: kept, as its message may be forgotten first. */
  channel: string
  destination: string
  /** What the payload is: a receipt code (e.g. "7500") or an inbound event name. */
  event: string
  body: string
  headers: Record<string, string>
  hubSecret: string | undefined
  /** How the hub signature is made (shared per target). */
  hubSignature?: Readonly<HubSignatureOptions> | undefined
  /** Standard Webhooks signing secret of the target, if it has one. */
  signingSecret?: string | undefined
  createdAt: number
  state: DeliveryState
  nextAttemptAt: number | undefined
  attempts: Attempt[]
  /** Attempt number before the latest replay; retries count from there. */
  replayedAfter: number
  /** Set on the extra copy a `duplicate` fault made. */
  fault?: 'duplicate'
  /** Why it stopped without a verdict of its own (the emulator shut down); its state is then `failed`. */
  interrupted?: string
}

/** What a caller gives to enqueue a delivery; the outbox fills in the rest. */
export type DeliveryFields = Pick<
  Delivery,
  | 'target'
  | 'transid'
  | 'channel'
  | 'destination'
  | 'event'
  | 'body'
  | 'headers'
  | 'hubSecret'
  | 'hubSignature'
  | 'signingSecret'
>

/** Deliveries to the same target share its concurrency slots. */
export const targetKey = (d: Delivery) =>
  // A target's id ("t1") as it is, no string built: it never starts with "url:".
  d.target.targetId || `url:${d.target.url}`

/** Deliveries to the same recipient at the same target keep their order (and reorder faults swap within it). */
export const orderKey = (d: Delivery) => `${targetKey(d)}\n${d.destination}`
