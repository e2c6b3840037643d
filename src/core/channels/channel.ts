/**
 * @module What a channel is to the emulator: the one definition each channel (email, SMS, …)
 * implements, and the kernel plays out without knowing which channel it is. A channel owns its
 * request schema per vendor API, how a recipient's fate is chosen, its lifecycle, its receipt table
 * and payloads, its own state (lists, windows) with a snapshot slice, manual actions, inbound
 * events, control routes and the vocabulary the console, OpenAPI and scenarios show.
 * docs/adding-a-channel.md walks through implementing one.
 */
import type { z } from 'zod'
import type { Clock } from '../kernel/clock.js'
import type {
  ConsentChannel,
  ContactPolicyFailure,
  ContactPolicyRequest,
  ForcedVerdict,
} from '../kernel/contact-policy.js'
import type { ControlRoute } from '../kernel/control-route.js'
import type { WebhookFormat } from '../kernel/formats.js'
import type { InboundRecord } from '../kernel/inbound-log.js'
import type { BaseMessage, BaseRecipient, ReceiptRecord } from '../kernel/message-store.js'
import type { CompiledRule, RuleMatchKey } from '../kernel/rules.js'
import type { TimestampFormatter } from '../kernel/time-format.js'

/** One receipt a channel sends: its vendor code and status, and which filter names select it. */
export interface ReceiptSpec {
  /** The vendor's code, e.g. "7500"; a lifecycle step may carry its own (SMS failures). */
  code: string
  /** `deliveryStatus`, e.g. "Delivered". */
  status: string
  /** The `requestedReceipts` / target `events` names that select it, lower case. */
  requestedAs: readonly string[]
  /** Nothing can happen to the recipient after it (bounces, rejections). */
  final?: boolean
}

/** One step of a recipient's lifecycle: a receipt, `after` ms from the message's start. */
export interface PlannedStep {
  kind: string
  after: number
  description: string
  additionalInfo: string
  /** Overrides the receipt spec's code (a failure with its own code). */
  code?: string
  /** What the channel does when the step fires besides the receipt (email: "suppress", "autoReply"). */
  effects?: readonly string[]
}

/** A recipient of an accepted request, with its fate decided and its lifecycle planned. */
export interface PlannedRecipient<Fields extends object = object> {
  /** The destination as receipts show it (an address, a number). */
  address: string
  correlationId: string
  /** How its fate was chosen, for people reading the inspection API. */
  fate: string
  /** Channel-owned fields of the recipient record (email: `field`). */
  fields: Fields
  steps: PlannedStep[]
  /** Waits for manual actions (outcome "hold"). */
  held?: boolean
}

/** An accepted request, planned: nothing is recorded or scheduled until the whole plan exists. */
export interface PlannedMessage<Fields extends object = object, RecipientFields extends object = object> {
  from: string
  /** The answer's `correlationId` ("" when none). */
  correlationId: string
  callbackData: string
  notifyUrl: string | undefined
  notifyUrlAuthId: string | undefined
  /** Canonical (lower-case) receipt names the notifyUrl gets; all when undefined. */
  requestedReceipts: string[] | undefined
  /** When the lifecycles start: acceptance, or the request's `sendAt`. */
  startsAt: number
  /** Channel-owned fields of the message record (email: subject, contentType, …). */
  fields: Fields
  /** What the channel needs later (manual actions, effects) but the record does not show. */
  facts: unknown
  recipients: Array<PlannedRecipient<RecipientFields>>
}

/** The tenant identity the platform stamps on inbound events (config `tenant`). */
export interface Tenant {
  appId: string
  tenantId: number
  clientUUID: string
}

/** What a channel's code gets from the emulator: one context, passed once. */
export interface ChannelContext<Config> {
  clock: Clock
  /** The channel's own config slice, defaults filled in. */
  config: Config
  formatTimestamp: TimestampFormatter
  /** The tenant identity the platform stamps on inbound events. */
  tenant: Tenant
  /** How many messages the store keeps (`limits.maxMessages`): side tables need keep no more. */
  maxMessages: number
  /** A fresh UUID from the emulator's (seedable) id source. */
  uuid(): string
  /** The rules that apply to this channel, in match order. */
  rules(): readonly CompiledRule[]
  /** Announces that a piece of this channel's state changed (a `state` event). */
  changed(what: string): void
  /** Runs `fire` at emulated time `at` (cancelled by reset). */
  schedule(at: number, fire: () => void): void
  /** Injects one of this channel's inbound events now (an auto-reply, say). */
  inject(kind: string, input: unknown): void
  /** This channel's remembered messages, oldest first (what its control routes may show). */
  messages(): readonly BaseMessage[]
  /**
   * Sends a request on another channel's Send Message API v2 as the platform itself would (an RCS
   * message's SMS fallback): validated, planned and played by that channel, recorded as its message.
   * Throws the `EmulatorError` that API would answer.
   */
  send(channel: string, body: unknown, context: SendContext): BaseMessage
  /** The request's contact-policy check for one destination of this channel (see kernel/contact-policy.ts). */
  contactPolicy: {
    check(
      request: ContactPolicyRequest | undefined,
      address: string,
      now: number,
      forced?: ForcedVerdict,
    ): ContactPolicyFailure | undefined
    /**
     * Records a member's consent in each group given, for this channel's consent channel (a keyword
     * flow): in all of them, or (a member or group list full) in none.
     */
    record(groups: ReadonlyArray<{ groupId: string; consent: boolean }>, address: string): void
  }
}

/** A channel's run-time state: loaded from config, cleared on reset, saved in the state file. */
export interface ChannelState {
  /** Sets what the config says (at start, and after reset has cleared). */
  load(): void
  clear(): void
  /** Lets go of what it holds for these messages of its channel, which a reset of one service forgot. */
  forgetMessages?(messages: readonly BaseMessage[]): void
  /** Takes in these messages of its channel, oldest first, which a state file brought back. */
  adoptMessages?(messages: readonly BaseMessage[]): void
  /** This channel's slice of the state file. */
  snapshot(): unknown
  /** Puts a saved slice back (already validated with `snapshotSchema`). */
  restore(slice: unknown): void
  /** Counts for the start-up line "restored 3 suppressed, …". */
  summary(): Record<string, number>
}

/** Everything a receipt payload is built from, whatever the format. */
export interface ReceiptContext<M extends BaseMessage = BaseMessage, R extends BaseRecipient = BaseRecipient> {
  message: M
  recipient: R
  receipt: ReceiptRecord
  /** The service's name (data streams' `dataIntegration.context`). */
  serviceName: string
  style: 'full' | 'as-documented'
  /** The channel's run-time state (its config, lists). */
  state: unknown
}

/** An inbound event a channel takes (MO, unsubscribe, …): its input, and what it posts. */
export interface InboundSpec<State> {
  /** The strict input schema (control API, MSW handle, scenarios). */
  schema: z.ZodType
  summary: string
  /** Its control route under /_emulator; `/inbound/<channel>/<kind>` when absent. */
  path?: string
  /** Target `events` names that opt into it (inbound events are opt-in). */
  events: readonly string[]
  /** Applies the event to the channel's state and builds what is posted, in each format. */
  build(
    input: never,
    state: State,
    ids: { tid: string; ts: string; at: number },
  ): {
    event: string
    from: string
    to: string[]
    /** What the inbound log keeps as its subject (bounded by the channel). */
    subject: string
    /** When `subject` was cut to keep: how long it was. */
    subjectTruncated?: number
    /** The target `events` name this one is delivered under (e.g. "mo"). */
    targetEvent: string
    /** The piece of channel state it changed, if any (announced as a `state` event). */
    changed?: string
    payloads: Record<WebhookFormat, unknown>
  }
}

/** Who sent a request, as authentication established it, and what its headers asked. */
export interface SendContext {
  serviceId?: string | undefined
  /** The request's `Idempotency-Key` header (Send SMS API v1, the sandbox WhatsApp API). */
  idempotencyKey?: string | undefined
  /**
   * The id the platform gives a message it sends itself, instead of a fresh UUID (an RCS message's
   * SMS fallback is `<transid>_fallbackrcs`, D-RCSFAQ).
   */
  messageId?: string | undefined
}

/** How one vendor API's request for this channel is read. */
export interface ApiBinding<Request, State> {
  /** The request schema (strictness as the vendor: unknown fields ignored). */
  schema: z.ZodType<Request>
  /** How many destinations the request addresses (the API's own limit, 1000, is checked on it). */
  destinations(request: Request): number
  /** Decides every recipient's fate and plans its lifecycle; throws to refuse the request. */
  plan(request: Request, state: State, now: number, context: SendContext): PlannedMessage
  /** The API's own words for a request its schema refused (default: v2's 7003/7004 texts). */
  refuse?(body: unknown, issues: readonly z.core.$ZodIssue[]): Error
  /** Told once the message is recorded (to remember an Idempotency-Key, say). */
  accepted?(message: BaseMessage, state: State, context: SendContext, now: number): void
  /**
   * The Messaging API v1's `deliverychannel` values (lower case) this binding takes, when it is the
   * channel's binding for `POST /resources/v1/messaging` (its key in `apis` is "messaging-v1").
   */
  deliveryChannels?: readonly string[]
}

interface ChannelVocabulary {
  /** Every `deliveryStatus` its receipts carry. */
  statuses: readonly string[]
  /** What a destination is called ("address", "number"). */
  destination: string
  /** Outcome names its grammar takes, for docs and the console. */
  outcomes: readonly string[]
  /** Choices its manual actions take, by action (e.g. bounce types), for the console. */
  actionChoices: Record<string, readonly string[]>
  /** Manual actions refused once a destination was delivered (the console disables them). */
  notAfterDelivery?: readonly string[]
}

/**
 * One channel, as the emulator plays it. `State` is the channel's run-time state object,
 * `ConfigSchema` its config slice's schema, `Name` its name.
 */
export interface ChannelDefinition<
  State extends ChannelState = ChannelState,
  ConfigSchema extends z.ZodType = z.ZodType,
  Name extends string = string,
> {
  /** `channel` on /v2/messages, and the key of its config and state-file slices. */
  name: Name
  /** How people write it: "Email", "SMS". */
  label: string
  /** The channel consent groups know it by ("email"; SMS, MMS and RCS share "text"). */
  consentChannel: ConsentChannel
  /** Its config slice (strict; every key has a default, so `{}` parses). */
  configSchema: ConfigSchema
  /**
   * Keys of its slice that config files written before channels had slices set at the top level
   * (email's `sandbox`, …): still read there, as the slice's; a key set in both places is refused.
   */
  legacyConfigKeys?: readonly string[]
  /**
   * Only for the channel the emulator played before channels had slices: the keys of its state
   * slice that a version-1 state file held at the top. That file's messages, which carry no
   * `channel`, are this channel's; the state file is upgraded as it is read.
   */
  version1StateKeys?: readonly string[]
  /**
   * The consent groups its config slice names (SMS: each keyword's group), with where in the slice
   * and what names it: with `contactPolicy.unknownGroups: "reject"` each must be a configured group.
   */
  configGroups?(slice: z.output<ConfigSchema>): Array<{ path: PropertyKey[]; group: string; what: string }>
  /** Every receipt it sends, by kind. */
  receipts: Record<string, ReceiptSpec>
  /** The names its `requestedReceipts` and target `events` take for receipts, lower case. */
  receiptNames: readonly string[]
  vocabulary: ChannelVocabulary
  /** Rule match keys it takes (e.g. address, domain) and how a destination is put for matching. */
  ruleKeys: readonly RuleMatchKey[]
  /** Parses an outcome name of its grammar (rules, defaultOutcome); undefined when it means nothing. */
  parseOutcome(name: string): unknown
  createState(ctx: ChannelContext<z.output<ConfigSchema>>): State
  /** Its request on the Send Message API v2 (`POST /v2/messages`, `channel` = name). */
  // biome-ignore lint/suspicious/noExplicitAny: each channel's request type is its own; the API hands it back to the same channel
  v2?: ApiBinding<any, State>
  /** Its requests on other vendor APIs, by name ("sms-v1": the Send SMS API v1), sent with `emulator.submit()`. */
  // biome-ignore lint/suspicious/noExplicitAny: as v2
  apis?: Record<string, ApiBinding<any, State>>
  /** Schemas of its slice of the message and recipient records (validated on restore). */
  recordSchema: z.ZodType
  snapshotSchema: z.ZodType
  /** Builds a receipt payload in one format. */
  buildReceipt(format: WebhookFormat, receipt: ReceiptContext): unknown
  /**
   * The body the request's own `notifyUrl` gets instead of the "webhook" receipt, when an API
   * defines its own callback (the Send SMS API v1's status callback): undefined for the receipt,
   * null for no delivery at all.
   */
  notifyUrlReceipt?(context: ReceiptContext): unknown
  /** Does a fired step's effects (suppress, schedule an auto-reply, …). */
  onStep?(step: PlannedStep, message: BaseMessage, recipient: BaseRecipient, state: State): void
  /** Manual actions on a held recipient: the input schema, and the steps an action fires now. */
  actions?: {
    schema: z.ZodType
    plan(action: never, history: readonly string[], facts: unknown, recipient: BaseRecipient): PlannedStep[]
  }
  inbound?: Record<string, InboundSpec<State>>
  /** Its own control routes, under /_emulator (e.g. the bounce list). */
  routes?(state: State): ControlRoute[]
  /**
   * How a running emulator takes this channel's config slice through the control API (scenarios
   * with --target): the calls that set what can be set; keys that cannot be are named by the runner.
   */
  remoteSetup?(slice: z.output<ConfigSchema>): Array<{ method: string; path: string; body: unknown }>
  /** The slice's keys `remoteSetup` covers; a running emulator keeps its own value of any other. */
  remoteSetupKeys?: readonly string[]
  /**
   * Lists of destinations it keeps that scenarios check (`expect<Name>` / `expectNot<Name>` steps):
   * the control route that lists them, the entry's destination key, and what the list is called.
   */
  lists?: Record<string, { path: string; key: string; label: string }>
  /** Every payload it posts (receipts and inbound events, each format), by name, for the OpenAPI `webhooks`. */
  payloads: Record<string, { summary: string; schema: z.ZodType }>
  /**
   * What it adds to the emulator's public face, built once from its state: `controls` become
   * `emulator.<name>` (email: the bounce list, sandbox, …), `shortcuts` sit at the top of the face
   * for code written before channels had their own (email's `suppress`, `injectInboundEmail`). The
   * registry derives the types (`ChannelFaces`); a shortcut may not take a name the engine uses.
   */
  face?(state: State, inject: (kind: string, input: unknown) => InboundRecord): { controls: object; shortcuts?: object }
  /**
   * What `GET /v2/messages/{id}` shows of its message beyond the keys every channel has (D-GETV2):
   * the destination type, the content, extra keys (SMS: `numSegments`), and whether requested
   * receipt names are shown in upper case as the SMS example does. Without it: the destination
   * as the vocabulary names it and no content.
   */
  statusView?(
    message: BaseMessage,
    recipient: BaseRecipient,
  ): { toType: string; content: Record<string, unknown>; extra?: Record<string, string>; upperCaseReceipts?: boolean }
}

/** A channel definition with its types erased, as the registry holds them. */
// biome-ignore lint/suspicious/noExplicitAny: the registry holds channels of every state and config type
export type AnyChannel = ChannelDefinition<any, any, string>
