import { describe, expect, it } from 'vitest'
import { runScenario } from '../../src/scenarios/index.js'
import { writeScenario } from '../support/scenario-file.js'

async function loadError(step: string): Promise<string | undefined> {
  const result = await runScenario(writeScenario(['name: union', 'steps:', `  - ${step}`]))
  expect(result.status).toBe('failed')
  return result.reason
}

describe('a step that takes one of several shapes, written wrong', () => {
  it('is explained by the shape of its type: an object expectWebhooks with a bad order names order', async () => {
    const reason = await loadError('expectWebhooks: { webhooks: [{ status: Submitted }], order: sideways }')
    expect(reason).toContain(
      'steps[0].expectWebhooks.order (line 3): Invalid option: expected one of "inOrder"|"anyOrder"',
    )
    expect(reason).not.toContain('expected array')
  })

  it('is explained by the shape its key names: an inject mo with two mistakes names both mo fields', async () => {
    const reason = await loadError('inject: { mo: { from: "+15550001", to: 12345 } }')
    expect(reason).toContain('steps[0].inject.mo.to (line 3): Invalid input: expected string, received number')
    expect(reason).toContain('steps[0].inject.mo.text (line 3): Invalid input: expected string, received undefined')
    expect(reason).not.toContain('email')
  })

  it('lists the event names, bare and <channel>.<kind>, for an inject of an event that does not exist', async () => {
    const reason = await loadError('inject: { moo: { from: "+15550001", text: hi } }')
    expect(reason).toMatch(
      /steps\[0\]\.inject \(line 3\): unknown key "moo"; expected one of: email, unsubscribe, .*\bmo\b.*sms\.mo, rcs\.mo/,
    )
  })

  it('says which types it takes when the value has none of them', async () => {
    expect(await loadError('advance: true')).toContain(
      'steps[0].advance (line 3): expected number or string, received boolean',
    )
  })
})
