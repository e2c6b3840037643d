/**
 * @module Matches a list of expected webhooks against what was posted — in order or in any order,
 * exactly or at least — and explains a mismatch as a diff: each expectation next to the webhook it
 * was paired with (or the closest one), field by field.
 */
import { describeMismatches, type Mismatch, show } from './match.js'
import { describeWebhook, matchWebhook, type WebhookView } from './webhook-view.js'

export interface WebhookCheck {
  webhooks: Array<Record<string, unknown>>
  order: 'inOrder' | 'anyOrder'
  count: 'exact' | 'atLeast'
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`

function closest(
  expected: Record<string, unknown>,
  candidates: readonly WebhookView[],
): { view: WebhookView; mismatches: Mismatch[] } | undefined {
  return candidates
    .map((view) => ({ view, mismatches: matchWebhook(expected, view) }))
    .sort((a, b) => a.mismatches.length - b.mismatches.length)[0]
}

function listActual(actual: readonly WebhookView[]): string[] {
  return [
    '  webhooks posted:',
    ...(actual.length === 0 ? ['    (none)'] : actual.map((view, i) => `    #${i + 1} ${describeWebhook(view)}`)),
  ]
}

function inOrderExact(expected: WebhookCheck['webhooks'], actual: readonly WebhookView[]): string[] {
  const pairs = Array.from({ length: Math.max(expected.length, actual.length) }, (_, i) => ({
    exp: expected[i],
    act: actual[i],
  }))
  const problems = pairs.map(({ exp, act }) => (exp && act ? matchWebhook(exp, act) : undefined))
  if (expected.length === actual.length && problems.every((p) => p?.length === 0)) return []
  const lines = [`expected ${plural(expected.length, 'webhook')} in this order, got ${actual.length}:`]
  pairs.forEach(({ exp, act }, i) => {
    const mismatches = problems[i]
    if (exp && act && mismatches?.length === 0) lines.push(`  ✓ #${i + 1} ${describeWebhook(act)}`)
    else if (exp && act)
      lines.push(
        `  ✗ #${i + 1} expected ${show(exp, 200)}`,
        `       got ${describeWebhook(act)}`,
        ...describeMismatches(mismatches!, '         '),
      )
    else if (exp) lines.push(`  ✗ #${i + 1} expected ${show(exp, 200)}`, '       got nothing')
    else lines.push(`  ✗ #${i + 1} unexpected ${describeWebhook(act!)}`)
  })
  return lines
}

function inOrderAtLeast(expected: WebhookCheck['webhooks'], actual: readonly WebhookView[]): string[] {
  const lines: string[] = []
  let next = 0
  for (const [k, exp] of expected.entries()) {
    const found = actual.findIndex((view, i) => i >= next && matchWebhook(exp, view).length === 0)
    if (found >= 0) {
      lines.push(`  ✓ expected #${k + 1} is webhook #${found + 1}: ${describeWebhook(actual[found]!)}`)
      next = found + 1
      continue
    }
    const near = closest(exp, actual.slice(next))
    lines.unshift(
      `expected these ${plural(expected.length, 'webhook')} in this order (others may come between); #${k + 1} was not found${next > 0 ? ` after webhook #${next}` : ''}:`,
    )
    lines.push(`  ✗ expected #${k + 1} ${show(exp, 200)}`)
    if (near)
      lines.push(`       closest ${describeWebhook(near.view)}`, ...describeMismatches(near.mismatches, '         '))
    return [...lines, ...listActual(actual)]
  }
  return []
}

/** Pairs expectations with distinct webhooks (augmenting paths), as many as possible. */
function pairUp(expected: WebhookCheck['webhooks'], actual: readonly WebhookView[]): Array<number | undefined> {
  const fits = expected.map((exp) => actual.map((view) => matchWebhook(exp, view).length === 0))
  const owner: Array<number | undefined> = actual.map(() => undefined)
  const tryAssign = (k: number, visited: Set<number>): boolean => {
    for (const [i, ok] of fits[k]!.entries()) {
      if (!ok || visited.has(i)) continue
      visited.add(i)
      if (owner[i] === undefined || tryAssign(owner[i]!, visited)) {
        owner[i] = k
        return true
      }
    }
    return false
  }
  for (const k of expected.keys()) tryAssign(k, new Set())
  return expected.map((_, k) => {
    const i = owner.indexOf(k)
    return i >= 0 ? i : undefined
  })
}

function anyOrder(expected: WebhookCheck['webhooks'], actual: readonly WebhookView[], exact: boolean): string[] {
  const pairing = pairUp(expected, actual)
  const used = new Set(pairing.filter((i) => i !== undefined))
  const extra = actual.filter((_, i) => !used.has(i))
  if (pairing.every((i) => i !== undefined) && (!exact || extra.length === 0)) return []
  const lines = [
    `expected ${exact ? '' : 'at least '}${plural(expected.length, 'webhook')} in any order, got ${actual.length}:`,
  ]
  for (const [k, i] of pairing.entries()) {
    if (i !== undefined) {
      lines.push(`  ✓ ${describeWebhook(actual[i]!)}`)
      continue
    }
    lines.push(`  ✗ expected ${show(expected[k], 200)}`)
    const near = closest(expected[k]!, extra)
    if (near)
      lines.push(`       closest ${describeWebhook(near.view)}`, ...describeMismatches(near.mismatches, '         '))
    else lines.push('       no webhook left to match it')
  }
  if (exact) for (const view of extra) lines.push(`  ✗ unexpected ${describeWebhook(view)}`)
  return lines
}

/** Diff lines explaining the mismatch; empty when the webhooks match. */
export function checkWebhooks({ webhooks, order, count }: WebhookCheck, actual: readonly WebhookView[]): string[] {
  if (order === 'anyOrder') return anyOrder(webhooks, actual, count === 'exact')
  return count === 'exact' ? inOrderExact(webhooks, actual) : inOrderAtLeast(webhooks, actual)
}
