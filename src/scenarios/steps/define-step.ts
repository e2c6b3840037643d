/**
 * @module A scenario step kind, defined once: its schema (the step's shape in scenario files, from
 * which its type is inferred) and what running it does.
 */
import type { z } from 'zod'
import type { StepContext, StepOutcome } from './step-context.js'

export interface StepDefinition<S extends z.ZodType = z.ZodType> {
  schema: S
  /** Runs the step (its `${variables}` already substituted). */
  run(step: z.output<S>, ctx: StepContext): Promise<StepOutcome>
}

export function defineStep<S extends z.ZodType>(definition: StepDefinition<S>): StepDefinition<S> {
  return definition
}
