/**
 * @module The run-time state MMS and RCS share: the `from` values the tenant has (MMS-enabled
 * numbers, RCS app ids — from config, changeable at run time, kept in the state file), the default
 * outcome read with the channel's code table, and the contact-policy check. SMS keeps more (the
 * "+E.164" switch, Idempotency-Keys) in its own state.ts.
 */
import { z } from 'zod'
import type { ContactPolicyRequest, ForcedVerdict } from '../../kernel/contact-policy.js'
import { EmulatorError } from '../../kernel/errors.js'
import { senderIdsSchema } from '../../kernel/list-limits.js'
import type { ChannelContext, ChannelState } from '../channel.js'
import type { PhoneFailureCode } from './lifecycle.js'
import { type CodeTable, type PhoneOutcome, parsePhoneOutcome } from './outcome.js'

/** What the shared state needs of a channel's config slice. */
export interface PhoneConfig {
  defaultOutcome: string
}

/** How a channel names its senders: `key` in config, snapshot and settings ("apps", "senders"). */
export interface SenderList<Key extends string> {
  channel: string
  key: Key
  /** What one is, for messages ("RCS app id"). */
  label: string
  table: CodeTable & { codes: ReadonlyMap<string, PhoneFailureCode> }
}

/** The state-file slice and the settings body: `{ <key>: [...] }`. */
export const senderListSchema = <Key extends string>(key: Key) =>
  z.object({ [key]: z.array(z.string()) } as Record<Key, z.ZodArray<z.ZodString>>)

/** What `PUT /_emulator/<channel>/settings` takes. */
export const senderSettingsSchema = <Key extends string>(key: Key) =>
  z.strictObject({ [key]: senderIdsSchema(z.string().trim().min(1)).optional() } as Record<
    Key,
    z.ZodOptional<z.ZodArray<z.ZodString>>
  >)

export class PhoneChannelState<Config extends PhoneConfig & Record<Key, string[]>, Key extends string>
  implements ChannelState
{
  readonly senders = new Set<string>()
  readonly defaultOutcome: PhoneOutcome
  readonly #ctx: ChannelContext<Config>
  readonly #list: SenderList<Key>

  constructor(ctx: ChannelContext<Config>, list: SenderList<Key>) {
    this.#ctx = ctx
    this.#list = list
    const outcome = parsePhoneOutcome(ctx.config.defaultOutcome, list.table)
    if (!outcome)
      throw new EmulatorError(
        'invalid_config',
        `${list.channel}.defaultOutcome "${ctx.config.defaultOutcome}" is not an ${list.channel.toUpperCase()} outcome (see docs/mms-rcs.md)`,
        `${list.channel}.defaultOutcome`,
      )
    this.defaultOutcome = outcome
  }

  get ctx(): ChannelContext<Config> {
    return this.#ctx
  }

  get config(): Config {
    return this.#ctx.config
  }

  /** The request's contact-policy check for one number. */
  contactPolicyFor(request: ContactPolicyRequest | undefined, now: number) {
    return (number: string, forced: ForcedVerdict | undefined) =>
      this.#ctx.contactPolicy.check(request, number, now, forced)
  }

  /** Whether `from` is one of the tenant's (any is, when none are configured). */
  isKnownSender(from: string): boolean {
    return this.senders.size === 0 || this.senders.has(from.trim())
  }

  load(): void {
    for (const sender of this.#ctx.config[this.#list.key]) this.senders.add(sender.trim())
  }

  clear(): void {
    this.senders.clear()
  }

  snapshot(): Record<Key, string[]> {
    return { [this.#list.key]: [...this.senders] } as Record<Key, string[]>
  }

  restore(slice: unknown): void {
    this.senders.clear()
    for (const sender of (slice as Record<Key, string[]>)[this.#list.key]) this.senders.add(sender)
  }

  summary(): Record<string, number> {
    return { [this.#list.key]: this.senders.size }
  }

  /** What the control API, the MSW handle and scenarios change at run time. */
  controls() {
    const { key, channel, table } = this.#list
    const read = () => ({ [key]: [...this.senders] }) as Record<Key, string[]>
    return {
      settings: read,
      setSettings: (patch: Partial<Record<Key, string[]>>): Record<Key, string[]> => {
        const next = patch[key]
        if (next !== undefined) {
          this.senders.clear()
          for (const sender of next) this.senders.add(sender)
        }
        this.#ctx.changed(channel)
        return read()
      },
      /** The failure codes the channel's grammar knows, with their text and status. */
      codes: () => [...table.codes].map(([code, c]) => ({ code, description: c.description, status: c.status })),
    }
  }
}

/** A phone channel's run-time controls. */
export type PhoneControls<Key extends string> = ReturnType<
  PhoneChannelState<PhoneConfig & Record<Key, string[]>, Key>['controls']
>
