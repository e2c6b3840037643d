import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Ajv } from 'ajv'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'

const dir = join(import.meta.dirname, '../../scenarios')
const committed = readFileSync(join(dir, 'scenario.schema.json'), 'utf8')

describe('scenarios/scenario.schema.json', () => {
  it('accepts every shipped scenario, so editors do not flag them', () => {
    const validate = new Ajv({ strict: false, allErrors: true, validateFormats: false }).compile(JSON.parse(committed))
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.yaml'))
    expect(files.length).toBeGreaterThan(10)
    for (const file of files) {
      const valid = validate(parse(readFileSync(join(dir, file), 'utf8')))
      expect(valid, `${file}: ${JSON.stringify(validate.errors)}`).toBe(true)
    }
  })

  it('rejects a step that does not exist', () => {
    const validate = new Ajv({ strict: false, validateFormats: false }).compile(JSON.parse(committed))
    expect(validate({ name: 'x', steps: [{ sned: {} }] })).toBe(false)
  })
})
