import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { jsonSchemaFiles } from '../../scripts/json-schema-files.js'

describe('committed JSON Schemas', () => {
  it.each(jsonSchemaFiles().map((f) => [f.path.split('/').at(-1)!, f] as const))('%s matches the zod schema (run `npm run schemas` after changing it)', (_, { path, schema }) => {
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual(schema)
  })
})
