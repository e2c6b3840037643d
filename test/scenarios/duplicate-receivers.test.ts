import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runScenario } from '../../src/scenarios/index.js'

describe('receivers', () => {
  it('refuses two receivers of one name, naming it and the line of the second', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'wce-receivers-')), 'twice.yaml')
    writeFileSync(
      file,
      [
        'name: twice',
        'receivers:',
        '  - { name: hooks }',
        '  - { name: other }',
        '  - { name: hooks, fail: { times: 1 } }',
        'steps:',
        '  - advance: 1s',
        '',
      ].join('\n'),
    )
    const result = await runScenario(file)
    expect(result.status).toBe('failed')
    expect(result.steps).toEqual([])
    expect(result.reason).toContain(
      'receivers[2].name (line 5): receiver "hooks" is named twice (receivers[0] too); give each receiver its own name',
    )
  })

  it('refuses a misspelt channel at load, naming the receiver and its line (it named webhooks.targets[0].channels[0])', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'wce-receivers-')), 'channel.yaml')
    writeFileSync(
      file,
      ['name: channel', 'receivers:', '  - { name: hooks, channels: [emial] }', 'steps:', '  - advance: 1s', ''].join(
        '\n',
      ),
    )
    const result = await runScenario(file)
    expect(result.status).toBe('failed')
    expect(result.steps).toEqual([])
    expect(result.reason).toContain('receivers[0].channels[0] (line 3): Invalid option: expected one of "email"')
  })
})
