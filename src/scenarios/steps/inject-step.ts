/**
 * @module `inject`: what the platform would push to the app — any channel's inbound event (an
 * incoming email, an Unsubscribe, an SMS MO, …) — through its route under /_emulator/inbound. The
 * step names the event as the channel does (`inject: { email: {…} }`, `inject: { unsubscribe: {…} }`),
 * or with its channel's name before it where two channels share the name (`inject: { rcs.mo: {…} }`).
 */
import { z } from 'zod'
import type { AnyChannel } from '../../core/channels/channel.js'
import { stepName } from '../step-fields.js'
import { defineStep } from './define-step.js'

/** The inject step over every channel's inbound events. */
export function injectStep(channels: readonly AnyChannel[]) {
  const events = channels.flatMap((channel) =>
    Object.entries(channel.inbound ?? {}).map(([kind, spec]) => ({
      channel: channel.name,
      kind,
      spec,
      path: spec.path ?? `/inbound/${channel.name}/${kind}`,
    })),
  )
  // Each event by its channel's name and its own (`rcs.mo`), and by its own name alone for the first
  // channel that has it (`mo` is SMS's, `unsubscribe` email's): RCS shares those names, and a bare
  // name taken by two channels went to the first one's route whatever the input.
  const named = new Map<string, (typeof events)[number]>()
  for (const [index, event] of events.entries()) {
    named.set(`${event.channel}.${event.kind}`, event)
    if (events.findIndex((e) => e.kind === event.kind) === index) named.set(event.kind, event)
  }
  const options = [...named].map(([name, { spec }]) => z.strictObject({ [name]: spec.schema.describe(spec.summary) }))
  return defineStep({
    schema: z.strictObject({
      name: stepName,
      inject: (options.length === 1 ? options[0]! : z.union(options as unknown as [z.ZodType, z.ZodType])) as z.ZodType<
        Record<string, Record<string, unknown>>
      >,
    }),
    async run({ inject }, ctx) {
      const [name, input] = Object.entries(inject)[0]!
      const event = named.get(name)!
      const record = await ctx.client.control<Record<string, unknown>>('POST', event.path, input)
      if (typeof record.tid === 'string') ctx.vars.set('tid', record.tid)
      const who = [record.from, record.to].map((v) => (Array.isArray(v) ? v.join(', ') : String(v)))
      return { label: `inject ${name} ${String(record.event)} from ${who[0]} to ${who[1]}`, problems: [] }
    },
  })
}
