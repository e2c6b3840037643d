import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runScenario } from '../../src/scenarios/index.js'

const root = join(import.meta.dirname, '../..')
const files = readdirSync(join(root, 'scenarios'))
  .filter((name) => name.endsWith('.yaml'))
  .map((name) => relative(root, join(root, 'scenarios', name)))

describe('the scenario library, in-process on virtual time', () => {
  it('has a scenario for each behaviour in the vendor documents', () => {
    expect(files.length).toBeGreaterThanOrEqual(15)
  })

  it('has SMS scenarios for delivery, each failure class, expiry, scheduling, click, MO and +E.164', () => {
    const sms = files
      .filter((file) => /sms-/.test(file))
      .map((file) => readFileSync(join(root, file), 'utf8'))
      .join('\n')
    const behaviours = {
      delivered: 'code: "7500"',
      'failed, invalid address': 'code: "7102"',
      'failed, invalid sender': 'code: "7101"',
      'failed, too long': 'code: "7107"',
      'un-delivered at the operator': 'code: "7207"',
      'un-delivered, DND': 'code: "7109"',
      'consent (contact policy)': 'code: "9002"',
      expired: 'code: "7208"',
      scheduled: 'sendAt:',
      clicked: 'code: "7528"',
      'MO with a keyword': 'keywords:',
      '+E.164 refusal': 'code: "7041"',
    }
    const missing = Object.entries(behaviours).filter(([, text]) => !sms.includes(text))
    expect(missing.map(([name]) => name)).toEqual([])
  })

  it.each(files)('%s passes', async (file) => {
    const result = await runScenario(join(root, file))
    expect(result.status, result.report).toBe('passed')
    expect(result.steps.length).toBeGreaterThan(0)
  })
})
