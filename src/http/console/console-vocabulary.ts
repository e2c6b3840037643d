/**
 * @module The words the console offers that the server owns, all taken from the channel
 * definitions (src/core/channels/registry.ts): each channel's name and label, the statuses after
 * which nothing more happens to a destination, the manual actions its API takes (read from the
 * action schema) with the choices each offers, and the event names a webhook target may list. The
 * page gets them as data in the HTML, not baked into its script, so a new channel brings its own
 * words without touching the console's code (only a detail renderer, client/channel-details.ts).
 */
import { z } from 'zod'
import type { AnyChannel } from '../../core/channels/channel.js'
import { channels } from '../../core/channels/registry.js'
import { targetEventNames } from '../../core/schemas/config.js'

/** One manual action as the console offers it: a button, and a select when the action takes a choice. */
export interface ConsoleAction {
  /** `action` in the request body ("deliver", "bounce", "fail"). */
  name: string
  /** The body field the choice goes in ("type", "code") and what it may be. */
  choice?: { field: string; values: string[] }
}

interface JsonObjectSchema {
  properties?: Record<string, unknown>
}

/** The channel's manual actions, in the order its schema lists them, with their choices. */
function actionsOf(channel: AnyChannel): ConsoleAction[] {
  if (!channel.actions) return []
  const schema = z.toJSONSchema(channel.actions.schema, { io: 'input', unrepresentable: 'any' }) as {
    oneOf?: JsonObjectSchema[]
    anyOf?: JsonObjectSchema[]
  }
  return (schema.oneOf ?? schema.anyOf ?? []).flatMap((option) => {
    const { action, ...fields } = option.properties ?? {}
    const name = (action as { const?: unknown } | undefined)?.const
    if (typeof name !== 'string') return []
    const values = channel.vocabulary.actionChoices[name]
    const field = Object.keys(fields)[0]
    return [values && field ? { name, choice: { field, values: [...values] } } : { name }]
  })
}

/**
 * What the console needs to know about the server's vocabulary: every channel, in the registry's
 * order, and the names a webhook target's `events` may list.
 * @example consoleVocabulary().channels.find((c) => c.name === 'sms')?.actions.map((a) => a.name) // ['deliver', 'fail', 'click']
 */
export function consoleVocabulary() {
  return {
    /** What a service-level webhook target's `events` may list. */
    targetEvents: [...targetEventNames],
    channels: (channels as readonly AnyChannel[]).map((channel) => ({
      name: channel.name,
      label: channel.label,
      /** What a destination is called ("address", "number"). */
      destination: channel.vocabulary.destination,
      /** Statuses after which nothing more can happen to a destination (its receipts marked final). */
      finalStatuses: [...new Set(Object.values(channel.receipts).flatMap((r) => (r.final ? [r.status] : [])))],
      actions: actionsOf(channel),
      /** Actions refused once a destination was delivered. */
      notAfterDelivery: [...(channel.vocabulary.notAfterDelivery ?? [])],
    })),
  }
}

/** The JSON the page reads from `<script type="application/json" id="console-vocabulary">`. */
export type ConsoleVocabulary = ReturnType<typeof consoleVocabulary>
/** One channel's words. */
export type ConsoleChannel = ConsoleVocabulary['channels'][number]
