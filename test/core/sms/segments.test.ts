import { describe, expect, it } from 'vitest'
import { pack, type SmsContentType, segmentsOf } from '../../../src/core/channels/sms/segments.js'
import { createRandom } from '../../../src/core/kernel/ids.js'

/**
 * The units read character by character (D-SMSLEN), the plainest way: the reference for the sizes.
 * Packing them into parts is the module's own `pack`, tested at the boundaries below.
 */
const basic = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
)
const extension = new Set('|^€{}[]~\\\f')

function reference(text: string, type: 'text' | 'unicode') {
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
