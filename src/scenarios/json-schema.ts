/**
 * @module The scenario schema as JSON Schema, for editors (scenarios/scenario.schema.json).
 * Input types: what people write (durations as "2s", optional defaults), not what zod yields.
 */
import { z } from 'zod'
import { scenarioFileSchema } from './schema.js'

/**
 * The scenario format as a draft-7 JSON Schema, for editors and other languages' validators
 * (`scenarios/scenario.schema.json` is this, written out).
 * @example
 * import { writeFile } from 'node:fs/promises'
 * import { buildScenarioJsonSchema } from 'webex-connect-emulator/scenarios'
 *
 * await writeFile('scenario.schema.json', JSON.stringify(buildScenarioJsonSchema(), null, 2))
 */
export function buildScenarioJsonSchema(): Record<string, unknown> {
  return {
    // Draft 7 is what editors' YAML and JSON language servers support best.
    ...z.toJSONSchema(scenarioFileSchema, { io: 'input', unrepresentable: 'any', target: 'draft-7' }),
    title: 'webex-connect-emulator scenario',
  }
}
