/**
 * @module The WhatsApp channel's run-time state: the customer-service windows — when each
 * (appid, user) last wrote in, on the emulator clock — and the users who stopped marketing
 * messages (user_preference "stop"); both kept in the state file.
 */
import { z } from 'zod'
import { BoundedList } from '../../kernel/bounded-list.js'
import { ConversationWindows, userKey, windowsSnapshotSchema } from '../../kernel/conversation-windows.js'
import { EmulatorError } from '../../kernel/errors.js'
import { IdempotencyKeys } from '../../kernel/idempotency-keys.js'
import { listFull } from '../../kernel/list-limits.js'
import { epochMsSchema } from '../../kernel/time-bounds.js'
import type { ChannelContext, ChannelState } from '../channel.js'
import type { WhatsappConfig } from './config.js'
import { parseWaOutcome, type WaOutcome } from './outcome.js'
import { waShownSchema } from './shown.js'

/** What a user wrote in (or chose, or asked), for the conversation view. */
const waHeardSchema = z.object({
  appId: z.string(),
  /** The waid it came from. */
  user: z.string(),
  at: epochMsSchema,
  /** The vendor's event: MO, postback, list, reply, user_preference. */
  event: z.string(),
  /** MO: text, image, location…; otherwise the event. */
  type: z.string(),
  text: z.string(),
  shown: waShownSchema.optional(),
  /** The channel's latest message when it came in: what it follows when both happened at one instant (a frozen virtual clock). */
  after: z.string().optional(),
})
export type WaHeard = z.infer<typeof waHeardSchema>

export const waSnapshotSchema = z.object({
  windows: windowsSnapshotSchema,
  optedOut: z.array(z.object({ appId: z.string(), user: z.string() })),
  /** What users wrote in, oldest first (absent in state files from before it was kept). */
  heard: z.array(waHeardSchema).default([]),
})
export type WaSnapshot = z.infer<typeof waSnapshotSchema>

const key = (appId: string, user: string) => `${appId}\n${userKey(user)}`

export class WhatsappState implements ChannelState {
  /** When each (appId, user) last wrote in (epoch ms, emulator clock). */
  readonly windows = new ConversationWindows()
  readonly optedOut = new Set<string>()
  /** `POST /v1/whatsapp/messages`: the Idempotency-Keys seen, each with the message it made. */
  readonly idempotency = new IdempotencyKeys()
  /** What users wrote in, oldest first, at most as many as the store keeps messages. */
  readonly heard: BoundedList<WaHeard>
  readonly #ctx: ChannelContext<WhatsappConfig>
  readonly defaultOutcome: WaOutcome

  constructor(ctx: ChannelContext<WhatsappConfig>) {
    this.#ctx = ctx
    this.heard = new BoundedList(ctx.maxMessages)
    const outcome = parseWaOutcome(ctx.config.defaultOutcome)
    if (!outcome)
      throw new EmulatorError(
        'invalid_config',
        `whatsapp.defaultOutcome "${ctx.config.defaultOutcome}" is not a WhatsApp outcome (see docs/v1-messaging.md)`,
        'whatsapp.defaultOutcome',
      )
    this.defaultOutcome = outcome
  }

  get ctx(): ChannelContext<WhatsappConfig> {
    return this.#ctx
  }

  get config(): WhatsappConfig {
    return this.#ctx.config
  }

  /** Whether `appId` is one of the tenant's WhatsApp assets (any is, when none are configured). */
  isKnownApp(appId: string): boolean {
    return this.config.apps.length === 0 || this.config.apps.includes(appId.trim())
  }

  /** The app inbound events name when the input names none. */
  defaultApp(): string {
    return this.config.apps[0] ?? this.#ctx.tenant.appId
  }

  /** An inbound message from any of `users` opens (or renews) the window. */
  openWindow(appId: string, users: readonly string[], at: number): void {
    this.windows.open(appId, users, at)
  }

  /** When the window with any of `users` closes, if it is open at `now`. */
  windowClosesAt(appId: string, users: readonly string[], now: number): number | undefined {
    return this.windows.closesAt(appId, users, now, this.config.window)
  }

  /** Keeps what a user wrote in (the conversation view shows it). */
  hear(entry: Omit<WaHeard, 'after'>): void {
    this.heard.push({ ...entry, after: this.#ctx.messages().at(-1)?.messageId })
  }

  /**
   * The window with `user` at `now`: open (when it closes) or closed (when it last was open), and
   * whether a closed one fails session messages (`whatsapp.enforceWindow`).
   */
  windowOf(appId: string, user: string, now: number) {
    const at = this.windows.lastInbound(appId, [user])
    const closesAt = at === undefined ? undefined : at + this.config.window
    return {
      open: closesAt !== undefined && now < closesAt,
      lastInboundAt: at,
      closesAt,
      enforced: this.config.enforceWindow,
    }
  }

  /** Records a user's marketing preference; a new opt-out past `whatsapp.limits.maxOptedOut` throws a 409. */
  setPreference(appId: string, user: string, stop: boolean): void {
    const k = key(appId, user)
    if (!stop) {
      this.optedOut.delete(k)
      return
    }
    const max = this.config.limits.maxOptedOut
    if (!this.optedOut.has(k) && this.optedOut.size >= max)
      throw listFull(
        'The WhatsApp opt-out list',
        max,
        'whatsapp.limits.maxOptedOut',
        'resume some users (a user_preference "resume" event) or reset first',
      )
    this.optedOut.add(k)
  }

  hasOptedOut(appId: string, users: readonly string[]): boolean {
    return users.some((user) => user && this.optedOut.has(key(appId, user)))
  }

  load(): void {}

  clear(): void {
    this.windows.clear()
    this.optedOut.clear()
    this.idempotency.clear()
    this.heard.clear()
  }

  snapshot(): WaSnapshot {
    const split = (k: string) => {
      const [appId, user] = k.split('\n') as [string, string]
      return { appId, user }
    }
    return {
      windows: this.windows.snapshot(),
      optedOut: [...this.optedOut].map(split),
      heard: this.heard.toArray(),
    }
  }

  restore(slice: unknown): void {
    const saved = slice as WaSnapshot
    this.clear()
    this.windows.restore(saved.windows)
    for (const o of saved.optedOut) this.optedOut.add(key(o.appId, o.user))
    for (const entry of saved.heard ?? []) this.heard.push(entry)
  }

  summary(): Record<string, number> {
    return { windows: this.windows.size, optedOut: this.optedOut.size }
  }

  /** What the control API shows: every window with whether it is open now. */
  controls() {
    const ctx = this.#ctx
    return {
      windows: () => this.windows.list(ctx.clock.now(), this.config.window, (ms) => ctx.formatTimestamp(ms)),
      optedOut: () =>
        [...this.optedOut].map((k) => {
          const [appId, user] = k.split('\n') as [string, string]
          return { appId, user }
        }),
    }
  }
}
