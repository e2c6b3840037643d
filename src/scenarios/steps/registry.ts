/**
 * @module Every step kind, once: its schema (a step's type is inferred from it) and its runner. The
 * scenario schema, the runner and the docs all read this table. Channel-specific steps (inbound
 * events, list checks) come from the channel definitions.
 */

import type { AnyChannel } from '../../core/channels/channel.js'
import { channels } from '../../core/channels/registry.js'
import type { StepDefinition } from './define-step.js'
import { httpStep } from './http-step.js'
import { injectStep } from './inject-step.js'
import { sendStep } from './send-step.js'
import { expectMessageStep, listSteps } from './state-steps.js'
import { advanceStep, expectNoWebhooksStep, expectWebhooksStep } from './webhook-steps.js'

const all = channels as readonly AnyChannel[]

/** Every step kind, in the order the docs list them. */
export const stepDefinitions: Record<string, StepDefinition> = {
  send: sendStep as StepDefinition,
  advance: advanceStep as StepDefinition,
  expectWebhooks: expectWebhooksStep as StepDefinition,
  expectNoWebhooks: expectNoWebhooksStep as StepDefinition,
  expectMessage: expectMessageStep as StepDefinition,
  ...listSteps(all),
  inject: injectStep(all) as StepDefinition,
  http: httpStep as StepDefinition,
}
