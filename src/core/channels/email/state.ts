/**
 * @module The email channel's run-time state — the bounce list, per-sender unsubscribes, sandbox
 * mode and verified addresses — loaded from its config slice, cleared on reset, saved in its slice
 * of the state file, and changed through its controls (control API, MSW handle, scenarios).
 */
import { z } from 'zod'
import { normaliseAddress } from '../../kernel/addresses.js'
import type { ContactPolicyRequest } from '../../kernel/contact-policy.js'
import { EmulatorError } from '../../kernel/errors.js'
import { checkRoom, listFull } from '../../kernel/list-limits.js'
import type { BaseMessage, BaseRecipient } from '../../kernel/message-store.js'
import { parseOrThrow } from '../../kernel/zod-issues.js'
import type { ChannelContext, ChannelState, PlannedStep, Tenant } from '../channel.js'
import type { EmailConfig } from './config.js'
import { ContentBudget, type EmailContent } from './content.js'
import { addressCallSchema, sandboxInputSchema, suppressCallSchema, unsubscribeInputSchema } from './control-inputs.js'
import type { FateContext } from './outcomes/decide-fate.js'
import { type Outcome, parseOutcome } from './outcomes/outcome.js'
import type { EmailMessage } from './record.js'
import { type SuppressionEntry, SuppressionList } from './suppression-list.js'
import { type UnsubscribeEntry, UnsubscribeList } from './unsubscribe-list.js'

/** The email slice of a state file. */
export const emailSnapshotSchema = z.object({
  suppression: z.array(
    z.object({ address: z.string(), reason: z.string(), addedAt: z.number(), expiresAt: z.number().nullable() }),
  ),
  unsubscribes: z.array(z.object({ sender: z.string(), address: z.string(), addedAt: z.number() })),
  sandbox: z.object({ enabled: z.boolean(), verified: z.array(z.string()) }),
})
export type EmailSnapshot = z.infer<typeof emailSnapshotSchema>

const simulatorDomain = '@simulator.amazonses.com'

/** How a verified address or domain is kept: lower-case, a domain without its leading "@". */
const verifiedKey = (address: string) => normaliseAddress(address).replace(/^@/, '')

export class EmailState implements ChannelState {
  readonly suppression: SuppressionList
  readonly unsubscribes: UnsubscribeList
  /** Sandbox-verified addresses and domains, as `verifiedKey` spells them. */
  readonly verified = new Set<string>()
  readonly sandbox = { enabled: false }
  /** Keeps the newest messages' bodies within `email.content.totalBytes`. */
  readonly contentBudget: ContentBudget
  readonly #ctx: ChannelContext<EmailConfig>
  readonly #defaultOutcome: Outcome

  constructor(ctx: ChannelContext<EmailConfig>) {
    this.#ctx = ctx
    this.suppression = new SuppressionList(ctx.clock, () => ctx.config.limits.maxSuppressed)
    this.unsubscribes = new UnsubscribeList(() => ctx.config.limits.maxUnsubscribed)
    this.contentBudget = new ContentBudget(() => ctx.config.content, ctx.maxMessages)
    const outcome = parseOutcome(ctx.config.defaultOutcome)
    if (!outcome)
      throw new EmulatorError(
        'invalid_config',
        `email.defaultOutcome "${ctx.config.defaultOutcome}" is not an outcome (see "Outcomes" in the README)`,
        'email.defaultOutcome',
      )
    this.#defaultOutcome = outcome
  }

  get config(): EmailConfig {
    return this.#ctx.config
  }

  get tenant(): Tenant {
    return this.#ctx.tenant
  }

  /** An SES message id: 40 lower-case alphanumerics. */
  sesMessageId(): string {
    return `${this.#ctx.uuid()}${this.#ctx.uuid()}`.replace(/-/g, '').slice(0, 40)
  }

  /**
   * How a recipient's fate is decided: the lists and sandbox here, the channel's rules, the default
   * outcome, and the request's contact-policy check.
   */
  fateContext(contactPolicy: ContactPolicyRequest | undefined, now: number): FateContext {
    return {
      contactPolicy: (address, forced) => this.#ctx.contactPolicy.check(contactPolicy, address, now, forced),
      isSuppressed: (address) => this.suppression.has(address),
      isUnsubscribed: (sender, address) => this.unsubscribes.has(sender, address),
      isSandboxBlocked: (address) => this.isSandboxBlocked(address),
      rules: this.#ctx.rules(),
      defaultOutcome: this.#defaultOutcome,
    }
  }

  /** A fired step's effects: a permanent bounce lists the address; an ooto@ delivery brings an auto-reply. */
  applyEffects(step: PlannedStep, message: EmailMessage, recipient: BaseRecipient): void {
    const ctx = this.#ctx
    if (step.effects?.includes('suppress')) {
      this.suppression.add(recipient.address, `bounce ${step.description}`, ctx.config.bounceRetention)
      ctx.changed('suppression')
    }
    if (step.effects?.includes('autoReply')) {
      // SES's ooto@ simulator answers with an out-of-office reply, which reaches the app as inbound mail.
      ctx.schedule(ctx.clock.now() + ctx.config.delays.autoReply, () =>
        ctx.inject('email', {
          from: recipient.address,
          to: message.from,
          subject: `Automatic reply: ${message.subject}`,
          text: 'I am out of the office and will reply when I am back.',
        }),
      )
    }
  }

  load(): void {
    const { config, clock } = this.#ctx
    for (const address of config.suppressed) this.suppression.add(normaliseAddress(address), 'config', undefined)
    for (const { sender, address } of config.unsubscribed) this.unsubscribes.add(sender, address, clock.now())
    for (const address of config.sandbox.verified) this.verified.add(verifiedKey(address))
    this.sandbox.enabled = config.sandbox.enabled
  }

  /** Restored bodies count against `totalBytes` as sent ones do: the oldest lose theirs first. */
  adoptMessages(messages: readonly BaseMessage[]): void {
    for (const message of messages) {
      const { content } = message as EmailMessage
      if (content) this.contentBudget.add(content)
    }
  }

  forgetMessages(messages: readonly BaseMessage[]): void {
    const contents = new Set<EmailContent>()
    for (const message of messages) {
      const { content } = message as EmailMessage
      if (content) contents.add(content)
    }
    this.contentBudget.forget(contents)
  }

  clear(): void {
    this.contentBudget.clear()
    this.suppression.clear()
    this.unsubscribes.clear()
    this.verified.clear()
  }

  snapshot(): EmailSnapshot {
    return {
      suppression: this.suppression.list().map((e) => ({ ...e, expiresAt: e.expiresAt ?? null })),
      unsubscribes: this.unsubscribes.list(),
      sandbox: { enabled: this.sandbox.enabled, verified: [...this.verified] },
    }
  }

  restore(slice: unknown): void {
    const saved = slice as EmailSnapshot
    for (const e of saved.suppression) this.suppression.restore({ ...e, expiresAt: e.expiresAt ?? undefined })
    for (const e of saved.unsubscribes) this.unsubscribes.restore(e)
    this.sandbox.enabled = saved.sandbox.enabled
    for (const address of saved.sandbox.verified) this.verified.add(address)
  }

  summary(): Record<string, number> {
    return {
      suppressed: this.suppression.list().length,
      unsubscribed: this.unsubscribes.list().length,
      verified: this.verified.size,
    }
  }

  /** Sandboxed, and neither the address nor its domain is verified (SES lets sandboxed accounts mail its simulator). */
  isSandboxBlocked(address: string): boolean {
    return (
      this.sandbox.enabled &&
      !address.endsWith(simulatorDomain) &&
      !this.verified.has(address) &&
      !this.verified.has(address.slice(address.lastIndexOf('@') + 1))
    )
  }

  /** What the control API, the MSW handle and scenarios change at run time; each change is announced. */
  controls() {
    const { suppression, unsubscribes, verified, sandbox } = this
    const ctx = this.#ctx
    const changed = (what: string) => ctx.changed(what)
    const retention = () => ctx.config.bounceRetention
    return {
      /** `retentionMs: null` keeps the address listed until removed; the configured retention when absent. */
      suppress(
        address: string,
        options: { retentionMs?: number | null | undefined; reason?: string } = {},
      ): SuppressionEntry {
        // Checked as the control API checks it: from JavaScript, `undefined` threw a TypeError and a
        // NaN retention listed the address with an expiry no time can show.
        const { retentionMs, reason = 'added by hand' } = parseOrThrow(
          suppressCallSchema,
          { address, ...options },
          'invalid_request',
          'suppress',
        )
        const entry = suppression.add(
          normaliseAddress(address),
          reason,
          retentionMs === undefined ? retention() : (retentionMs ?? undefined),
          'refuse',
        )
        changed('suppression')
        return entry
      },
      unsuppress(address: string): boolean {
        parseOrThrow(addressCallSchema, { address }, 'invalid_request', 'unsuppress')
        const removed = suppression.remove(normaliseAddress(address))
        if (removed) changed('suppression')
        return removed
      },
      suppressed: (): SuppressionEntry[] => suppression.list(),
      isSuppressed: (address: string): boolean => suppression.has(normaliseAddress(address)),
      unsubscribe(sender: string, address: string): UnsubscribeEntry {
        parseOrThrow(unsubscribeInputSchema, { sender, address }, 'invalid_request', 'unsubscribe')
        const entry = unsubscribes.add(sender, address, ctx.clock.now())
        changed('unsubscribes')
        return entry
      },
      resubscribe(sender: string, address: string): boolean {
        parseOrThrow(unsubscribeInputSchema, { sender, address }, 'invalid_request', 'resubscribe')
        const removed = unsubscribes.remove(sender, address)
        if (removed) changed('unsubscribes')
        return removed
      },
      unsubscribed: (): UnsubscribeEntry[] => unsubscribes.list(),
      setSandbox(input: { enabled?: boolean | undefined; verified?: readonly string[] | undefined }): void {
        // Checked as the control API checks it: from JavaScript, `enabled: 'no'` would turn the sandbox on.
        const { enabled, verified: addresses } = parseOrThrow(sandboxInputSchema, input, 'invalid_request', 'sandbox')
        // Checked before anything changes: a refused request leaves the sandbox as it was.
        const adding = new Set((addresses ?? []).map(verifiedKey).filter((key) => !verified.has(key)))
        const max = ctx.config.limits.maxVerified
        checkRoom(verified.size, adding.size, max, () =>
          listFull(
            "The sandbox's verified list",
            max,
            'email.limits.maxVerified',
            `it has ${verified.size} and this adds ${adding.size}; remove some (DELETE /_emulator/sandbox/verified/:address, or reset) first`,
          ),
        )
        if (enabled !== undefined) sandbox.enabled = enabled
        for (const key of adding) verified.add(key)
        changed('sandbox')
      },
      unverify(address: string): boolean {
        parseOrThrow(addressCallSchema, { address }, 'invalid_request', 'unverify')
        const removed = verified.delete(verifiedKey(address))
        if (removed) changed('sandbox')
        return removed
      },
      sandbox: () => ({ enabled: sandbox.enabled, verified: [...verified] }),
    }
  }
}

/** The email channel's run-time controls (`emulator.email`). */
export type EmailControls = ReturnType<EmailState['controls']>
