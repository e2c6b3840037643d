/**
 * @module Runs one step of whichever kind, after substituting its variables.
 */
import type { Step, StepKind } from '../schema.js'
import { httpStep } from './http-step.js'
import { injectStep } from './inject-step.js'
import { sendStep } from './send-step.js'
import { expectMessageStep, expectNotSuppressedStep, expectSuppressedStep } from './state-steps.js'
import type { StepContext, StepOutcome } from './step-context.js'
import { advanceStep, expectNoWebhooksStep, expectWebhooksStep } from './webhook-steps.js'

// biome-ignore lint/suspicious/noExplicitAny: each runner takes its own step type; the kind picks the runner
const steps: Record<StepKind, (step: any, ctx: StepContext) => Promise<StepOutcome>> = {
  send: sendStep,
  advance: advanceStep,
  expectWebhooks: expectWebhooksStep,
  expectNoWebhooks: expectNoWebhooksStep,
  expectMessage: expectMessageStep,
  expectSuppressed: expectSuppressedStep,
  expectNotSuppressed: expectNotSuppressedStep,
  inject: injectStep,
  http: httpStep,
}

export async function runStep(kind: StepKind, step: Step, ctx: StepContext): Promise<StepOutcome> {
  const outcome = await steps[kind](ctx.vars.interpolate(step), ctx)
  return step.name ? { ...outcome, label: `${String(ctx.vars.interpolate(step.name))} — ${outcome.label}` } : outcome
}
