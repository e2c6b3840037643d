/**
 * @module Strings kept for long, made as small as V8 can hold them. Short ones are written as
 * character codes: ids and timestamps, a few on every send and kept with every message and
 * receipt. A caller keeps one array of codes, overwrites the ones that change and reads it back as
 * one flat string. V8 keeps a concatenation of 13 characters or more (a template, `+` or `+=`) as
 * a tree of its pieces, 32 bytes a node, until something reads it whole; a flat string of the same
 * text is the smallest it can be, and writing the codes took a third to two-thirds of the time of
 * joining pieces (bench/PROFILE.md). Longer ones made elsewhere (a webhook's body) are flattened
 * once, as they are kept (`flatten`).
 *
 * Every code written must be a small integer (`| 0` after arithmetic): one store of a number V8
 * holds as a double turns the array into an array of doubles for good, and `textOf` then boxes
 * every code — about 600 bytes a timestamp, measured.
 */

/** The UTF-16 code units of `text`, to overwrite in place and read back with `textOf`. */
export function codesOf(text: string): number[] {
  return Array.from({ length: text.length }, (_, i) => text.charCodeAt(i))
}

/** One flat string of `codes`. */
export function textOf(codes: readonly number[]): string {
  return String.fromCharCode.apply(null, codes as number[])
}

/**
 * `text`, made flat in place. `JSON.stringify` answers a body of a few hundred characters as a
 * rope of the pieces its builder wrote (32, 64, 128… characters), which V8 keeps as it is until
 * something reads it whole; a delivery keeps its body for as long as it is remembered. Converting a
 * string to a number makes V8 flatten it (and the garbage collector then drops the rope): a kept
 * receipt body of 357 characters holds 385 bytes instead of 529, measured (bench/PROFILE.md). The
 * conversion is not optimised away (checked under TurboFan); its NaN is thrown away.
 */
export function flatten(text: string): string {
  Number(text)
  return text
}
