/**
 * @module "Did you mean …?" for mistyped flags and commands: the closest known name by edit
 * distance, when it is close enough to be a typo (at most a third of the name, and 3, apart).
 */

/**
 * @example
 * closestName('--prot', ['--port', '--host']) // '--port'
 * closestName('--colour', ['--port'])          // undefined
 */
export function closestName(typed: string, known: readonly string[]): string | undefined {
  const limit = Math.min(3, Math.max(1, Math.floor(typed.length / 3)))
  let best: string | undefined
  let bestDistance = limit + 1
  for (const name of known) {
    const distance = editDistance(typed, name)
    if (distance < bestDistance) [best, bestDistance] = [name, distance]
  }
  return best
}

/** Levenshtein distance, with a swap of two neighbours counted as one edit ("--prot" → "--port"). */
function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  )
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let d = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2]![j - 2]! + 1)
      rows[i]![j] = d
    }
  }
  return rows[a.length]![b.length]!
}
