import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

const coreDir = join(import.meta.dirname, '../../src/core')

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  )
}

/** The core is pure: no I/O, no timers, no wall clock, no ambient randomness (STYLE.md habit 1). */
const forbidden: Array<[RegExp, string]> = [
  [/from ['"](node:|hono|msw|@hono)/, 'imports an adapter library or a node: module'],
  [/\bprocess\./, 'reads process'],
  [/\bfetch\s*\(/, 'calls fetch'],
  [/\bDate\.now\s*\(/, 'reads the wall clock'],
  [/new Date\(\s*\)/, 'reads the wall clock'],
  [/\bset(Timeout|Interval|Immediate)\s*\(/, 'sets a timer'],
  [/\bMath\.random\s*\(/, 'uses ambient randomness'],
  [/\bcrypto\./, 'uses crypto'],
  [/\bconsole\./, 'logs'],
]

describe('architecture', () => {
  const files = sourceFiles(coreDir)

  it('finds the core sources', () => {
    expect(files.length).toBeGreaterThan(10)
  })

  it('keeps src/core free of I/O, timers and globals', () => {
    const violations = files.flatMap((file) => {
      const text = readFileSync(file, 'utf8')
      return forbidden.filter(([pattern]) => pattern.test(text)).map(([, why]) => `${relative(coreDir, file)} ${why}`)
    })
    expect(violations).toEqual([])
  })
})
