/**
 * @module Runs one step of whichever kind, after substituting its variables and checking it again:
 * the file's check let `${n}` through where a string or a duration goes, and `n` may be a number.
 */
import { describeIssues, validateStep } from '../define-scenario.js'
import type { Step, StepKind } from '../schema.js'
import { stepDefinitions } from './registry.js'
import type { StepContext, StepOutcome } from './step-context.js'

export async function runStep(kind: StepKind, step: Step, ctx: StepContext): Promise<StepOutcome> {
  const { step: checked, issues } = validateStep(kind, ctx.vars.interpolate(step))
  if (!checked) throw new Error(`with its variables substituted, this step is not valid:\n${describeIssues(issues)}`)
  const outcome = await stepDefinitions[kind]!.run(checked, ctx)
  return step.name ? { ...outcome, label: `${String(ctx.vars.interpolate(step.name))} — ${outcome.label}` } : outcome
}
