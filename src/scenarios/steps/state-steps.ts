/**
 * @module `expectMessage`, and the list steps each channel's lists give (`expectSuppressed` /
 * `expectNotSuppressed` for the email bounce list): the emulator's records, as GET
 * /_emulator/messages/:id and the lists' own routes show them.
 */
import { z } from 'zod'
import type { AnyChannel } from '../../core/channels/channel.js'
import { normaliseAddress } from '../../core/kernel/addresses.js'
import { describeMismatches, match } from '../match.js'
import { refuseUnknownOperators, stepName } from '../step-fields.js'
import { defineStep, type StepDefinition } from './define-step.js'
import type { StepContext, StepOutcome } from './step-context.js'

type Recipient = { address: string; status: string; receipts: Array<{ status: string }> }

export const expectMessageStep = defineStep({
  schema: z.strictObject({
    name: stepName,
    expectMessage: z
      .looseObject({ messageId: z.string().optional().describe('Default: ${messageId}, the last send') })
      .describe(
        'A partial message record, as GET /_emulator/messages/:id shows it: from, subject, recipients [{ address, field, status, receipts }], …',
      )
      .superRefine(refuseUnknownOperators),
  }),
  async run({ expectMessage }, ctx) {
    const { messageId = String(ctx.vars.get('messageId')), ...expected } = expectMessage
    await ctx.client.advance(0)
    const message = await ctx.client.message(messageId)
    const label = `expectMessage ${messageId}`
    if (!message)
      return { label, problems: [`no message ${messageId} (GET /_emulator/messages/${messageId} answered 404)`] }
    const mismatches = match(expected, message)
    if (mismatches.length === 0) return { label, problems: [] }
    const recipients = (message.recipients as Recipient[]).map(
      (r) => `    ${r.address}: ${r.status} [${r.receipts.map((x) => x.status).join(', ')}]`,
    )
    return {
      label,
      problems: ['the message does not match:', ...describeMismatches(mismatches), '  its recipients:', ...recipients],
    }
  },
})

const destinations = z.union([z.string(), z.array(z.string()).min(1)])

type ListSpec = NonNullable<AnyChannel['lists']>[string]

async function checkList(
  stepKind: string,
  { path, key, label: listLabel }: ListSpec,
  wanted: string | string[],
  want: boolean,
  ctx: StepContext,
): Promise<StepOutcome> {
  const list = (Array.isArray(wanted) ? wanted : [wanted]).map(normaliseAddress)
  await ctx.client.advance(0)
  const { entries } = await ctx.client.control<{ entries: Array<Record<string, unknown>> }>('GET', path)
  const listed = new Set(entries.map((e) => String(e[key])))
  const wrong = list.filter((destination) => listed.has(destination) !== want)
  const label = `${stepKind} ${list.join(', ')}`
  if (wrong.length === 0) return { label, problems: [] }
  const held = entries.map((e) => {
    const until = typeof e.expiresAt === 'number' ? ` (until ${new Date(e.expiresAt).toISOString()})` : ''
    return `    ${String(e[key])}${until}`
  })
  return {
    label,
    problems: [
      `${wrong.join(', ')} ${want ? 'is not' : 'is'} on ${listLabel}; it holds:`,
      ...(held.length ? held : ['    (nothing)']),
    ],
  }
}

/** `expect<Name>` and `expectNot<Name>` for each list a channel keeps. */
export function listSteps(channels: readonly AnyChannel[]): Record<string, StepDefinition> {
  const steps: Record<string, StepDefinition> = {}
  for (const channel of channels) {
    for (const [name, spec] of Object.entries(channel.lists ?? {})) {
      for (const want of [true, false]) {
        const kind = `expect${want ? '' : 'Not'}${name}`
        steps[kind] = defineStep({
          schema: z.strictObject({
            name: stepName,
            [kind]: destinations.describe(`Destination(s) that must${want ? '' : ' not'} be on ${spec.label}`),
          }),
          run: (step, ctx) => checkList(kind, spec, step[kind] as string | string[], want, ctx),
        })
      }
    }
  }
  return steps
}
