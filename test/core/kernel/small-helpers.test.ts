import { describe, expect, it } from 'vitest'
import { normaliseAddress, sameAddress } from '../../../src/core/kernel/addresses.js'
import { didYouMean } from '../../../src/core/kernel/did-you-mean.js'
import { IdempotencyKeys, idempotencyKeyPattern } from '../../../src/core/kernel/idempotency-keys.js'
import { testNumberOutcome } from '../../../src/core/kernel/test-numbers.js'
import { overBytes, utf8Length } from '../../../src/core/kernel/text-size.js'

// The kernel's small pure helpers on their own, at their edges.

describe('did you mean', () => {
  const keys = ['verified', 'sandbox', 'suppression', 'unsubscribes', 'to', 'cc']

  it('suggests the closest known word, case-insensitively, within its edit budget', () => {
    expect(didYouMean('verfied', keys)).toBe(' (did you mean "verified"?)')
    expect(didYouMean('SANDBOX', keys)).toBe(' (did you mean "sandbox"?)')
    expect(didYouMean('supresion', keys)).toBe(' (did you mean "suppression"?)')
    // Three edits at most, however long the word.
    expect(didYouMean('unsbscrbs', keys)).toBe(' (did you mean "unsubscribes"?)')
    expect(didYouMean('unsbscrb', keys)).toBe('')
  })

  it('allows at most half the word’s length in edits (one for the shortest), so short words are not over-matched', () => {
    expect(didYouMean('tp', keys)).toBe(' (did you mean "to"?)')
    expect(didYouMean('xy', keys)).toBe('')
    expect(didYouMean('t', keys)).toBe(' (did you mean "to"?)')
    expect(didYouMean('sandbx', ['sandbox', 'sandbag'])).toBe(' (did you mean "sandbox"?)')
    expect(didYouMean('nothing-like-it', keys)).toBe('')
    expect(didYouMean('anything', [])).toBe('')
  })

  it('prefers the nearer of two candidates, and the first of two as near', () => {
    expect(didYouMean('cat', ['cart', 'cat'])).toBe(' (did you mean "cat"?)')
    expect(didYouMean('bat', ['cat', 'hat'])).toBe(' (did you mean "cat"?)')
    expect(didYouMean('bat', ['hat', 'cat'])).toBe(' (did you mean "hat"?)')
  })
})

describe('text size', () => {
  it('counts UTF-8 bytes as Buffer does, surrogate pairs and lone surrogates included', () => {
    for (const text of [
      '',
      'abc',
      'é',
      'ñandú',
      '€100',
      '日本語',
      '😀',
      'a😀b',
      '\ud83d',
      'x\ud83d',
      '\ude00x',
      '߿',
      'ࠀ',
    ])
      expect(utf8Length(text), JSON.stringify(text)).toBe(Buffer.byteLength(text, 'utf8'))
  })

  it('says whether text is over a byte limit, at the limit exactly', () => {
    expect(overBytes('abc', 3)).toBe(false)
    expect(overBytes('abcd', 3)).toBe(true)
    expect(overBytes('é', 2)).toBe(false)
    expect(overBytes('é', 1)).toBe(true)
    expect(overBytes('日本', 6)).toBe(false)
    expect(overBytes('日本', 5)).toBe(true)
    expect(overBytes('😀', 4)).toBe(false)
    expect(overBytes('😀', 3)).toBe(true)
  })
})

describe('addresses', () => {
  it('normalises by trimming and lower-casing', () => {
    expect(normaliseAddress('  Ann@X.Test ')).toBe('ann@x.test')
  })

  it('compares numbers by their digits and other addresses normalised', () => {
    expect(sameAddress('+44 7700 900123', '447700900123')).toBe(true)
    expect(sameAddress('+1 (202) 555-0102', '12025550102')).toBe(true)
    expect(sameAddress(' +447700900123 ', '+447700900124')).toBe(false)
    expect(sameAddress(' Ann@X.test', 'ann@x.TEST ')).toBe(true)
    // Not phone-like: compared as written, normalised (digits alone do not make it a number).
    expect(sameAddress('ann1@x.test', 'ann-1@x.test')).toBe(false)
    expect(sameAddress('abc123', 'ABC123')).toBe(true)
    expect(sameAddress('abc123', '123')).toBe(false)
  })
})

describe('test numbers', () => {
  const smsCode = (code: string) => ['7101', '7102', '7200', '7207'].includes(code)

  it('reads the UK drama range: a code, 501 submitted, 502 read, 528 click, 8NN slow, 9NN hold, else delivered', () => {
    expect(testNumberOutcome('+447700900102', smsCode)).toBe('fail-7102')
    expect(testNumberOutcome('07700900207', smsCode)).toBe('fail-7207')
    expect(testNumberOutcome('447700900501', smsCode)).toBe('submitted')
    expect(testNumberOutcome('+447700900502', smsCode)).toBe('read')
    expect(testNumberOutcome('+447700900528', smsCode)).toBe('click')
    expect(testNumberOutcome('+447700900801', smsCode)).toBe('slow')
    expect(testNumberOutcome('+447700900999', smsCode)).toBe('hold')
    expect(testNumberOutcome('+447700900001', smsCode)).toBe('delivered')
    expect(testNumberOutcome(' +447700900103 ', smsCode)).toBe('delivered')
  })

  it('reads the US 555-01NN block: 00–49 as 1NN, 50–99 as 2(NN−50)', () => {
    expect(testNumberOutcome('+12025550102', smsCode)).toBe('fail-7102')
    expect(testNumberOutcome('+12025550101', smsCode)).toBe('fail-7101')
    expect(testNumberOutcome('+12025550157', smsCode)).toBe('fail-7207')
    expect(testNumberOutcome('+12025550150', smsCode)).toBe('fail-7200')
    expect(testNumberOutcome('+12025550151', smsCode)).toBe('delivered')
    expect(testNumberOutcome('+12025550149', smsCode)).toBe('delivered')
  })

  it('leaves every other number alone, and numbers written with spaces or punctuation', () => {
    for (const number of [
      '+447700901102',
      '+4477009001020',
      '+12025550202',
      '+13025551102',
      '+44 7700 900102',
      'x447700900102',
    ])
      expect(testNumberOutcome(number, smsCode), number).toBeUndefined()
  })
})

describe('idempotency keys', () => {
  it('refuses a key used within the window, naming the message, and takes it again once the window has passed', () => {
    const keys = new IdempotencyKeys()
    keys.check('k1', 0, 3_600_000)
    keys.remember('k1', 'm1', 1_000)
    let refused: unknown
    try {
      keys.check('k1', 1_000 + 3_599_999, 3_600_000)
    } catch (error) {
      refused = error
    }
    expect(refused).toMatchObject({
      code: 'duplicate_request',
      message: 'Duplicate request',
      field: 'Idempotency-Key',
      detail: 'Idempotency-Key "k1" was used for message m1 less than 60 minutes ago',
    })
    expect(() => keys.check('k1', 1_000 + 3_600_000, 3_600_000)).not.toThrow()
    expect(() => keys.check('k2', 1_000, 3_600_000)).not.toThrow()
    // A key used again is remembered from its latest use; none given, nothing is checked or kept.
    keys.remember('k1', 'm2', 10_000_000)
    expect(() => keys.check('k1', 10_000_001, 3_600_000)).toThrow(
      expect.objectContaining({ detail: expect.stringContaining('message m2') }),
    )
    keys.remember(undefined, 'm3', 0)
    expect(() => keys.check(undefined, 0, 3_600_000)).not.toThrow()
    keys.clear()
    expect(() => keys.check('k1', 10_000_001, 3_600_000)).not.toThrow()
  })

  it('forgets the least recently used key first once it holds 100,000', () => {
    const keys = new IdempotencyKeys()
    keys.remember('first', 'm0', 0)
    for (let i = 1; i < 100_000; i++) keys.remember(`k${i}`, `m${i}`, 0)
    // Used again: now the newest, so the next key pushes out k1 instead.
    keys.remember('first', 'm0', 0)
    keys.remember('one-more', 'm', 0)
    expect(() => keys.check('first', 1, 60_000)).toThrow('Duplicate request')
    expect(() => keys.check('k2', 1, 60_000)).toThrow('Duplicate request')
    expect(() => keys.check('k1', 1, 60_000)).not.toThrow()
  })

  it('takes keys of 1–64 word characters, "=" and "-"', () => {
    expect(idempotencyKeyPattern.test('a')).toBe(true)
    expect(idempotencyKeyPattern.test(`${'a'.repeat(63)}=`)).toBe(true)
    expect(idempotencyKeyPattern.test('a'.repeat(65))).toBe(false)
    expect(idempotencyKeyPattern.test('')).toBe(false)
    expect(idempotencyKeyPattern.test('a b')).toBe(false)
    expect(idempotencyKeyPattern.test('ab_-=9')).toBe(true)
  })
})
