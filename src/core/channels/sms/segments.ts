/**
 * @module How many SMS parts a text takes, by the vendor's "SMS length and encoding" rules
 * (D-SMSLEN): GSM-7 carries 160 characters in one part and 153 per part once split (1→160, 2→306,
 * 3→459, …), the extension characters `| ^ € { } [ ] ~` (and `\` and form feed, GSM 03.38) cost two
 * and never straddle two parts; anything outside GSM-7 needs UCS-2: 70 in one part, 67 per part
 * once split (1→70, 2→134, 3→201, …), counted in UTF-16 units, a surrogate pair never split.
 */

const gsmBasic =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà'
const gsmExtension = '|^€{}[]~\\\f'

/**
 * Septets per UTF-16 unit: 1 in the basic table, 2 in the extension table, 0 outside GSM-7 (every
 * GSM-7 character is in the Basic Multilingual Plane, so a surrogate is never one). A table read
 * per unit rather than a Set lookup per character of `[...text]`: counting a 160-character text
 * took about 15 µs that way, most of an SMS send (bench/PROFILE.md).
 */
const gsmSeptets = new Uint8Array(0x10000)
for (const char of gsmBasic) gsmSeptets[char.charCodeAt(0)] = 1
for (const char of gsmExtension) gsmSeptets[char.charCodeAt(0)] = 2

const isHighSurrogate = (unit: number) => unit >= 0xd800 && unit <= 0xdbff
const isLowSurrogate = (unit: number) => unit >= 0xdc00 && unit <= 0xdfff

/** "GSM-7", "UCS-2", or "8-bit" (binary). */
type SmsEncoding = 'GSM-7' | 'UCS-2' | '8-bit'

/** How a request types its text: "flash" is GSM-7 text shown at once, "binary" hex octets (Send SMS API v1). */
export type SmsContentType = 'text' | 'unicode' | 'flash' | 'binary'

export interface Segmentation {
  encoding: SmsEncoding
  /** Parts the text is sent in (the receipts' `messageCount`); an empty text still takes one. */
  parts: number
  /** Characters as the encoding counts them (septets for GSM-7, UTF-16 units for UCS-2). */
  units: number
}

/** Whether every character of `text` is in the GSM-7 alphabet (basic or extension table). */
function isGsm7(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (gsmSeptets[text.charCodeAt(i)] === 0) return false
  return true
}

/**
 * Parts and units of `text`, its indivisible units never split across two parts (an extension
 * character's escape pair in GSM-7, a surrogate pair in UCS-2): one part up to `single` units, else
 * parts of up to `perPart`. Read unit by unit, with no array of sizes: an SMS send counts its text
 * once or twice, and the array was most of what counting allocated (bench/PROFILE.md).
 */
function pack(text: string, gsm: boolean, single: number, perPart: number): { parts: number; units: number } {
  let units = 0
  let parts = 1
  let used = 0
  for (let i = 0; i < text.length; i++) {
    let size = 1
    if (gsm) size = gsmSeptets[text.charCodeAt(i)]!
    else if (isHighSurrogate(text.charCodeAt(i)) && i + 1 < text.length && isLowSurrogate(text.charCodeAt(i + 1))) {
      size = 2
      i++
    }
    units += size
    if (used + size > perPart) {
      parts++
      used = 0
    }
    used += size
  }
  return { parts: units <= single ? 1 : parts, units }
}

/**
 * The encoding and part count of an SMS. `type: "unicode"` is sent as UCS-2; `type: "text"` as
 * GSM-7 when every character fits, else as UCS-2 (sms.nonGsmText "unicode").
 * @example
 * segmentsOf('Hello', 'text')          // { encoding: 'GSM-7', parts: 1, units: 5 }
 * segmentsOf('x'.repeat(161), 'text')  // { encoding: 'GSM-7', parts: 2, units: 161 }
 * segmentsOf('Grüße 👋', 'text')        // UCS-2 (👋 is outside GSM-7)
 */
/**
 * Whether a binary SMS body is hex octets: pairs of 0-9 and A-F, at least one, spaces allowed
 * between them (as segmentsOf counts them). D-MSGV1SMS: `body` is hex when type is 3.
 */
export const isHexOctets = (text: string): boolean => /^(?:[0-9a-fA-F]{2})+$/.test(text.replace(/\s/g, ''))

export function segmentsOf(text: string, type: SmsContentType): Segmentation {
  if (type === 'binary') {
    // Hex: two characters an octet; 140 octets in one part, 134 once split (a 6-octet header each).
    const units = Math.ceil(text.replace(/\s/g, '').length / 2)
    return { encoding: '8-bit', parts: units <= 140 ? 1 : Math.ceil(units / 134), units }
  }
  if ((type === 'text' || type === 'flash') && isGsm7(text)) {
    const { parts, units } = pack(text, true, 160, 153)
    return { encoding: 'GSM-7', parts, units }
  }
  const { parts, units } = pack(text, false, 70, 67)
  return { encoding: 'UCS-2', parts, units }
}
