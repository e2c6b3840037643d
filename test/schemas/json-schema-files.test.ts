import { readFileSync } from 'node:fs'
import { Ajv } from 'ajv'
import { describe, expect, it } from 'vitest'
import { jsonSchemaFiles } from '../../scripts/json-schema-files.js'
import { exampleConfig } from '../../src/cli/example-config.js'
import { parseJsonc } from '../../src/cli/parse-jsonc.js'

describe('committed JSON Schemas', () => {
  it.each(jsonSchemaFiles().map((f) => [f.path.split('/').at(-1)!, f] as const))(
    '%s matches the zod schema (run `npm run schemas` after changing it)',
    (_, { path, schema }) => {
      expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual(schema)
    },
  )
})

describe('webex-connect-emulator.schema.json', () => {
  const validate = new Ajv({ strict: false, allErrors: true }).compile(
    JSON.parse(readFileSync(jsonSchemaFiles()[0]!.path, 'utf8')),
  )

  it('accepts the example config `init` writes, so editors do not flag it', () => {
    expect(validate(parseJsonc(exampleConfig)), JSON.stringify(validate.errors)).toBe(true)
  })

  it('flags an unknown key and a wrong type, as the emulator would', () => {
    expect(validate({ colour: 'blue' })).toBe(false)
    expect(validate({ speed: 'fast' })).toBe(false)
  })
})
