import { describe, expect, it } from 'vitest'
import { type SmsContentType, segmentsOf } from '../../../src/core/channels/sms/segments.js'
import { createRandom } from '../../../src/core/kernel/ids.js'

/**
 * The units read character by character (D-SMSLEN), the plainest way, and packed into parts from a
 * list of their sizes: the reference the module's one-pass count is compared with.
 */
function pack(sizes: readonly number[], single: number, perPart: number): { parts: number; units: number } {
  const units = sizes.reduce((sum, n) => sum + n, 0)
  if (units <= single) return { parts: 1, units }
  let parts = 1
  let used = 0
  for (const size of sizes) {
    if (used + size > perPart) {
      parts++
      used = 0
    }
    used += size
  }
  return { parts, units }
}

const basic = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
)
const extension = new Set('|^€{}[]~\\\f')

function reference(text: string, type: 'text' | 'unicode' | 'binary') {
  if (type === 'binary') {
    const octets = Math.ceil(text.replace(/\s/g, '').length / 2)
    return {
      encoding: '8-bit',
      ...pack(
        Array.from({ length: octets }, () => 1),
        140,
        134,
      ),
    }
  }
  const chars = [...text]
  if (type === 'text' && chars.every((c) => basic.has(c) || extension.has(c)))
    return {
      encoding: 'GSM-7',
      ...pack(
        chars.map((c) => (extension.has(c) ? 2 : 1)),
        160,
        153,
      ),
    }
  return {
    encoding: 'UCS-2',
    ...pack(
      chars.map((c) => c.length),
      70,
      67,
    ),
  }
}

describe('SMS segments', () => {
  it('count parts and units as the per-character rules do, on random texts of every kind', () => {
    const random = createRandom(7)
    // GSM-7 basic and extension characters, other BMP text, emoji (surrogate pairs) and lone surrogates.
    const pools = [[...basic], [...extension], ['é', 'ß', 'ж', '中', 'ü'], ['👋', '🚀'], ['\ud800', '\udc00']]
    for (let run = 0; run < 3_000; run++) {
      const length = Math.floor(random() * 400)
      // Mostly GSM-7 texts (the common case), some with one odd character, some mixed throughout.
      const mix = random()
      let text = ''
      for (let i = 0; i < length; i++) {
        const pool = mix < 0.5 ? (random() < 0.9 ? 0 : 1) : Math.floor(random() * pools.length)
        const chars = pools[pool]!
        text += chars[Math.floor(random() * chars.length)]
      }
      for (const type of ['text', 'unicode'] satisfies SmsContentType[])
        expect(segmentsOf(text, type), `${type} ${JSON.stringify(text)}`).toEqual(reference(text, type))
      // Binary: hex octets, with the whitespace a request may carry between them.
      const hex = 'ab '.repeat(Math.floor(random() * 300)).slice(0, Math.floor(random() * 900))
      expect(segmentsOf(hex, 'binary'), `binary ${hex.length}`).toEqual(reference(hex, 'binary'))
    }
  })

  it('keeps an extension escape and a surrogate pair whole across a part boundary', () => {
    // 152 septets then '€' (2): the pair goes to the second part, as it would not fit in 153.
    expect(segmentsOf(`${'a'.repeat(152)}€${'a'.repeat(10)}`, 'text')).toEqual({
      encoding: 'GSM-7',
      parts: 2,
      units: 164,
    })
    expect(segmentsOf(`${'a'.repeat(66)}👋${'a'.repeat(10)}`, 'unicode')).toEqual({
      encoding: 'UCS-2',
      parts: 2,
      units: 78,
    })
    // A high surrogate with no low one after it is one unit.
    expect(segmentsOf('\ud800a', 'text')).toEqual({ encoding: 'UCS-2', parts: 1, units: 2 })
  })
})
