import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runScenario } from '../../src/scenarios/index.js'

describe('an http step', () => {
  it('refuses body and text together when the file loads (text was sent, body dropped without a word)', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'wce-http-body-')), 'both.yaml')
    writeFileSync(
      file,
      [
        'name: both',
        'steps:',
        '  - http: { method: post, url: /_emulator/health, body: { a: 1 }, text: "a=1" }',
        '',
      ].join('\n'),
    )
    const result = await runScenario(file)
    expect(result.status).toBe('failed')
    expect(result.steps).toEqual([])
    expect(result.reason).toContain('give body (sent as JSON) or text (sent as is), not both')
  })
})
