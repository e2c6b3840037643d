/**
 * @module The scenario schema as JSON Schema, for editors (scenarios/scenario.schema.json).
 * Input types: what people write (durations as "2s", optional defaults), not what zod yields.
 */
import { z } from 'zod'
import { scenarioSchema } from './schema.js'

export function buildScenarioJsonSchema(): Record<string, unknown> {
  return {
    // Draft 7 is what editors' YAML and JSON language servers support best.
    ...z.toJSONSchema(scenarioSchema, { io: 'input', unrepresentable: 'any', target: 'draft-7' }),
    title: 'webex-connect-emulator scenario',
  }
}
