/**
 * @module The WhatsApp channel's run-time state: the customer-service windows — when each
 * (appid, user) last wrote in, on the emulator clock — and the users who stopped marketing
 * messages (user_preference "stop"); both kept in the state file.
 */
import { z } from 'zod'
import { ConversationWindows, windowsSnapshotSchema } from '../../kernel/conversation-windows.js'
import { EmulatorError } from '../../kernel/errors.js'
import { IdempotencyKeys } from '../../kernel/idempotency-keys.js'
import type { ChannelContext, ChannelState } from '../channel.js'
import type { WhatsappConfig } from './config.js'
import { parseWaOutcome, type WaOutcome } from './outcome.js'

export const waSnapshotSchema = z.object({
  windows: windowsSnapshotSchema,
  optedOut: z.array(z.object({ appId: z.string(), user: z.string() })),
})
export type WaSnapshot = z.infer<typeof waSnapshotSchema>

/** How an opted-out user is keyed: a phone number by its digits, a bsuid as is. */
const userKey = (id: string): string => (/^\+?[\d\s()-]+$/.test(id) ? id.replace(/\D/g, '') : id.trim())
const key = (appId: string, user: string) => `${appId}\n${userKey(user)}`

export class WhatsappState implements ChannelState {
  /** When each (appId, user) last wrote in (epoch ms, emulator clock). */
  readonly windows = new ConversationWindows()
  readonly optedOut = new Set<string>()
  /** `POST /v1/whatsapp/messages`: the Idempotency-Keys seen, each with the message it made. */
  readonly idempotency = new IdempotencyKeys()
  readonly #ctx: ChannelContext<WhatsappConfig>
  readonly defaultOutcome: WaOutcome

  constructor(ctx: ChannelContext<WhatsappConfig>) {
    this.#ctx = ctx
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

  setPreference(appId: string, user: string, stop: boolean): void {
    if (stop) this.optedOut.add(key(appId, user))
    else this.optedOut.delete(key(appId, user))
  }

  hasOptedOut(appId: string, users: readonly string[]): boolean {
    return users.some((user) => user && this.optedOut.has(key(appId, user)))
  }

  load(): void {}

  clear(): void {
    this.windows.clear()
    this.optedOut.clear()
    this.idempotency.clear()
  }

  snapshot(): WaSnapshot {
    const split = (k: string) => {
      const [appId, user] = k.split('\n') as [string, string]
      return { appId, user }
    }
    return {
      windows: this.windows.snapshot(),
      optedOut: [...this.optedOut].map(split),
    }
  }

  restore(slice: unknown): void {
    const saved = slice as WaSnapshot
    this.clear()
    this.windows.restore(saved.windows)
    for (const o of saved.optedOut) this.optedOut.add(key(o.appId, o.user))
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
