import { describe, expect, it } from 'vitest'
import { parseSmsOutcome, smsOutcomeNames } from '../../../src/core/channels/sms/grammar.js'
import { isE164, isRoutable } from '../../../src/core/channels/sms/numbers.js'

// What a phone number must look like, and the SMS outcome grammar's own defaults.

describe('phone numbers', () => {
  it('routes an optional "+" and 6 to 15 digits, spaces around it trimmed', () => {
    for (const number of ['123456', '+123456', '123456789012345', ' +447700900001 '])
      expect(isRoutable(number), number).toBe(true)
    for (const number of ['12345', '1234567890123456', '+44 7700 900001', '44-7700', '', '+', 'abc123456'])
      expect(isRoutable(number), number).toBe(false)
  })

  it('takes +E.164 as "+", a non-zero first digit and 7 to 15 digits in all', () => {
    for (const number of ['+1234567', '+447700900001', '+123456789012345', ' +447700900001 '])
      expect(isE164(number), number).toBe(true)
    for (const number of ['447700900001', '+0447700900', '+123456', '+1234567890123456', '+44 7700 900001'])
      expect(isE164(number), number).toBe(false)
  })
})

describe('the SMS outcome grammar', () => {
  it('fails with 7006 alone and is Un-Delivered with 7201 alone; reads SMS codes and short names', () => {
    expect(parseSmsOutcome('failed')).toEqual({ kind: 'failure', code: '7006' })
    expect(parseSmsOutcome('undelivered')).toEqual({ kind: 'failure', code: '7201' })
    expect(parseSmsOutcome('absent')).toEqual({ kind: 'failure', code: '7207' })
    expect(parseSmsOutcome('fail-7720')).toEqual({ kind: 'failure', code: '7720' })
    expect(parseSmsOutcome('fail-7999')).toBeUndefined()
    expect(smsOutcomeNames).toEqual(expect.arrayContaining(['delivered', 'fail-NNNN', 'absent', 'noconsent']))
  })
})
