/**
 * The committed JSON Schema files and what generates each.
 */
import { fileURLToPath } from 'node:url'
import { configJsonSchema } from '../src/core/schemas/config-json-schema.js'
import { buildScenarioJsonSchema } from '../src/scenarios/json-schema.js'

const root = (file: string) => fileURLToPath(new URL(`../${file}`, import.meta.url))

export function jsonSchemaFiles(): { path: string; schema: Record<string, unknown> }[] {
  return [
    { path: root('webex-connect-emulator.schema.json'), schema: configJsonSchema() },
    { path: root('scenarios/scenario.schema.json'), schema: buildScenarioJsonSchema() },
  ]
}
