/**
 * @module Runs one step of whichever kind, after substituting its variables.
 */
import type { Step, StepKind } from '../schema.js'
import { stepDefinitions } from './registry.js'
import type { StepContext, StepOutcome } from './step-context.js'

export async function runStep(kind: StepKind, step: Step, ctx: StepContext): Promise<StepOutcome> {
  const outcome = await stepDefinitions[kind]!.run(ctx.vars.interpolate(step), ctx)
  return step.name ? { ...outcome, label: `${String(ctx.vars.interpolate(step.name))} — ${outcome.label}` } : outcome
}
