/**
 * @module Outcome rules from config or the control API: match a destination exactly, by the
 * domain of an address, phone number or prefix, a glob (`*`, `?`) or a regular expression, and name the outcome
 * in the channel's grammar. First match wins. A rule may name its `channel`; without one it applies
 * to every channel that takes its match key and understands its outcome.
 *
 * Globs are matched in linear time (no regular expression, so no backtracking: a glob with eight
 * stars once froze the server). User regexes with nested quantifiers (`(a+)+`), the classic
 * catastrophic-backtracking shape, are refused.
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
    /** A regular expression (case-insensitive); nested quantifiers such as `(a+)+` are refused. */
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

/**
 * True when a group that repeats holds a quantifier itself (`(a+)+`, `(\w*)*`, `(x{2,})+`): the
 * shape behind catastrophic backtracking.
 */
function hasNestedQuantifier(source: string): boolean {
  const groups: boolean[] = []
  let quantifiedInside = false
  let inClass = false
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
    if (ch === '[') inClass = true
    else if (ch === '(') {
      groups.push(quantifiedInside)
      quantifiedInside = false
    } else if (ch === ')') {
      const inner: boolean = quantifiedInside
      quantifiedInside = groups.pop() ?? false
      const next = source[i + 1]
      const repeats = next === '+' || next === '*' || (next === '{' && /^\{\d*,\d*\}/.test(source.slice(i + 1)))
      if (inner && repeats) return true
      quantifiedInside ||= inner
    } else if (ch === '+' || ch === '*' || (ch === '{' && /^\{\d*,\d*\}/.test(source.slice(i)))) {
      quantifiedInside = true
    }
  }
  return false
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
  if (hasNestedQuantifier(source)) {
    throw new EmulatorError(
      'invalid_config',
      `${field}.regex has a nested quantifier (a repeated group that repeats inside, like "(a+)+"), which can take exponential time; rewrite it without one, or use "glob"`,
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
