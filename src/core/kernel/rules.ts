/**
 * @module Outcome rules from config or the control API: match a destination exactly, by the
 * domain of an address, phone number or prefix, a glob (`*`, `?`) or a regular expression, and name the outcome
 * in the channel's grammar. First match wins. A rule may name its `channel`; without one it applies
 * to every channel that takes its match key and understands its outcome.
 *
 * Globs are matched in linear time (no regular expression, so no backtracking: a glob with eight
 * stars once froze the server). User regexes that could backtrack catastrophically — a repeated
 * group holding a quantifier or an alternation (`(a+)+`, `(a|a)*`), or many unbounded quantifiers
 * (`a*a*a*a*b`) — are refused (see catastrophicShape).
 */
import { z } from 'zod'
import { normaliseAddress } from './addresses.js'
import { EmulatorError } from './errors.js'

/** How a rule picks destinations. */
const ruleMatchKeys = ['address', 'domain', 'number', 'prefix', 'glob', 'regex'] as const
/** One of `ruleMatchKeys`. */
export type RuleMatchKey = (typeof ruleMatchKeys)[number]

export const ruleSchema = z
  .strictObject({
    /** The channel it applies to (a channel definition's `name`); every channel that understands it when absent. */
    channel: z.string().min(1).optional(),
    /** An exact destination (case-insensitive). */
    address: z.string().min(1).optional(),
    /** Every address at a domain (`shop.test` matches `ann@shop.test`). */
    domain: z.string().min(1).optional(),
    /** An exact phone number, compared digit for digit ("+44 7700 900123" = "447700900123"). */
    number: z.string().min(1).optional(),
    /** Phone numbers starting with these digits (a country or range), e.g. "+44 7700 900". */
    prefix: z.string().min(1).optional(),
    /** `*` any run of characters, `?` one character; case-insensitive. */
    glob: z.string().min(1).optional(),
    /** A regular expression (case-insensitive); shapes that backtrack catastrophically, such as `(a+)+` or `(a|a)*`, are refused. */
    regex: z.string().min(1).optional(),
    /** The outcome, in the channel's grammar (see "Outcomes" in the README). */
    outcome: z.string().min(1),
  })
  .refine((rule) => ruleMatchKeys.filter((key) => rule[key] !== undefined).length === 1, {
    message: `a rule matches on exactly one of ${ruleMatchKeys.map((k) => `"${k}"`).join(', ')}`,
  })
export type RuleConfig = z.infer<typeof ruleSchema>

/** What the rule book needs to know of a channel. */
export interface RuleChannel {
  name: string
  ruleKeys: readonly RuleMatchKey[]
  parseOutcome(name: string): unknown
}

/** A rule, compiled for one channel: its matcher and its outcome in that channel's grammar. */
export interface CompiledRule {
  readonly source: RuleConfig
  matches(destination: string): boolean
  readonly outcome: unknown
}

/** The rules in match order, and each channel's share of them. */
export interface RuleBook {
  readonly sources: readonly RuleConfig[]
  forChannel(name: string): readonly CompiledRule[]
}

const digits = (text: string) => text.replace(/\D/g, '')

/** Glob match in O(text × pattern) without backtracking blow-up: the classic star-backtrack scan. */
function globMatches(pattern: string, text: string): boolean {
  const p = pattern.toLowerCase()
  const t = text.toLowerCase()
  let pi = 0
  let ti = 0
  let star = -1
  let resume = 0
  while (ti < t.length) {
    if (pi < p.length && (p[pi] === '?' || p[pi] === t[ti])) {
      pi++
      ti++
    } else if (pi < p.length && p[pi] === '*') {
      star = pi++
      resume = ti
    } else if (star >= 0) {
      pi = star + 1
      ti = ++resume
    } else {
      return false
    }
  }
  while (pi < p.length && p[pi] === '*') pi++
  return pi === p.length
}

/** At most this many unbounded quantifiers (`*`, `+`, `{n,}`) in a rule's regex: each one more multiplies the worst case by an address's length. */
const maxUnboundedQuantifiers = 3

/**
 * Why a rule's regex could take exponential or high polynomial time on some address, or undefined.
 * Rules match every send's addresses on the server's one thread, so a regex that backtracks
 * catastrophically would freeze the server (`^(a|a)*$` took 95 s on 33 characters). Refused: a
 * repeated group (`*`, `+`, `?`, `{…}` after it) holding a quantifier or an alternation (`(a+)+`,
 * `(a|aa)*`, `(a?){30}`, `(a+){10}`), and more than `maxUnboundedQuantifiers` unbounded
 * quantifiers (`a*a*a*a*b`). Conservative: some harmless regexes are refused too; "glob" and
 * "domain" cover the common cases.
 */
function catastrophicShape(source: string): string | undefined {
  // Per open group: whether what it holds so far repeats or alternates.
  const groups: boolean[] = []
  let risky = false
  let unbounded = 0
  let inClass = false
  const boundedRepeat = /^\{\d+(,\d*)?\}/
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!
    if (ch === '\\') {
      i++
      continue
    }
    if (inClass) {
      if (ch === ']') inClass = false
      continue
    }
    const previous = source[i - 1]
    if (ch === '[') inClass = true
    else if (ch === '(') {
      groups.push(risky)
      risky = false
    } else if (ch === ')') {
      const inner: boolean = risky
      risky = (groups.pop() ?? false) || inner
      const next = source[i + 1]
      const repeats =
        next === '+' || next === '*' || next === '?' || (next === '{' && boundedRepeat.test(source.slice(i + 1)))
      if (inner && repeats)
        return 'a repeated group that holds a quantifier or an alternation, like "(a+)+" or "(a|aa)*"'
    } else if (ch === '|') risky = true
    else if (ch === '*' || ch === '+' || (ch === '{' && /^\{\d+,\d*\}/.test(source.slice(i)))) {
      // An exact count ("{2}") repeats a fixed length, which cannot match two ways: not counted.
      risky = true
      if (ch !== '{' || /^\{\d+,\}/.test(source.slice(i))) unbounded++
    } else if (
      ch === '?' &&
      previous !== '(' &&
      previous !== '*' &&
      previous !== '+' &&
      previous !== '}' &&
      previous !== '?'
    ) {
      risky = true // a quantifier (not "(?", not a lazy "*?")
    }
  }
  if (unbounded > maxUnboundedQuantifiers)
    return `${unbounded} unbounded quantifiers (*, +, {n,}); at most ${maxUnboundedQuantifiers}`
  return undefined
}

function compileMatcher(rule: RuleConfig, field: string): (destination: string) => boolean {
  if (rule.address !== undefined) {
    const exact = normaliseAddress(rule.address)
    return (destination) => normaliseAddress(destination) === exact
  }
  if (rule.domain !== undefined) {
    const suffix = `@${normaliseAddress(rule.domain).replace(/^@/, '')}`
    return (destination) => normaliseAddress(destination).endsWith(suffix)
  }
  if (rule.number !== undefined) {
    const number = digits(rule.number)
    return (destination) => digits(destination) === number
  }
  if (rule.prefix !== undefined) {
    const prefix = digits(rule.prefix)
    return (destination) => digits(destination).startsWith(prefix)
  }
  if (rule.glob !== undefined) {
    const glob = rule.glob
    return (destination) => globMatches(glob, destination)
  }
  const source = rule.regex!
  const shape = catastrophicShape(source)
  if (shape !== undefined) {
    throw new EmulatorError(
      'invalid_config',
      `${field}.regex has ${shape}, which can take exponential or high polynomial time on some address and would stall the emulator; rewrite it, or use "glob" or "domain"`,
      `${field}.regex`,
    )
  }
  try {
    const regex = new RegExp(source, 'i')
    return (destination) => regex.test(destination)
  } catch (error) {
    throw new EmulatorError(
      'invalid_config',
      `${field}.regex is not a valid regular expression: ${(error as Error).message}`,
      `${field}.regex`,
    )
  }
}

const keyOf = (rule: RuleConfig): RuleMatchKey => ruleMatchKeys.find((key) => rule[key] !== undefined)!

/**
 * Compiles rules once for every channel they apply to; throws `invalid_config` naming the rule
 * whose channel, match key, outcome or regex is wrong.
 */
export function compileRules(rules: readonly RuleConfig[], channels: readonly RuleChannel[], path = 'rules'): RuleBook {
  const byChannel = new Map<string, CompiledRule[]>(channels.map((c) => [c.name, []]))
  for (const [index, rule] of rules.entries()) {
    const field = `${path}[${index}]`
    const key = keyOf(rule)
    const candidates = rule.channel === undefined ? channels : channels.filter((c) => c.name === rule.channel)
    if (rule.channel !== undefined && candidates.length === 0) {
      throw new EmulatorError(
        'invalid_config',
        `${field}.channel "${rule.channel}" is not a channel: use ${channels.map((c) => `"${c.name}"`).join(', ')}`,
        `${field}.channel`,
      )
    }
    const takers = candidates.filter((c) => c.ruleKeys.includes(key))
    if (takers.length === 0) {
      const who = rule.channel ? `the ${rule.channel} channel` : 'no channel'
      throw new EmulatorError(
        'invalid_config',
        `${field}.${key}: ${who} matches on "${key}"; ${candidates.map((c) => `${c.name} takes ${c.ruleKeys.join(', ')}`).join('; ')}`,
        `${field}.${key}`,
      )
    }
    const understood = takers.map((c) => [c, c.parseOutcome(rule.outcome)] as const).filter(([, o]) => o !== undefined)
    if (understood.length === 0) {
      throw new EmulatorError(
        'invalid_config',
        `${field}.outcome "${rule.outcome}" is not an outcome${rule.channel ? ` of the ${rule.channel} channel` : ''} (see "Outcomes" in the README)`,
        `${field}.outcome`,
      )
    }
    const matches = compileMatcher(rule, field)
    for (const [channel, outcome] of understood) byChannel.get(channel.name)!.push({ source: rule, matches, outcome })
  }
  return { sources: [...rules], forChannel: (name) => byChannel.get(name) ?? [] }
}

/** The outcome of the first rule matching a destination, if any. */
export function ruleOutcome(rules: readonly CompiledRule[], destination: string): unknown {
  return rules.find((rule) => rule.matches(destination))?.outcome
}
