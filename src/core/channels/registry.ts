/**
 * @module The channels this emulator plays, in one list: everything that varies by channel — the
 * /v2/messages request union, config and state-file slices, record schemas, receipt and event
 * names, control routes, inbound events, vocabulary — is derived from it.
 */
import { z } from 'zod'
import { defaultsOf } from '../kernel/hot-schema.js'
import { appleChannel } from './apple/index.js'
import type { AnyChannel } from './channel.js'
import { emailChannel } from './email/index.js'
import { messengerChannel } from './messenger/index.js'
import { smsChannel } from './sms/index.js'
import { mmsChannel } from './sms/mms/index.js'
import { rcsChannel } from './sms/rcs/index.js'
import { whatsappChannel } from './whatsapp/index.js'

/** Every channel, in the order the console and the docs list them. */
export const channels = [
  emailChannel,
  smsChannel,
  mmsChannel,
  rcsChannel,
  whatsappChannel,
  messengerChannel,
  appleChannel,
] as const satisfies readonly AnyChannel[]

type Channel = (typeof channels)[number]

/** The config's channel slices: `email: { … }`, …, each defaulting to its own defaults. */
export type ChannelConfigShape = { [C in Channel as C['name']]: z.ZodDefault<C['configSchema']> }

export function channelConfigShape(): ChannelConfigShape {
  return Object.fromEntries(
    channels.map((c) => [c.name, (c.configSchema as z.ZodType).default(defaultsOf(c.configSchema as z.ZodType))]),
  ) as unknown as ChannelConfigShape
}

/** The consent groups the channels' config slices name, each with its path in the config. */
export function configGroupsOf(
  config: Record<string, unknown>,
): Array<{ path: PropertyKey[]; group: string; what: string }> {
  return (channels as readonly AnyChannel[]).flatMap((c) =>
    (c.configGroups?.(config[c.name]) ?? []).map((ref) => ({ ...ref, path: [c.name, ...ref.path] })),
  )
}

/** Top-level config keys older files set, each with the channel whose slice now holds it. */
export const legacyConfigKeys: ReadonlyMap<string, string> = new Map(
  (channels as readonly AnyChannel[]).flatMap((c) => (c.legacyConfigKeys ?? []).map((key) => [key, c.name] as const)),
)

/**
 * The channel a version-1 state file belongs to (written before channels had slices, when it was
 * the only one), with the keys of its slice that such a file held at the top.
 */
export const version1State: { channel: string; keys: readonly string[] } | undefined = (() => {
  const owner = (channels as readonly AnyChannel[]).find((c) => c.version1StateKeys)
  return owner && { channel: owner.name, keys: owner.version1StateKeys! }
})()

type LegacyKeysOf<C> = C extends { legacyConfigKeys: readonly (infer K)[] } ? K : never
/**
 * The legacy top-level keys, as a config input (deprecated: write them in the channel's slice).
 * @deprecated Write them in the channel's slice (`email: { sandbox }`).
 */
export type LegacyConfigInput = UnionToIntersection<LegacyInputOf<Channel>>
type LegacyInputOf<C> = C extends Channel
  ? Partial<Pick<z.input<C['configSchema']>, LegacyKeysOf<C> & keyof z.input<C['configSchema']>>>
  : never

/** `A | B` → `A & B` (the usual conditional-type trick: a union in a contravariant position). */
type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never

type FaceOf<C> = C extends { face(...args: never[]): infer F } ? F : never
/** What channels add to the emulator's face: `emulator.email`, `emulator.sms`, … (see `face`). */
export type ChannelFaces = {
  readonly [C in Channel as FaceOf<C> extends never ? never : C['name']]: FaceOf<C> extends { controls: infer T }
    ? T
    : never
}
/** Shortcuts channels put at the top of the face (email's `suppress`, `injectInboundEmail`, …). */
export type ChannelShortcuts = UnionToIntersection<ShortcutsOf<FaceOf<Channel>>>
type ShortcutsOf<F> = F extends { shortcuts: infer S } ? S : never

/** Channel names, e.g. "email". */
export const channelNames = channels.map((c) => c.name)

/** Every receipt name any channel's `requestedReceipts` / target `events` take, lower case. */
export const receiptEventNames = [...new Set(channels.flatMap((c) => c.receiptNames))]

/** Inbound event names targets opt into ("inbound" means all of them). */
export const inboundEventNames = [
  'inbound',
  ...new Set(
    (channels as readonly AnyChannel[]).flatMap((c) => Object.values(c.inbound ?? {}).flatMap((spec) => spec.events)),
  ),
]

/** Every `deliveryStatus` any channel sends, and "Queued" (no receipt yet). */
export const recipientStatuses = [...new Set(channels.flatMap((c) => c.vocabulary.statuses)), 'Queued']

/** Any channel's message record, discriminated by `channel` (validated when a state file is restored). */
export const messageRecordSchema = z.discriminatedUnion(
  'channel',
  channels.map((c) => c.recordSchema) as unknown as [Channel['recordSchema'], ...Array<Channel['recordSchema']>],
)
/** An accepted message, as `emulator.messages()` and `GET /_emulator/messages/:id` show it. */
export type MessageRecord = z.output<Channel['recordSchema']>
/** One recipient of a message, with its own lifecycle and receipts. */
export type RecipientRecord = MessageRecord['recipients'][number]

/** The state file's channel slices, each optional (a file from an emulator with fewer channels). */
export const channelSnapshotSchema = z.object(
  Object.fromEntries(channels.map((c) => [c.name, (c.snapshotSchema as z.ZodType).optional()])) as {
    [C in Channel as C['name']]: z.ZodOptional<C['snapshotSchema']>
  },
)
