/**
 * @module "Did you mean …?" for a misspelt key or name: the closest known one within a small edit
 * distance, or nothing.
 */

/** Levenshtein distance, case-insensitive, with an early exit past `max`. */
function distance(a: string, b: string, max: number): number {
  const s = a.toLowerCase()
  const t = b.toLowerCase()
  if (Math.abs(s.length - t.length) > max) return max + 1
  let previous = Array.from({ length: t.length + 1 }, (_, j) => j)
  for (let i = 1; i <= s.length; i++) {
    const current = [i]
    let best = i
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost)
      best = Math.min(best, current[j]!)
    }
    if (best > max) return max + 1
    previous = current
  }
  return previous[t.length]!
}

/** The known word closest to `word` (at most 3 edits, and at most half its length), if any. */
function closest(word: string, known: readonly string[]): string | undefined {
  const max = Math.max(1, Math.min(3, Math.ceil(word.length / 2)))
  let best: string | undefined
  let bestDistance = max + 1
  for (const candidate of known) {
    const d = distance(word, candidate, max)
    if (d < bestDistance) [best, bestDistance] = [candidate, d]
  }
  return best
}

/** `; did you mean "verified"?` or "". */
export function didYouMean(word: string, known: readonly string[]): string {
  const suggestion = closest(word, known)
  return suggestion ? ` (did you mean "${suggestion}"?)` : ''
}
