/**
 * @module `expectMessage`, `expectSuppressed`, `expectNotSuppressed`: the emulator's records, as
 * GET /_emulator/messages/:id and /_emulator/suppression show them.
 */
import { describeMismatches, match } from '../match.js'
import type { StepContext, StepOutcome } from './step-context.js'

type Recipient = { address: string; status: string; receipts: Array<{ status: string }> }

export async function expectMessageStep(
  { expectMessage }: { expectMessage: Record<string, unknown> & { messageId?: string | undefined } },
  ctx: StepContext,
): Promise<StepOutcome> {
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
}

async function checkSuppression(addresses: string | string[], want: boolean, ctx: StepContext): Promise<StepOutcome> {
  const list = (Array.isArray(addresses) ? addresses : [addresses]).map((a) => a.trim().toLowerCase())
  await ctx.client.advance(0)
  const entries = await ctx.client.suppressed()
  const listed = new Set(entries.map((e) => e.address))
  const wrong = list.filter((address) => listed.has(address) !== want)
  const label = `${want ? 'expectSuppressed' : 'expectNotSuppressed'} ${list.join(', ')}`
  if (wrong.length === 0) return { label, problems: [] }
  const held = entries.map(
    (e) =>
      `    ${e.address}${e.expiresAt === undefined || e.expiresAt === null ? '' : ` (until ${new Date(e.expiresAt).toISOString()})`}`,
  )
  return {
    label,
    problems: [
      `${wrong.join(', ')} ${want ? 'is not' : 'is'} on the bounce list; it holds:`,
      ...(held.length ? held : ['    (nothing)']),
    ],
  }
}

export const expectSuppressedStep = ({ expectSuppressed }: { expectSuppressed: string | string[] }, ctx: StepContext) =>
  checkSuppression(expectSuppressed, true, ctx)
export const expectNotSuppressedStep = (
  { expectNotSuppressed }: { expectNotSuppressed: string | string[] },
  ctx: StepContext,
) => checkSuppression(expectNotSuppressed, false, ctx)
