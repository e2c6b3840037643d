/**
 * The configuration page's full example is what people copy: it must parse as written, with every
 * key it shows taking effect (an unknown or misplaced key would be refused by name).
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseConfig } from '../../src/core/parse-config.js'
import { createEmulator } from '../../src/runtime/create-emulator.js'
import { configExamplePattern, listLimitsExamplePattern } from '../support/doc-blocks.js'

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
    expect(config.email.limits).toEqual({ maxSuppressed: 100_000, maxUnsubscribed: 100_000, maxVerified: 10_000 })
    expect(config.email.content.maxSubject).toBe(1000)
    expect(config.limits).toMatchObject({ maxRules: 1000, maxTargets: 100, maxConsentMembers: 100_000 })
  })

  it("has an SMS template whose placeholder a send's substitutions fill", () => {
    const config = JSON.parse(page.match(configExamplePattern)![1]!)
    const emulator = createEmulator({ clock: 'virtual', config })
    const parts = (code: string) => {
      const { messageId } = emulator.send({
        channel: 'sms',
        from: '88979',
        template: { id: 'otp' },
        substitutions: { code },
        to: [{ msisdn: ['+447700900123'] }],
      })
      return (emulator.message(messageId) as { recipients: Array<{ messageCount: number }> }).recipients[0]!
        .messageCount
    }
    // A 300-character code makes the filled text two parts or more; a placeholder left as written, one.
    expect(parts('1'.repeat(6))).toBe(1)
    expect(parts('1'.repeat(300))).toBeGreaterThan(1)
  })

  it('has a list-limits example that raises the caps it names', () => {
    const match = page.match(listLimitsExamplePattern)
    expect(match, 'no ```json block after <!-- list-limits-example -->').not.toBeNull()
    const config = JSON.parse(match![1]!)
    expect(parseConfig(config).email.limits.maxSuppressed).toBe(250_000)
    const rule = (n: number) => ({ domain: `d${n}.test`, outcome: 'bounce' })
    const raised = createEmulator({ clock: 'virtual', config })
    const defaults = createEmulator({ clock: 'virtual' })
    for (let n = 0; n < 1000; n++) {
      raised.addRule(rule(n))
      defaults.addRule(rule(n))
    }
    expect(() => defaults.addRule(rule(1000))).toThrow(/at most 1000 entries \(limits\.maxRules\)/)
    raised.addRule(rule(1000))
    expect(raised.rules()).toHaveLength(1001)
  })
})
