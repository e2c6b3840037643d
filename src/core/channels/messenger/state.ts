/**
 * @module Messenger's config slice (`fb: { … }`) and run-time state: the default outcome, and the
 * standard messaging windows — when each (appid, psid) last wrote in, on the emulator clock, kept
 * in the state file. The window policy (D-FB, Meta's message tags): a message outside the 24-hour
 * window fails with 7313 unless it carries a tag the page may still use; an unknown tag is 7526.
 * docs/decisions/015-messenger-window.md.
 */
import { z } from 'zod'
import { ConversationWindows, windowsSnapshotSchema } from '../../kernel/conversation-windows.js'
import { DefaultOutcomeState } from '../../kernel/default-outcome-state.js'
import { durationSchema } from '../../kernel/duration.js'
import type { PhoneOutcome } from '../../kernel/phone-outcome.js'
import type { ChannelContext } from '../channel.js'

const day = 86_400_000

export const messengerConfigSchema = z.strictObject({
  /** The tenant's Messenger assets by app id; another `appid` is 7104. Empty: any. */
  apps: z.array(z.string().trim().min(1)).default([]),
  read: z.boolean().default(true),
  defaultOutcome: z.string().default('delivered'),
  /** The standard messaging window an inbound message or postback opens per (appid, psid) (D-FB: 24 hours). */
  window: durationSchema.default(day),
  /** Whether a message outside the window fails with 7313 (false: never). */
  enforceWindow: z.boolean().default(true),
  /**
   * The message tags taken (`messaging_type: "MESSAGE_TAG"` with `tag`), each with how long after
   * the user's last message it may be sent. D-FB: the other tags are "no longer functional",
   * "use the HUMAN_AGENT tag"; Meta gives HUMAN_AGENT 7 days. Another tag fails with 7526.
   */
  tags: z.record(z.string(), durationSchema).default({ HUMAN_AGENT: 7 * day }),
  delays: z
    .strictObject({
      submitted: durationSchema.default(0),
      delivered: durationSchema.default(1_000),
      read: durationSchema.default(5_000),
      failed: durationSchema.default(1_000),
    })
    .default({ submitted: 0, delivered: 1_000, read: 5_000, failed: 1_000 }),
})
export type MessengerConfig = z.infer<typeof messengerConfigSchema>

export const messengerSnapshotSchema = z.object({ windows: windowsSnapshotSchema.default([]) })

/**
 * Meta's answer to a standard message outside the window (Send API error #10, quoted in
 * home-assistant/core#32507 and botpress/botpress#4890); receipts carry Meta's text as
 * additionalInfo, as D-FBWH's Failed sample does.
 */
const outsideWindowInfo =
  '(#10) This message is sent outside of allowed window. Learn more about the new policy here: https://developers.facebook.com/docs/messenger-platform/policy-overview'

export interface WindowFailure {
  code: '7313' | '7526'
  additionalInfo: string
  why: string
}

export class MessengerState extends DefaultOutcomeState<MessengerConfig> {
  readonly windows = new ConversationWindows()

  constructor(ctx: ChannelContext<MessengerConfig>, parseOutcome: (name: string) => PhoneOutcome | undefined) {
    super(ctx, 'fb', parseOutcome)
  }

  /**
   * Why a message to `psid` from `appId` at `now` fails under Meta's policy, if it does: a tag not
   * in `fb.tags` (or MESSAGE_TAG without one) is 7526 wherever the window stands; otherwise the
   * message needs the window open (24 h), or, tagged, the tag's period since the user last wrote.
   */
  windowFailure(
    appId: string,
    psid: string,
    message: { messaging_type?: string | undefined; tag?: string | undefined },
    now: number,
  ): WindowFailure | undefined {
    const { config } = this.ctx
    const tagged = message.messaging_type === 'MESSAGE_TAG' || message.tag !== undefined
    if (tagged && (message.tag === undefined || !Object.hasOwn(config.tags, message.tag)))
      return {
        code: '7526',
        // Meta's words for it are not on record; the receipt says nothing more than the code.
        additionalInfo: '',
        why: message.tag === undefined ? 'MESSAGE_TAG without a tag' : `tag "${message.tag}" is not one of fb.tags`,
      }
    if (!config.enforceWindow) return undefined
    const length = tagged ? config.tags[message.tag!]! : config.window
    if (this.windows.closesAt(appId, [psid], now, length) !== undefined) return undefined
    const hours = length / 3_600_000
    return {
      code: '7313',
      additionalInfo: outsideWindowInfo,
      why: `no message from ${psid} to ${appId} in the last ${hours} h${tagged ? ` (tag ${message.tag})` : ''}`,
    }
  }

  override clear(): void {
    this.windows.clear()
  }
  override snapshot() {
    return { windows: this.windows.snapshot() }
  }
  override restore(slice: unknown): void {
    this.windows.restore(messengerSnapshotSchema.parse(slice).windows)
  }
  override summary() {
    return { windows: this.windows.size }
  }

  /** What the control API shows: every window with whether it is open now. */
  listWindows() {
    const { clock, config } = this.ctx
    return this.windows.list(clock.now(), config.window, (ms) => this.ctx.formatTimestamp(ms))
  }
}
