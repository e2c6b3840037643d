/**
 * The configuration page's full example is what people copy: it must parse as written, with every
 * key it shows taking effect (an unknown or misplaced key would be refused by name).
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseConfig } from '../../src/core/parse-config.js'
import { configExamplePattern } from '../support/doc-blocks.js'

const page = readFileSync(join(import.meta.dirname, '../../docs/configuration.md'), 'utf8')

describe('docs/configuration.md', () => {
  it('has an example config that parses as written', () => {
    const match = page.match(configExamplePattern)
    expect(match, 'no ```json block after <!-- config-example -->').not.toBeNull()
    const config = parseConfig(JSON.parse(match![1]!))
    expect(config.email.sandbox.enabled).toBe(true)
    expect(config.sms.senders).toEqual(['88979', 'BRAND'])
    expect(config.rateLimit).toEqual({ perSecond: 30, perDay: 10_000_000, answer: 'gateway' })
    expect(config.timeZone).toBe('Asia/Kolkata')
  })
})
