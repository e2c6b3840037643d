/**
 * @module Contact policy: consent groups and frequency caps, checked for every channel when a
 * request carries `contactPolicy` (vendor: "applicable only when Contact Policy block has been used
 * when sending outbound messages"). A recipient who fails gets one Failed receipt with the vendor's
 * code and text (9000–9010, "Contact Policy-integrated Error Codes") instead of a lifecycle, as the
 * real receipts a production sender recorded show (9002 "Recipient has not consented to message").
 *
 * Groups are "allow" lists (nobody gets messages unless they opted in) or "deny" lists (everybody
 * does unless they opted out); a member record says consent true or false, and may expire. A group
 * may cap how many messages a recipient gets per day, week and month (rolling windows on the
 * emulator's clock), for all channels together or per consent channel; each channel says which
 * consent channel it counts under (`consentChannel` in its definition).
 */
import { z } from 'zod'
import { addressKey, normaliseAddress } from './addresses.js'
import { EmulatorError } from './errors.js'
import { checkRoom, listFull } from './list-limits.js'
import { OldestKeys } from './oldest-keys.js'
import { onceEach } from './once-each.js'
import { earliestTime, epochMsSchema, isoTime, isRepresentableTime, latestTime } from './time-bounds.js'
import { parseOrThrow } from './zod-issues.js'

/** The vendor's contact-policy codes and texts (channel-specific-status-codes). */
const contactPolicyFailures = {
  notEnabled: { code: '9000', description: 'Contact policy not enabled' },
  inputsRequired: { code: '9001', description: 'Contact policy inputs required' },
  noConsent: { code: '9002', description: 'Recipient has not consented to message' },
  notInGroup: { code: '9003', description: 'Requested consumer was not found in group' },
  unknownGroup: { code: '9005', description: 'Invalid or unknown group ID or channel' },
  frequencyCapped: { code: '9006', description: 'Frequency cap: Recipient has exceeded frequency cap' },
  capGroupNotFound: { code: '9007', description: 'Frequency cap: The group was not found' },
  consentExpired: { code: '9010', description: 'Consent check failed, customer consent expired' },
} as const
export type ContactPolicyFailure = (typeof contactPolicyFailures)[keyof typeof contactPolicyFailures]

/** Consent channels, as consent groups name them. */
export const consentChannels = ['email', 'text', 'whatsapp', 'voice'] as const
export type ConsentChannel = (typeof consentChannels)[number]

/** Vendor: "The number of messages sent cannot exceed 5000." */
const maxCap = 5_000
const capValue = z.number().int().min(1).max(maxCap).optional()
const capsSchema = z.strictObject({ daily: capValue, weekly: capValue, monthly: capValue })

/**
 * The longest member address: no channel sends to a longer one (320 characters, RFC 5321's longest
 * mailbox, is the longest address any channel's send takes; numbers and ids are far shorter). A 5 MB
 * address was taken and kept, one per member.
 */
const maxMemberAddress = 320

export const consentMemberSchema = z.strictObject({
  channel: z.enum(consentChannels),
  /**
   * Kept trimmed: a blank one could never be a recipient (it was kept as "" and listed as a member).
   * At most `maxMemberAddress` characters, the longest address a send takes.
   */
  address: z
    .string()
    .trim()
    .min(1, 'an empty address')
    .max(
      maxMemberAddress,
      `at most ${maxMemberAddress} characters, the longest address a send takes (RFC 5321's longest mailbox)`,
    ),
  consent: z.boolean(),
  /** When the consent lapses (ISO 8601 or epoch ms, years 0001–9999); never when absent. */
  expires: z
    .union([
      z
        .number()
        .min(earliestTime, `expected epoch ms from ${isoTime(earliestTime)}`)
        .max(latestTime, `expected epoch ms up to ${isoTime(latestTime)}, the latest time the emulator can show`),
      z.iso
        .datetime({ offset: true })
        .refine(
          (value) => isRepresentableTime(Date.parse(value)),
          `expected a date-time between ${isoTime(earliestTime)} and ${isoTime(latestTime)} (years 0001–9999)`,
        ),
    ])
    .optional(),
  reason: z.string().max(400).default(''),
})
export type ConsentMemberInput = z.input<typeof consentMemberSchema>

/** A consent group's id: a request's group is read trimmed, so a blank id, or one with spaces around it, could never be named. */
export const groupIdSchema = z
  .string()
  .min(1)
  .refine((id) => id.trim() === id && id !== '', 'a group id cannot be blank or begin or end with spaces')

export const consentGroupSchema = z.strictObject({
  /** The group id, as requests name it in `contactPolicy.contactPolicyGroup` (e.g. "yk7_hM8eQQeFwA3zHyfRgg"). */
  id: groupIdSchema,
  /** "allow": nobody gets messages unless they opted in; "deny": everybody does unless they opted out. */
  type: z.enum(['allow', 'deny']).default('deny'),
  /** Frequency caps per recipient: for all channels together, or per consent channel. */
  frequency: z
    .union([
      z.strictObject({ scope: z.literal('all'), ...capsSchema.shape }),
      z.strictObject({
        scope: z.literal('per-channel'),
        channels: z.partialRecord(z.enum(consentChannels), capsSchema),
      }),
    ])
    .optional(),
  /**
   * One entry per member: the same channel and address twice (as `memberKey` matches addresses)
   * said two things, and the last one won in silence.
   */
  members: z
    .array(consentMemberSchema)
    .superRefine(
      onceEach(
        ({ channel, address }) => memberKey(channel, address),
        'address',
        ({ channel, address }, earlier) =>
          `${channel} ${address} is already a member at members[${earlier}] (a phone number matches by its digits, any other address in any letter case): list each member once`,
      ),
    )
    .default([]),
})
type ConsentGroupConfig = z.output<typeof consentGroupSchema>
export type ConsentGroupInput = z.input<typeof consentGroupSchema>

export const contactPolicyConfigSchema = z.strictObject({
  /** Off: every request that asks for a check gets 9000 "Contact policy not enabled". */
  enabled: z.boolean().default(true),
  /**
   * A group the emulator was not told about (in `groups`, or added with the control API's PUT):
   * "pass" (default — the emulator cannot know your tenant's groups) takes it as one of them, so a
   * send passes it and the Consent API, an incoming keyword or the control API recording a member
   * in it adds it as a deny list; "reject" takes the emulator's groups as all the tenant has, as the
   * vendor's are created in its Contact Policy app before use: a send fails (9005, and 9007 for a
   * cap), the Consent API answers 404 9005, an MO keyword or control-API member is refused with 404,
   * and a config keyword naming such a group is refused at start.
   */
  unknownGroups: z.enum(['pass', 'reject']).default('pass'),
  /** One entry per id: a second "a" replaced the first whole (an allow list became a deny list). */
  groups: z
    .array(consentGroupSchema)
    .default([])
    .superRefine(
      onceEach(
        ({ id }) => id,
        'id',
        ({ id }, earlier) =>
          `group "${id}" is already defined at contactPolicy.groups[${earlier}]: define each group once`,
      ),
    ),
})
export type ContactPolicyConfig = z.output<typeof contactPolicyConfigSchema>

/** The `contactPolicy` block of a request (vendor: at least one check true). */
export const contactPolicyRequestSchema = z.looseObject({
  contactPolicyGroup: z.string().optional(),
  channelCheckConsent: z.union([z.boolean(), z.enum(['true', 'false'])]).optional(),
  channelApplyFrequencyCap: z.union([z.boolean(), z.enum(['true', 'false'])]).optional(),
})
export type ContactPolicyRequest = z.output<typeof contactPolicyRequestSchema>

/** A forced verdict from a rule or magic address (`noconsent`, `consent-expired`, `frequency-capped`). */
export type ForcedVerdict = 'noConsent' | 'consentExpired' | 'frequencyCapped'

/** The channel-neutral outcome names that force a contact-policy verdict. */
export function parseContactOutcome(name: string): ForcedVerdict | undefined {
  switch (name.trim().toLowerCase()) {
    case 'noconsent':
    case 'no-consent':
      return 'noConsent'
    case 'consent-expired':
      return 'consentExpired'
    case 'frequency-capped':
    case 'capped':
      return 'frequencyCapped'
    default:
      return undefined
  }
}

export interface ConsentMember {
  channel: ConsentChannel
  address: string
  consent: boolean
  expiresAt: number | undefined
  reason: string
  lastUpdated: number
}

export interface ConsentGroupState {
  id: string
  type: 'allow' | 'deny'
  frequency: ConsentGroupConfig['frequency']
  members: Map<string, ConsentMember>
}

/**
 * Recipients whose sends are counted for frequency caps at most (all groups together): past it the
 * least recently counted is forgotten, so it may get more than its cap allows.
 */
const maxCapCounters = 100_000

const dayMs = 86_400_000
const windows = { daily: dayMs, weekly: 7 * dayMs, monthly: 30 * dayMs } as const
/**
 * A member, and a recipient's cap counts, are keyed by `addressKey`: a phone number by its digits, so
 * a STOP from "447700900123" (the vendor's MO `oa` has no "+") holds for a send to "+447700900123".
 */
const memberKey = (channel: string, address: string) => `${channel}\n${addressKey(address)}`
const sendsKey = (groupId: string, scope: string, address: string) => `${groupId}\n${scope}\n${addressKey(address)}`
const yes = (v: boolean | 'true' | 'false' | undefined) => v === true || v === 'true'

/** How many groups, and members in all groups together, the tenant holds at most. */
export interface ContactPolicyLimits {
  /** `limits.maxConsentGroups` */
  maxGroups: number
  /** `limits.maxConsentMembers` */
  maxMembers: number
  /** Recipients counted for frequency caps (a cache: the least recently counted is forgotten); 100,000 by default. */
  maxCounters?: number
}

export class ContactPolicy {
  #groups = new Map<string, ConsentGroupState>()
  /** When each (group, scope, address) was sent to, for the caps; pruned past the longest window. */
  readonly #sends = new Map<string, number[]>()
  readonly #oldestSends = new OldestKeys(this.#sends)
  #config: ContactPolicyConfig
  #limits: ContactPolicyLimits
  #enabled: boolean
  /**
   * While a request is being planned: each cap counter it changed, with its value before, so a
   * request refused half-way (a send is accepted or refused whole) takes its counts back.
   */
  #journal: Array<[key: string, before: number[] | undefined]> | undefined

  constructor(config: ContactPolicyConfig, limits: ContactPolicyLimits) {
    this.#config = config
    this.#limits = limits
    this.#enabled = config.enabled
  }

  /** Members in all groups together. */
  get memberCount(): number {
    let count = 0
    for (const group of this.#groups.values()) count += group.members.size
    return count
  }

  #groupsFull(): EmulatorError {
    return listFull(
      'The consent group list',
      this.#limits.maxGroups,
      'limits.maxConsentGroups',
      'remove some (DELETE /_emulator/contact-policy/groups/:id, or reset) first',
    )
  }

  #membersFull(): EmulatorError {
    return listFull(
      'The consent member list (all groups together)',
      this.#limits.maxMembers,
      'limits.maxConsentMembers',
      `it holds ${this.memberCount}; remove some (DELETE /_emulator/contact-policy/groups/:id/members/:address, or reset) first`,
    )
  }

  /** Sets what the config says (at start, and after reset has cleared). */
  load(now: number): void {
    this.#enabled = this.#config.enabled
    for (const group of this.#config.groups) this.putGroup(group, now)
  }

  clear(): void {
    this.#groups.clear()
    this.#sends.clear()
    this.#oldestSends.release()
  }

  get enabled(): boolean {
    return this.#enabled
  }

  set enabled(on: boolean) {
    this.#enabled = on
  }

  /**
   * Adds or replaces a group (its members too, when given). A new group past
   * `limits.maxConsentGroups`, or members past `limits.maxConsentMembers`, throw a 409 `conflict`
   * and change nothing.
   */
  putGroup(input: ConsentGroupInput, now: number): ConsentGroupState {
    const parsed = parseOrThrow(consentGroupSchema, input, 'invalid_request', 'consent group')
    const existing = this.#groups.get(parsed.id)
    checkRoom(this.#groups.size, existing ? 0 : 1, this.#limits.maxGroups, () => this.#groupsFull())
    const incoming = new Set(parsed.members.map((m) => memberKey(m.channel, m.address))).size
    checkRoom(this.memberCount - (existing?.members.size ?? 0), incoming, this.#limits.maxMembers, () =>
      this.#membersFull(),
    )
    const group: ConsentGroupState = {
      id: parsed.id,
      type: parsed.type,
      frequency: parsed.frequency,
      members: new Map(),
    }
    for (const member of parsed.members)
      group.members.set(memberKey(member.channel, member.address), toMember(member, now))
    this.#groups.set(group.id, group)
    return group
  }

  /** Whether `id` names no group while unknown groups are refused (`unknownGroups: "reject"`). */
  refuses(id: string): boolean {
    return this.#config.unknownGroups === 'reject' && !this.#groups.has(id)
  }

  removeGroup(id: string): boolean {
    return this.#groups.delete(id)
  }

  group(id: string): ConsentGroupState | undefined {
    return this.#groups.get(id)
  }

  groups(): Array<Omit<ConsentGroupState, 'members'> & { members: ConsentMember[] }> {
    return [...this.#groups.values()].map((g) => ({ ...g, members: [...g.members.values()] }))
  }

  /**
   * Records a member's consent (adds the group as a deny list when it is new, unless unknown groups
   * are refused: then a 404). A new member past `limits.maxConsentMembers` (or a new group past
   * `limits.maxConsentGroups`) throws a 409.
   */
  setMember(groupId: string, input: ConsentMemberInput, now: number): ConsentMember {
    return this.setMembers([{ groupId, input }], now)[0]!
  }

  /**
   * Records members in one or more groups (creating a group not yet known) all or none: when a group
   * is unknown and `unknownGroups` is "reject" it throws a 404 `not_found`, and when the new members
   * or groups would pass `limits.maxConsentMembers` or `limits.maxConsentGroups` a 409 `conflict`,
   * having set nothing — an incoming STOP listed for three groups records in all three or, refused,
   * in none.
   */
  setMembers(entries: ReadonlyArray<{ groupId: string; input: ConsentMemberInput }>, now: number): ConsentMember[] {
    const members = entries.map(({ groupId, input }) => ({
      groupId,
      // Refused by name, never a stray ZodError: an MO's sender is recorded through here.
      member: toMember(parseOrThrow(consentMemberSchema, input, 'invalid_request', 'consent member'), now),
    }))
    const unknown = members.find(({ groupId }) => this.refuses(groupId))?.groupId
    if (unknown !== undefined)
      throw new EmulatorError(
        'not_found',
        `No consent group "${unknown}": with contactPolicy.unknownGroups "reject" a member is recorded only in a group the emulator was told about`,
        'groupId',
        `add it first: contactPolicy.groups, or PUT /_emulator/contact-policy/groups/${encodeURIComponent(unknown)}`,
      )
    const newMembers = new Set<string>()
    const newGroups = new Set<string>()
    for (const { groupId, member } of members) {
      const key = memberKey(member.channel, member.address)
      const group = this.#groups.get(groupId)
      if (!group) newGroups.add(groupId)
      if (!group?.members.has(key)) newMembers.add(`${groupId}\n${key}`)
    }
    checkRoom(this.memberCount, newMembers.size, this.#limits.maxMembers, () => this.#membersFull())
    checkRoom(this.#groups.size, newGroups.size, this.#limits.maxGroups, () => this.#groupsFull())
    return members.map(({ groupId, member }) => {
      const group = this.#groups.get(groupId) ?? this.putGroup({ id: groupId }, now)
      group.members.set(memberKey(member.channel, member.address), member)
      return member
    })
  }

  removeMember(groupId: string, address: string, channel?: ConsentChannel): boolean {
    const group = this.#groups.get(groupId)
    if (!group) return false
    let removed = false
    for (const c of channel ? [channel] : consentChannels)
      removed = group.members.delete(memberKey(c, address)) || removed
    return removed
  }

  /**
   * Checks one recipient against the request's contact policy, and counts the send towards the
   * caps when it passes. Undefined: it may be sent.
   */
  check(
    request: ContactPolicyRequest | undefined,
    channel: ConsentChannel,
    address: string,
    now: number,
    forced?: ForcedVerdict,
  ): ContactPolicyFailure | undefined {
    if (!request) return undefined
    const checkConsent = yes(request.channelCheckConsent)
    const applyCap = yes(request.channelApplyFrequencyCap)
    if (!checkConsent && !applyCap) return undefined
    if (!this.#enabled) return contactPolicyFailures.notEnabled
    const groupId = request.contactPolicyGroup?.trim()
    if (!groupId) return contactPolicyFailures.inputsRequired
    if (forced) return contactPolicyFailures[forced]
    const group = this.#groups.get(groupId)
    if (!group && this.#config.unknownGroups === 'reject')
      return checkConsent ? contactPolicyFailures.unknownGroup : contactPolicyFailures.capGroupNotFound
    if (group && checkConsent) {
      const member = group.members.get(memberKey(channel, address))
      if (member && !member.consent) return contactPolicyFailures.noConsent
      if (member?.expiresAt !== undefined && member.expiresAt <= now) return contactPolicyFailures.consentExpired
      if (!member && group.type === 'allow') return contactPolicyFailures.noConsent
    }
    if (group && applyCap && this.#capped(group, channel, address, now)) return contactPolicyFailures.frequencyCapped
    if (group?.frequency) this.#count(group, channel, address, now)
    return undefined
  }

  #scope(
    group: ConsentGroupState,
    channel: ConsentChannel,
  ): { key: string; caps: z.output<typeof capsSchema> } | undefined {
    const frequency = group.frequency
    if (!frequency) return undefined
    if (frequency.scope === 'all') return { key: '*', caps: frequency }
    const caps = frequency.channels[channel]
    return caps ? { key: channel, caps } : undefined
  }

  /** How many of a recipient's sends are remembered for the group's caps (at most 5,000, the largest a cap can be). */
  counted(groupId: string, channel: ConsentChannel, address: string): number {
    const group = this.#groups.get(groupId)
    const scope = group && this.#scope(group, channel)
    return scope ? (this.#sends.get(sendsKey(groupId, scope.key, address))?.length ?? 0) : 0
  }

  #capped(group: ConsentGroupState, channel: ConsentChannel, address: string, now: number): boolean {
    const scope = this.#scope(group, channel)
    if (!scope) return false
    const sent = this.#sends.get(sendsKey(group.id, scope.key, address)) ?? []
    return (Object.keys(windows) as Array<keyof typeof windows>).some((window) => {
      const cap = scope.caps[window]
      return cap !== undefined && sent.filter((at) => at > now - windows[window]).length >= cap
    })
  }

  #count(group: ConsentGroupState, channel: ConsentChannel, address: string, now: number): void {
    const scope = this.#scope(group, channel)
    if (!scope) return
    const key = sendsKey(group.id, scope.key, address)
    const before = this.#sends.get(key)
    this.#journal?.push([key, before])
    const sent = (before ?? []).filter((at) => at > now - windows.monthly)
    sent.push(now)
    // Only the newest sends can decide a cap (whether the newest N fall in a window), and no cap is
    // over 5,000: the rest are let go, so a recipient sent to all month long — with the cap not
    // applied, which still counts — holds at most 5,000 times, not one per send. Counted whatever
    // the caps are now, so a cap added or raised at run time still sees every send it could count.
    if (sent.length > maxCap) sent.splice(0, sent.length - maxCap)
    // Most recently counted last; past `maxCapCounters` the least recently counted recipient's
    // counts are forgotten (a cache, bounded whatever the traffic).
    this.#sends.delete(key)
    this.#sends.set(key, sent)
    this.#trimSends()
  }

  /** Forgets the least recently counted recipients past `maxCapCounters`; call after every change to the counts. */
  #trimSends(): void {
    this.#oldestSends.trim(this.#limits.maxCounters ?? maxCapCounters)
  }

  /**
   * Runs `plan` as one request: the sends it counts towards the caps stay counted only if it
   * returns; if it throws, they are taken back and the error goes on.
   */
  atomically<T>(plan: () => T): T {
    const outer = this.#journal
    const journal: Array<[string, number[] | undefined]> = []
    this.#journal = journal
    try {
      const result = plan()
      outer?.push(...journal)
      return result
    } catch (error) {
      for (const [key, before] of journal.reverse()) {
        if (before === undefined) this.#sends.delete(key)
        else this.#sends.set(key, before)
      }
      this.#trimSends()
      throw error
    } finally {
      this.#journal = outer
    }
  }

  /** The state file's `contactPolicy` slice. */
  snapshot(): ContactPolicySnapshot {
    return {
      enabled: this.#enabled,
      groups: this.groups().map(({ id, type, frequency, members }) => ({
        id,
        type,
        ...(frequency ? { frequency } : {}),
        members: members.map((m) => ({ ...m, expiresAt: m.expiresAt ?? null })),
      })),
    }
  }

  restore(saved: ContactPolicySnapshot): void {
    this.#enabled = saved.enabled
    for (const group of saved.groups) {
      this.#groups.set(group.id, {
        id: group.id,
        type: group.type,
        frequency: group.frequency,
        members: new Map(
          group.members.map((m) => [memberKey(m.channel, m.address), { ...m, expiresAt: m.expiresAt ?? undefined }]),
        ),
      })
    }
  }
}

function toMember(member: z.output<typeof consentMemberSchema>, now: number): ConsentMember {
  return {
    channel: member.channel,
    address: normaliseAddress(member.address),
    consent: member.consent,
    expiresAt:
      member.expires === undefined
        ? undefined
        : typeof member.expires === 'number'
          ? member.expires
          : Date.parse(member.expires),
    reason: member.reason,
    lastUpdated: now,
  }
}

export const contactPolicySnapshotSchema = z.object({
  enabled: z.boolean(),
  groups: z.array(
    z.object({
      id: z.string(),
      type: z.enum(['allow', 'deny']),
      frequency: consentGroupSchema.shape.frequency,
      members: z.array(
        z.object({
          channel: z.enum(consentChannels),
          address: z.string(),
          consent: z.boolean(),
          expiresAt: epochMsSchema.nullable(),
          reason: z.string(),
          lastUpdated: epochMsSchema,
        }),
      ),
    }),
  ),
})
export type ContactPolicySnapshot = z.infer<typeof contactPolicySnapshotSchema>
