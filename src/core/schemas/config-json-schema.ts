/**
 * @module The config file's JSON Schema, generated from the zod schema so the two cannot drift.
 * Committed as webex-connect-emulator.schema.json (`npm run schemas`) for editors' completion.
 */
import { z } from 'zod'
import { configSchema } from './config.js'

export function configJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(configSchema, { io: 'input', unrepresentable: 'any' }),
    $id: 'https://unpkg.com/webex-connect-emulator/webex-connect-emulator.schema.json',
    title: 'webex-connect-emulator configuration',
  }
}
