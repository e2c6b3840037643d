/**
 * @module The SMS channel's run-time state: the tenant's "+E.164" switch and sender ids (from
 * config, changeable at run time and kept in the state file), the Send SMS API v1's remembered
 * Idempotency-Keys, and what deciding a destination's fate needs.
 */
import { z } from 'zod'
import type { ContactPolicyRequest } from '../../kernel/contact-policy.js'
import { EmulatorError } from '../../kernel/errors.js'
import { IdempotencyKeys } from '../../kernel/idempotency-keys.js'
import { senderIdsSchema } from '../../kernel/list-limits.js'
import type { ChannelContext, ChannelState } from '../channel.js'
import { smsFailureCodes } from './codes.js'
import type { SmsConfig } from './config.js'
import { smsOutcomeTable } from './grammar.js'
import { type PhoneOutcome, parsePhoneOutcome } from './outcome.js'

/** The SMS slice of a state file. */
export const smsSnapshotSchema = z.object({
  e164: z.boolean(),
  senders: z.array(z.string()),
})
export type SmsSnapshot = z.infer<typeof smsSnapshotSchema>

/** What can be changed at run time (`PUT /_emulator/sms/settings`). */
export const smsSettingsSchema = z.strictObject({
  e164: z.boolean().optional(),
  senders: senderIdsSchema(z.string().trim().min(1)).optional(),
})
type SmsSettings = z.infer<typeof smsSettingsSchema>

export class SmsState implements ChannelState {
  readonly settings = { e164: false, senders: new Set<string>() }
  /** Send SMS API v1: the Idempotency-Keys seen, each with the message it made. */
  readonly idempotency = new IdempotencyKeys()
  readonly #ctx: ChannelContext<SmsConfig>
  readonly defaultOutcome: PhoneOutcome

  constructor(ctx: ChannelContext<SmsConfig>) {
    this.#ctx = ctx
    const outcome = parsePhoneOutcome(ctx.config.defaultOutcome, smsOutcomeTable)
    if (!outcome)
      throw new EmulatorError(
        'invalid_config',
        `sms.defaultOutcome "${ctx.config.defaultOutcome}" is not an SMS outcome (see "SMS outcomes" in docs/sms.md)`,
        'sms.defaultOutcome',
      )
    this.defaultOutcome = outcome
  }

  get ctx(): ChannelContext<SmsConfig> {
    return this.#ctx
  }

  get config(): SmsConfig {
    return this.#ctx.config
  }

  /** The request's contact-policy check for one number. */
  contactPolicyFor(request: ContactPolicyRequest | undefined, now: number) {
    return (number: string, forced: Parameters<ChannelContext<SmsConfig>['contactPolicy']['check']>[3]) =>
      this.#ctx.contactPolicy.check(request, number, now, forced)
  }

  /** Whether `from` is one of the tenant's sender ids (any is, when none are configured). */
  isKnownSender(from: string): boolean {
    return this.settings.senders.size === 0 || this.settings.senders.has(from.trim())
  }

  load(): void {
    this.settings.e164 = this.#ctx.config.e164
    for (const sender of this.#ctx.config.senders) this.settings.senders.add(sender.trim())
  }

  clear(): void {
    this.settings.senders.clear()
    this.idempotency.clear()
  }

  snapshot(): SmsSnapshot {
    return { e164: this.settings.e164, senders: [...this.settings.senders] }
  }

  restore(slice: unknown): void {
    const saved = slice as SmsSnapshot
    this.settings.e164 = saved.e164
    this.settings.senders.clear()
    for (const sender of saved.senders) this.settings.senders.add(sender)
  }

  summary(): Record<string, number> {
    return { senders: this.settings.senders.size }
  }

  /** What the control API, the MSW handle and scenarios change at run time. */
  controls() {
    const settings = this.settings
    const ctx = this.#ctx
    const read = () => ({ e164: settings.e164, senders: [...settings.senders] })
    return {
      /** The "+E.164 tenant" switch and the tenant's sender ids. */
      settings: read,
      setSettings(patch: SmsSettings): { e164: boolean; senders: string[] } {
        if (patch.e164 !== undefined) settings.e164 = patch.e164
        if (patch.senders !== undefined) {
          settings.senders.clear()
          for (const sender of patch.senders) settings.senders.add(sender)
        }
        ctx.changed('sms')
        return read()
      },
      /** The failure codes the SMS grammar knows, with their text and status. */
      codes: () => [...smsFailureCodes].map(([code, c]) => ({ code, ...c })),
    }
  }
}

/** The SMS channel's run-time controls (`emulator.sms`). */
export type SmsControls = ReturnType<SmsState['controls']>
