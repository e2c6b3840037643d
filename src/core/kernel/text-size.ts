/**
 * @module How big text is: its UTF-8 bytes, as limits on the wire count them, and text cut to a
 * bound for keeping.
 */

/** UTF-8 bytes of `text`, without encoding it. */
export function utf8Length(text: string): number {
  let bytes = text.length
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code < 0x80) continue
    if (code < 0x800) bytes += 1
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      bytes += 2 // a surrogate pair: 2 UTF-16 units, 4 bytes
      i++
    } else bytes += 2
  }
  return bytes
}

/** Whether `text` is more than `maxBytes` of UTF-8 (cheap when it clearly is not). */
export function overBytes(text: string, maxBytes: number): boolean {
  if (text.length * 3 <= maxBytes) return false
  return text.length > maxBytes || utf8Length(text) > maxBytes
}
