import { describe, expect, it } from 'vitest'
import { EmulatorError } from '../../../src/core/kernel/errors.js'
import {
  compileRules,
  type RuleChannel,
  type RuleConfig,
  ruleOutcome,
  ruleSchema,
} from '../../../src/core/kernel/rules.js'

// Two channels with their own match keys and outcome grammars, as the real ones declare them.
const email: RuleChannel = {
  name: 'email',
  ruleKeys: ['address', 'domain', 'glob', 'regex'],
  parseOutcome: (name) => (['deliver', 'bounce', 'complaint'].includes(name) ? `email:${name}` : undefined),
}
const sms: RuleChannel = {
  name: 'sms',
  ruleKeys: ['address', 'number', 'prefix', 'glob', 'regex'],
  parseOutcome: (name) => (['deliver', 'undeliverable'].includes(name) ? `sms:${name}` : undefined),
}
const channels = [email, sms]

const outcomeFor = (rules: RuleConfig[], channel: string, destination: string) =>
  ruleOutcome(compileRules(rules, channels).forChannel(channel), destination)

/** The EmulatorError compileRules throws for `rules`. */
function refusal(rules: RuleConfig[]): { code: string; field?: string; message: string } {
  try {
    compileRules(rules, channels)
  } catch (error) {
    expect(error).toBeInstanceOf(EmulatorError)
    const { code, field, message } = error as EmulatorError
    return { code, field, message }
  }
  throw new Error('compileRules accepted the rules')
}

describe('rule matching', () => {
  it('matches a glob: * any run (even none), ? exactly one character, case-insensitive', () => {
    const glob = (pattern: string, destination: string) =>
      outcomeFor([{ glob: pattern, outcome: 'bounce' }], 'email', destination) === 'email:bounce'
    expect(glob('spam*@*', 'spam@x.test')).toBe(true)
    expect(glob('spam*@*', 'SPAM-2@X.test')).toBe(true)
    expect(glob('spam*@*', 'nospam@x.test')).toBe(false)
    expect(glob('a?c@x.test', 'abc@x.test')).toBe(true)
    expect(glob('a?c@x.test', 'ac@x.test')).toBe(false)
    expect(glob('a?c@x.test', 'abbc@x.test')).toBe(false)
    expect(glob('*@x.test', 'ann@x.test.evil')).toBe(false)
    expect(glob('ann@x.test', 'ann@x.test2')).toBe(false)
    expect(glob('ann@x.test*', 'ann@x.test')).toBe(true)
    expect(glob('ann@x.test**', 'ann@x.test')).toBe(true)
    expect(glob('ann@x.test?', 'ann@x.test')).toBe(false)
    // The star has to give back characters more than once to find the match.
    expect(glob('*ab*ab', 'aabxabaab')).toBe(true)
    expect(glob('*ab*abc', 'aabxabaab')).toBe(false)
    expect(glob('a*b*c', 'axxbyyc')).toBe(true)
    expect(glob('a*b*c', 'axxcyyb')).toBe(false)
  })

  it('matches a glob with many stars without backtracking blow-up (a backtracking matcher hangs here)', () => {
    expect(outcomeFor([{ glob: '*a*a*a*a*a*a*a*a*b', outcome: 'bounce' }], 'email', 'a'.repeat(5_000))).toBeUndefined()
  })

  it('matches an address exactly, ignoring case and surrounding spaces', () => {
    const rules = [{ address: ' Ann@X.test ', outcome: 'bounce' }]
    expect(outcomeFor(rules, 'email', 'ann@x.TEST')).toBe('email:bounce')
    expect(outcomeFor(rules, 'email', 'ann@x.test.uk')).toBeUndefined()
    expect(outcomeFor(rules, 'email', 'joann@x.test')).toBeUndefined()
  })

  it('matches every address at a domain, with or without its @, and not its subdomains', () => {
    for (const domain of ['Full.test', '@full.test']) {
      const rules = [{ domain, outcome: 'bounce' }]
      expect(outcomeFor(rules, 'email', 'ann@FULL.test')).toBe('email:bounce')
      expect(outcomeFor(rules, 'email', 'ann@sub.full.test')).toBeUndefined()
      expect(outcomeFor(rules, 'email', 'ann@notfull.test')).toBeUndefined()
    }
  })

  it('matches a phone number digit for digit, and a prefix by its leading digits', () => {
    const number = [{ number: '+44 7700 900123', outcome: 'undeliverable' }]
    expect(outcomeFor(number, 'sms', '447700900123')).toBe('sms:undeliverable')
    expect(outcomeFor(number, 'sms', '+44 (7700) 900-123')).toBe('sms:undeliverable')
    expect(outcomeFor(number, 'sms', '4477009001234')).toBeUndefined()
    const prefix = [{ prefix: '+44 7700 900', outcome: 'undeliverable' }]
    expect(outcomeFor(prefix, 'sms', '+447700900999')).toBe('sms:undeliverable')
    expect(outcomeFor(prefix, 'sms', '+4477009')).toBeUndefined()
    expect(outcomeFor(prefix, 'sms', '+15550100')).toBeUndefined()
  })

  it('matches a regular expression case-insensitively', () => {
    const rules = [{ regex: '^old-\\d+@', outcome: 'bounce' }]
    expect(outcomeFor(rules, 'email', 'OLD-12@x.test')).toBe('email:bounce')
    expect(outcomeFor(rules, 'email', 'old-x@x.test')).toBeUndefined()
  })

  it('lets the first matching rule win, and leaves an unmatched destination to the default', () => {
    const rules = [
      { address: 'ann@x.test', outcome: 'complaint' },
      { domain: 'x.test', outcome: 'bounce' },
      { glob: '*', outcome: 'deliver' },
    ]
    expect(outcomeFor(rules, 'email', 'ann@x.test')).toBe('email:complaint')
    expect(outcomeFor(rules, 'email', 'bob@x.test')).toBe('email:bounce')
    expect(outcomeFor(rules, 'email', 'bob@y.test')).toBe('email:deliver')
    expect(outcomeFor(rules.slice(0, 2), 'email', 'bob@y.test')).toBeUndefined()
  })
})

describe('which channels a rule applies to', () => {
  it('gives a rule without a channel to every channel that takes its key and understands its outcome', () => {
    const book = compileRules(
      [
        { glob: '*', outcome: 'deliver' }, // both
        { domain: 'x.test', outcome: 'bounce' }, // email only: sms has no "domain"
        { regex: '.', outcome: 'undeliverable' }, // sms only: email has no such outcome
      ],
      channels,
    )
    expect(book.forChannel('email').map((r) => [r.source.outcome, r.outcome])).toEqual([
      ['deliver', 'email:deliver'],
      ['bounce', 'email:bounce'],
    ])
    expect(book.forChannel('sms').map((r) => [r.source.outcome, r.outcome])).toEqual([
      ['deliver', 'sms:deliver'],
      ['undeliverable', 'sms:undeliverable'],
    ])
    expect(book.forChannel('fax')).toEqual([])
    expect(book.sources.map((r) => r.outcome)).toEqual(['deliver', 'bounce', 'undeliverable'])
  })

  it("keeps a rule naming a channel to that channel's rules", () => {
    const book = compileRules([{ channel: 'sms', glob: '*', outcome: 'deliver' }], channels)
    expect(book.forChannel('sms')).toHaveLength(1)
    expect(book.forChannel('email')).toEqual([])
  })
})

describe('rules refused, naming the rule and the field', () => {
  it('refuses a channel that does not exist, listing the channels', () => {
    expect(
      refusal([
        { glob: '*', outcome: 'deliver' },
        { channel: 'fax', glob: '*', outcome: 'deliver' },
      ]),
    ).toEqual({
      code: 'invalid_config',
      field: 'rules[1].channel',
      message: 'rules[1].channel "fax" is not a channel: use "email", "sms"',
    })
  })

  it('refuses a match key no channel (or not the named one) takes, saying which keys each takes', () => {
    expect(refusal([{ channel: 'email', number: '+447700900123', outcome: 'deliver' }])).toEqual({
      code: 'invalid_config',
      field: 'rules[0].number',
      message: 'rules[0].number: the email channel matches on "number"; email takes address, domain, glob, regex',
    })
    expect(() => compileRules([{ number: '1', outcome: 'deliver' }], [email])).toThrow(
      'rules[0].number: no channel matches on "number"; email takes address, domain, glob, regex',
    )
  })

  it('refuses an outcome no candidate channel understands', () => {
    expect(refusal([{ glob: '*', outcome: 'explode' }])).toEqual({
      code: 'invalid_config',
      field: 'rules[0].outcome',
      message: 'rules[0].outcome "explode" is not an outcome (see "Outcomes" in the README)',
    })
    expect(refusal([{ channel: 'sms', glob: '*', outcome: 'bounce' }]).message).toBe(
      'rules[0].outcome "bounce" is not an outcome of the sms channel (see "Outcomes" in the README)',
    )
  })

  it('refuses a regular expression that does not compile', () => {
    const { code, field, message } = refusal([{ regex: '(unclosed', outcome: 'bounce' }])
    expect([code, field]).toEqual(['invalid_config', 'rules[0].regex'])
    expect(message).toMatch(/^rules\[0\]\.regex is not a valid regular expression: /)
  })

  it.each([
    '(a+)+',
    '^(a+)+$',
    '(\\w*)*',
    '(x{2,})+',
    '(x+){2,}',
    '((a+)b)+',
    '(a|b+)*',
    // A quantifier before an inner group still counts once that group closes.
    '(a+(b))+',
    // Multi-digit and bounded counts are quantifiers too.
    '(x+){10,}',
    '(x+){2,5}',
    '(x{10,})+',
    '(x{2,5})+',
    // A character class ends at its "]": what follows is read again.
    '[x](a+)+',
    // An alternation repeated, an optional or a range repeated by any count (found by a fuzzer:
    // "^(a|a)*$" held the server 95 s on a 33-character address).
    '^(a|a)*$',
    '^(a|aa)+$',
    '(ann|bob)+',
    '^(a+){10}$',
    '(a+){2}b{2,}',
    '^(a?){30}a{30}$',
    '(a?)+',
    '(?:a|b)*',
  ])('refuses %s, a repeated group that repeats or alternates inside', (regex) => {
    const { code, field, message } = refusal([{ regex, outcome: 'bounce' }])
    expect([code, field]).toEqual(['invalid_config', 'rules[0].regex'])
    expect(message).toMatch(/^rules\[0\]\.regex has a repeated group that holds a quantifier or an alternation/)
    expect(message).toContain('use "glob" or "domain"')
  })

  it.each(['^a*a*a*a*a*a*a*a*b$', '.*@.*\\..*\\..*', 'a+b+c{2,}d*'])(
    'refuses %s, more unbounded quantifiers than a send can afford',
    (regex) => {
      expect(refusal([{ regex, outcome: 'bounce' }]).message).toMatch(
        /^rules\[0\]\.regex has \d+ unbounded quantifiers \(\*, \+, \{n,\}\); at most 3,/,
      )
    },
  )

  it.each([
    '(ab)+',
    '(a+)',
    '(a+)b+',
    '(a{2})+',
    '\\(a+\\)+',
    '[(a+)]+',
    '(a)+(b+)',
    '(a{2})+b{2,}',
    '^old-\\d+@',
    '^(ann|bob)@x\\.test$',
    '.*@.*\\.test',
    'a+?b',
    // A "+" or "*" inside a character class is a literal, not a quantifier, however long the class.
    '(a[+])+',
    '(a[x+])+',
    // A quantifier before a group is not inside it.
    'a+(b)+',
  ])('takes %s (no repeated group repeating inside)', (regex) => {
    expect(outcomeFor([{ regex, outcome: 'bounce' }], 'email', 'zzz')).toBeUndefined()
  })
})

describe('the rule schema', () => {
  it('takes a rule with one match key and an outcome, each a non-empty string of any length', () => {
    for (const key of ['address', 'domain', 'number', 'prefix', 'glob', 'regex'])
      expect(ruleSchema.safeParse({ channel: 'email', [key]: 'long-enough-value', outcome: 'bounce' }).success).toBe(
        true,
      )
  })

  it.each(['channel', 'address', 'domain', 'number', 'prefix', 'glob', 'regex', 'outcome'])(
    'refuses an empty %s',
    (key) => {
      const rule = { glob: '*', outcome: 'bounce', [key]: '' }
      const result = ruleSchema.safeParse(rule)
      expect(result.success).toBe(false)
      expect(result.error?.issues.map((issue) => issue.path.join('.'))).toContain(key)
    },
  )

  it('refuses a rule with no match key, or with two, saying it takes exactly one', () => {
    const message = 'a rule matches on exactly one of "address", "domain", "number", "prefix", "glob", "regex"'
    for (const rule of [{ outcome: 'bounce' }, { glob: '*', regex: '.', outcome: 'bounce' }]) {
      const result = ruleSchema.safeParse(rule)
      expect(result.success).toBe(false)
      expect(result.error?.issues.map((issue) => issue.message)).toEqual([message])
    }
  })
})

describe('refusals that list every channel', () => {
  const fax: RuleChannel = { name: 'fax', ruleKeys: ['number'], parseOutcome: () => 'fax:any' }

  it('lists each candidate channel and its keys, separated by "; "', () => {
    expect(() => compileRules([{ domain: 'x.test', outcome: 'deliver' }], [sms, fax])).toThrow(
      'rules[0].domain: no channel matches on "domain"; sms takes address, number, prefix, glob, regex; fax takes number',
    )
  })

  it('says no channel takes a rule when there are no channels, rather than blaming a channel name', () => {
    expect(() => compileRules([{ glob: '*', outcome: 'deliver' }], [])).toThrow(
      'rules[0].glob: no channel matches on "glob"; ',
    )
  })
})
