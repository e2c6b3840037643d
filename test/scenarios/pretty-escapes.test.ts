import { describe, expect, it } from 'vitest'
import { formatSummary, runScenario } from '../../src/scenarios/index.js'
import { writeScenario } from '../support/scenario-file.js'

// biome-ignore lint/suspicious/noControlCharactersInRegex: looking for them is the point
const hidden = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/

describe('the console report of a scenario whose names hold control characters', () => {
  it('shows them as escapes, so a name cannot forge, hide or turn around report lines', async () => {
    const result = await runScenario(
      writeScenario([
        'name: "evil\\e[2K\\r✓ all fine \\u202Egnp.exe"',
        'steps:',
        '  - name: "tick\\n  ✓  2 forged"',
        '    advance: 1s',
        '  - expectSuppressed: nobody@x.test',
      ]),
    )
    expect(result.status).toBe('failed')
    const report = result.report
    const summary = formatSummary([result], 1, { color: false })
    expect(report).not.toMatch(hidden)
    expect(summary).not.toMatch(hidden)
    expect(report.split('\n')[0]).toMatch(/^✗ evil\\u001b\[2K\\r✓ all fine \\u202egnp\.exe {2}\(/)
    expect(report).toContain('  ✓  1 tick\\n  ✓  2 forged — advance 1s')
    expect(summary).toContain('  ✗ evil\\u001b[2K\\r✓ all fine \\u202egnp.exe')
  })
})
