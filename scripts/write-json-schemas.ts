/**
 * Writes the JSON Schemas generated from the zod schemas (`npm run schemas`); a test fails when a
 * committed copy is stale.
 */
import { writeFileSync } from 'node:fs'
import { jsonSchemaFiles } from './json-schema-files.js'

for (const { path, schema } of jsonSchemaFiles()) {
  writeFileSync(path, `${JSON.stringify(schema, null, 2)}\n`)
  process.stdout.write(`wrote ${path}\n`)
}
