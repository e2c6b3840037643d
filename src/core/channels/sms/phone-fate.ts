/**
 * @module One number's fate on MMS or RCS, decided as on SMS: a rule, else a test number (the
 * phone grammar of numbers.ts read with the channel's codes), else the channel's default outcome;
 * then the contact-policy check the request asks for; then its lifecycle planned.
 */
import type { ContactPolicyFailure, ForcedVerdict } from '../../kernel/contact-policy.js'
import { ruleOutcome } from '../../kernel/rules.js'
import type { PlannedStep } from '../channel.js'
import {
  type ClickFacts,
  contactPolicyStep,
  type PhoneDelays,
  type PhoneLifecycleTable,
  planPhoneLifecycle,
} from './lifecycle.js'
import { testNumberOutcome } from './numbers.js'
import { describePhoneOutcome, type PhoneOutcome, playedOutcome } from './outcome.js'
import type { PhoneChannelState, PhoneConfig } from './phone-state.js'

export interface PhoneFateInput {
  number: string
  table: PhoneLifecycleTable
  parse(name: string): PhoneOutcome | undefined
  // biome-ignore lint/suspicious/noExplicitAny: any phone channel's state
  state: PhoneChannelState<PhoneConfig & Record<string, any>, string>
  contactPolicy(number: string, forced: ForcedVerdict | undefined): ContactPolicyFailure | undefined
  delays: PhoneDelays
  click: ClickFacts
  expiresIn: number | undefined
}

/** The fate (for the inspection API), the steps, and whether it waits for a manual action. */
export function decidePhoneFate(input: PhoneFateInput): { fate: string; steps: PlannedStep[]; held: boolean } {
  const { number, table, state } = input
  const fromRule = ruleOutcome(state.ctx.rules(), number) as PhoneOutcome | undefined
  const testName = fromRule ? undefined : testNumberOutcome(number, (code) => table.codes.has(code))
  const fromTest = testName === undefined ? undefined : input.parse(testName)
  const outcome = fromRule ?? fromTest ?? state.defaultOutcome
  const decidedBy = fromRule ? 'rule' : fromTest ? 'test number' : 'default'
  const failure = input.contactPolicy(number, outcome.kind === 'contact' ? outcome.verdict : undefined)
  if (failure)
    return { fate: `rejected (${failure.code})`, steps: [contactPolicyStep(failure, input.delays)], held: false }
  const playable = playedOutcome(outcome, state.defaultOutcome)
  const statusOf = (code: string) => table.codes.get(code)?.status ?? 'Failed'
  return {
    fate: `${describePhoneOutcome(playable, statusOf)} (${decidedBy})`,
    steps: planPhoneLifecycle(table, playable, input.delays, input.click, input.expiresIn, number),
    held: playable.kind === 'hold',
  }
}
