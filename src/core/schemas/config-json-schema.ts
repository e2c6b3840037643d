/**
 * @module The config file's JSON Schema, generated from the zod schema so the two cannot drift.
 * Committed as webex-connect-emulator.schema.json (`npm run schemas`) for editors' completion.
 */
import { z } from 'zod'
import { configFileSchema } from './config.js'

export function configJsonSchema(): Record<string, unknown> {
  return {
    // Draft 7 is what editors' JSON and YAML language servers support best.
    ...z.toJSONSchema(configFileSchema, { io: 'input', unrepresentable: 'any', target: 'draft-7' }),
    $id: 'https://unpkg.com/webex-connect-emulator/webex-connect-emulator.schema.json',
    title: 'webex-connect-emulator configuration',
  }
}
