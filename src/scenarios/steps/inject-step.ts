/**
 * @module `inject`: what the platform would push to the app — an incoming email (MO), an
 * Unsubscribe or a Subscribe — through POST /_emulator/inbound/{email,unsubscribe,subscribe}.
 * Unsubscribe and Subscribe also change the sender's unsubscribe list, as the vendor's do.
 */
import type { StepContext, StepOutcome } from './step-context.js'

type Inject =
  | { email: Record<string, unknown> }
  | { unsubscribe: Record<string, unknown> }
  | { subscribe: Record<string, unknown> }

export async function injectStep({ inject }: { inject: Inject }, ctx: StepContext): Promise<StepOutcome> {
  const [kind, input] = Object.entries(inject)[0] as ['email' | 'unsubscribe' | 'subscribe', Record<string, unknown>]
  const record = await ctx.client.inject(kind, input)
  if (typeof record.tid === 'string') ctx.vars.set('tid', record.tid)
  const label =
    kind === 'email'
      ? `inject email from ${String(input.from)} to ${String(input.to)}`
      : `inject ${kind} ${String(input.from)} ${kind === 'subscribe' ? 'to' : 'from'} ${String(input.senderId)}`
  return { label, problems: [] }
}
