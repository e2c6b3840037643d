/**
 * @module Outcome rules from config or the control API: match an address exactly, a whole domain,
 * a glob (`*`, `?`) or a regular expression, and name the outcome. First match wins.
 */
import { EmulatorError } from '../../../kernel/errors.js'
import type { RuleConfig } from '../../../schemas/config.js'
import { type Outcome, parseOutcome } from './outcome.js'

export interface CompiledRule {
  readonly source: RuleConfig
  matches(address: string): boolean
  readonly outcome: Outcome
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

function globToRegex(glob: string): RegExp {
  return new RegExp(
    `^${glob
      .split('')
      .map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : escapeRegex(ch)))
      .join('')}$`,
    'i',
  )
}

function compileMatcher(rule: RuleConfig, field: string): (address: string) => boolean {
  if (rule.address !== undefined) {
    const exact = rule.address.toLowerCase()
    return (address) => address === exact
  }
  if (rule.domain !== undefined) {
    const suffix = `@${rule.domain.toLowerCase().replace(/^@/, '')}`
    return (address) => address.endsWith(suffix)
  }
  if (rule.glob !== undefined) {
    const regex = globToRegex(rule.glob)
    return (address) => regex.test(address)
  }
  try {
    const regex = new RegExp(rule.regex!, 'i')
    return (address) => regex.test(address)
  } catch (error) {
    throw new EmulatorError(
      'invalid_config',
      `${field}.regex is not a valid regular expression: ${(error as Error).message}`,
      `${field}.regex`,
    )
  }
}

/** Compiles rules once; throws `invalid_config` naming the rule whose outcome or regex is wrong. */
export function compileRules(rules: readonly RuleConfig[], path = 'rules'): CompiledRule[] {
  return rules.map((rule, index) => {
    const field = `${path}[${index}]`
    const outcome = parseOutcome(rule.outcome)
    if (!outcome)
      throw new EmulatorError(
        'invalid_config',
        `${field}.outcome "${rule.outcome}" is not an outcome (see "Outcomes" in the README)`,
        `${field}.outcome`,
      )
    return { source: rule, matches: compileMatcher(rule, field), outcome }
  })
}

/** The outcome of the first rule matching a (lower-case) address. */
export function ruleOutcome(rules: readonly CompiledRule[], address: string): Outcome | undefined {
  return rules.find((rule) => rule.matches(address))?.outcome
}
