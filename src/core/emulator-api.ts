/**
 * @module The emulator's public face: what code that drives it (tests, scenarios, the control API)
 * may call, grouped by concern. What only adapters need — chaos decisions, metering, draining on
 * shutdown, swapping the transport — lives on an internal host object (see `hostOf`), not here.
 */
import type { SendContext } from './apis/v2-messages.js'
import type { SendResponse } from './apis/v2-schemas.js'
import type { ChannelFaces, ChannelShortcuts, MessageRecord, RecipientRecord } from './channels/registry.js'
import type { ContactPolicyControls } from './emulator/contact-policy-controls.js'
import type { ChaosCounts } from './kernel/api-chaos.js'
import type { ApiMeterCounts } from './kernel/api-meter.js'
import type { EmulatorEvent } from './kernel/events.js'
import type { MessagePage, MessageQuery } from './kernel/find-messages.js'
import type { InboundRecord } from './kernel/inbound-log.js'
import type { Delivery } from './kernel/outbox.js'
import type { RuleConfig } from './kernel/rules.js'
import type { TargetPatch, WebhookTarget } from './kernel/webhook-targets.js'
import type {
  ChaosConfig,
  EmulatorConfig,
  FaultsConfig,
  RateLimitConfig,
  RateLimitInput,
  WebhookTargetInput,
} from './schemas/config.js'
import type { StateSnapshot } from './schemas/state-snapshot.js'

/** Where the clock stands: "real" follows the wall clock (scaled by `speed`), "virtual" moves only by hand. */
export interface ClockState {
  mode: 'real' | 'virtual'
  /** Epoch ms on the emulator's clock. */
  now: number
  /** `now` in the tenant's zone, as receipts render it. */
  time: string
  /** Whether `setClockMode` works here (the server's clock can switch; MSW and scenarios are virtual only). */
  canSwitchMode: boolean
}

/** What GET /_emulator/stats shows: what the emulator holds, what it let go past its limits, what runs. */
export interface EmulatorStats {
  messages: number
  evictedMessages: number
  deliveries: number
  deliveriesByState: Record<Delivery['state'], number>
  evictedDeliveries: number
  evictedAttempts: number
  evictedReceipts: number
  inbound: number
  evictedInbound: number
  interruptedDeliveries: number
  inFlight: number
  pendingTimers: number
  eventSubscribers: number
  chaos: ChaosCounts
  /** Requests metered against the rate limit and daily quota, and how many each refused. */
  rateLimit: ApiMeterCounts
}

/** A manual action on a held recipient, in the channel's terms (its `vocabulary` lists them: deliver, bounce, …). */
export type ManualAction = { action: string } & Record<string, unknown>

/**
 * The emulator's face: the engine's (below) and what each channel adds — `emulator.<channel>` (its
 * lists, switches and codes) and the shortcuts the first channel had before channels had their own
 * (`suppress`, `setSandbox`, …), as each channel's `face` declares; docs/api.md lists them.
 * The server, the MSW mock and the scenario runner all drive one of these; `createEmulator()` adds
 * `close()` to it (the public `Emulator`).
 */
export interface EmulatorCore extends EngineFace, ChannelFaces, ChannelShortcuts {}

/** What the engine itself offers, whatever its channels: send, inspect, change rules, move virtual time, subscribe. */
export interface EngineFace {
  /** The config it runs with, every default filled in. */
  readonly config: EmulatorConfig

  // ── Sending (the vendor APIs, without HTTP) ─────────────────────────────────────────────────
  /** `POST /v2/messages`: validates as the vendor does, answers as it does (throws `EmulatorError`). */
  send(body: unknown, context?: SendContext): SendResponse
  /**
   * A request on one of a channel's other vendor APIs, by the channel's name and the API's (as its
   * `apis` name them); returns the recorded message (throws `EmulatorError` as the API refuses).
   */
  submit(channel: string, api: string, body: unknown, context?: SendContext): MessageRecord
  /**
   * `POST /resources/v1/messaging` (the Messaging API v1), keyed by `deliverychannel` in any case:
   * returns the recorded message and the request's correlation id (throws `EmulatorError` with the
   * vendor's v1 texts, e.g. "param 'deliverychannel' missing").
   */
  sendV1(body: unknown, context?: SendContext): { message: MessageRecord; correlationid: string }

  // ── Time ─────────────────────────────────────────────────────────────────────────────────────
  now(): number
  /** Epoch ms in the tenant's zone, as receipts render it ("…T10:42:27.728Z", "…+05:30"). */
  formatTimestamp(epochMs: number): string
  /** Fires every timer due within `ms`, in order (webhook attempts included), then leaves the clock at now + ms. */
  advance(ms: number): Promise<void>
  /** Steps timer by timer until `condition` holds or `withinMs` passed; returns whether it held. */
  advanceUntil(condition: () => boolean, withinMs: number): Promise<boolean>
  /** Runs until nothing is scheduled: every lifecycle step and retry has run. */
  runUntilIdle(options?: { maxSteps?: number }): Promise<void>
  clockState(): ClockState
  setClockMode(mode: 'real' | 'virtual'): void

  // ── What happened ────────────────────────────────────────────────────────────────────────────
  /** Every remembered message, oldest first. */
  messages(): MessageRecord[]
  message(messageId: string): MessageRecord | undefined
  /** Newest first, filtered, one page. */
  findMessages(query: MessageQuery): MessagePage
  deliveries(): Delivery[]
  delivery(id: string): Delivery | undefined
  inbound(): InboundRecord[]
  stats(): EmulatorStats
  /**
   * Everything as it happens: messages, receipts, attempts, inbound events, state changes. A
   * listener that throws stops nothing — the emulator and the other listeners carry on — and its
   * error is raised again as an unhandled rejection, which a test runner reports.
   */
  subscribe(listener: (event: EmulatorEvent) => void): () => void

  // ── Acting like the outside world ───────────────────────────────────────────────────────────
  /** Drives a held recipient (outcome "hold") by hand now. */
  act(messageId: string, address: string, action: ManualAction): RecipientRecord
  /** Injects one of a channel's inbound events, by the kind its `inbound` names. */
  inject(channel: string, kind: string, input: unknown): InboundRecord

  // ── Rules and webhook targets (every channel) ───────────────────────────────────────────────
  rules(): RuleConfig[]
  addRule(rule: RuleConfig): void
  removeRule(index: number): boolean
  targets(): WebhookTarget[]
  /** Takes a target as a config file would (defaults filled in); bad input throws `invalid_config`. */
  addTarget(input: WebhookTargetInput): WebhookTarget
  /** Changes only the keys given; `null` clears an optional one. Undefined for an unknown id. */
  updateTarget(id: string, patch: TargetPatch): WebhookTarget | undefined
  removeTarget(id: string): boolean
  /** Fault injection for one target; `undefined` turns it off. */
  setFaults(id: string, faults: FaultsConfig | undefined): WebhookTarget | undefined
  /** Sends a failed delivery again, with fresh retries. */
  replay(deliveryId: string): boolean
  /** Replays every failed delivery; returns how many. */
  replayFailed(): number

  // ── Contact policy (every channel) ──────────────────────────────────────────────────────────
  /** Consent groups, their members and frequency caps, checked when a request carries `contactPolicy`. */
  readonly contactPolicy: ContactPolicyControls

  // ── API limits and chaos ─────────────────────────────────────────────────────────────────────
  rateLimit(): RateLimitConfig
  setRateLimit(next: RateLimitInput): RateLimitConfig
  chaos(): ChaosConfig | undefined
  /** API-side chaos (injected 5xx, slow answers); `undefined` turns it off. */
  setChaos(next: unknown): ChaosConfig | undefined

  // ── State ────────────────────────────────────────────────────────────────────────────────────
  /** Forgets everything (or one service's messages) and restores the configured state. */
  reset(options?: { serviceId?: string | undefined }): void
  /** The state worth keeping across restarts: rules, each channel's lists, recent messages. */
  exportState(options?: { maxMessages?: number }): StateSnapshot
  /** Restores a snapshot over the configured state; messages come back as records only. */
  importState(snapshot: unknown): void
}
