/**
 * @module `inject`: what the platform would push to the app — any channel's inbound event (an
 * incoming email, an Unsubscribe, an SMS MO, …) — through its route under /_emulator/inbound. The
 * step names the event as the channel does (`inject: { email: {…} }`, `inject: { unsubscribe: {…} }`).
 */
import { z } from 'zod'
import type { AnyChannel } from '../../core/channels/channel.js'
import { stepName } from '../step-fields.js'
import { defineStep } from './define-step.js'

/** The inject step over every channel's inbound events. */
export function injectStep(channels: readonly AnyChannel[]) {
  const events = channels.flatMap((channel) =>
    Object.entries(channel.inbound ?? {}).map(([kind, spec]) => ({
      kind,
      spec,
      path: spec.path ?? `/inbound/${channel.name}/${kind}`,
    })),
  )
  const options = events.map(({ kind, spec }) => z.strictObject({ [kind]: spec.schema.describe(spec.summary) }))
  return defineStep({
    schema: z.strictObject({
      name: stepName,
      inject: (options.length === 1 ? options[0]! : z.union(options as unknown as [z.ZodType, z.ZodType])) as z.ZodType<
        Record<string, Record<string, unknown>>
      >,
    }),
    async run({ inject }, ctx) {
      const [kind, input] = Object.entries(inject)[0]!
      const event = events.find((e) => e.kind === kind)!
      const record = await ctx.client.control<Record<string, unknown>>('POST', event.path, input)
      if (typeof record.tid === 'string') ctx.vars.set('tid', record.tid)
      const who = [record.from, record.to].map((v) => (Array.isArray(v) ? v.join(', ') : String(v)))
      return { label: `inject ${kind} ${String(record.event)} from ${who[0]} to ${who[1]}`, problems: [] }
    },
  })
}
