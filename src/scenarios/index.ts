/**
 * @module webex-connect-emulator/scenarios — run scenario files ("send this, expect these webhooks,
 * move the clock") from code and tests, in-process on virtual time or against a running emulator;
 * define them in TypeScript; match, report and export their schema. Reference: docs/api.md.
 *
 * @example
 * import { expect, it } from 'vitest'
 * import { runScenario } from 'webex-connect-emulator/scenarios'
 *
 * it('the bounce scenario passes', async () => {
 *   const result = await runScenario('scenarios/already-bounced-and-expiry.yaml') // or { target, vars }
 *   expect(result.status, result.report).toBe('passed')
 * })
 */

// Defining and loading
export { defineScenario, validateScenario } from './define-scenario.js'
export { findScenarioFiles } from './find-scenario-files.js'
export { buildScenarioJsonSchema } from './json-schema.js'
export { loadScenarioFile, parseScenarioText } from './load-scenario-file.js'
export type { Mismatch } from './match.js'
// Matching and reporting
export { match, operators } from './match.js'
export { formatJUnit } from './reporters/junit.js'
export { formatScenarioResult, formatSummary } from './reporters/pretty.js'
export type { AssertScenarioOptions, RunScenarioOptions, ScenarioResult, StepResult } from './run-scenario.js'
// Running
export { assertScenarioPassed, runScenario } from './run-scenario.js'
export type {
  ReceiverSpec,
  Scenario,
  ScenarioInput,
  Step,
  StepKind,
  WebhookExpectation,
  WebhookField,
} from './schema.js'
export {
  receiverSchema,
  scenarioSchema,
  stepKinds,
  stepSchema,
  webhookExpectationSchema,
  webhookFields,
} from './schema.js'
