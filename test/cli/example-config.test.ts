import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { exampleConfig } from '../../src/cli/example-config.js'
import { initCommand } from '../../src/cli/init-command.js'
import { loadConfigFile } from '../../src/cli/load-config-file.js'
import { parseJsonc } from '../../src/cli/parse-jsonc.js'
import { configSchema } from '../../src/core/schemas/config.js'
import { createTestEmulator } from '../support/virtual-emulator.js'

const parsed = () => configSchema.parse(parseJsonc(exampleConfig))

describe('the example config `init` writes: the SMS slice', () => {
  it('is there, commented, and every value is the default (the file changes nothing by being written)', () => {
    expect(exampleConfig).toMatch(/^ {2}"sms": \{$/m)
    expect(exampleConfig).toMatch(/\/\/ .*"e164"|"\+E\.164 format"/)
    expect(parsed().sms).toEqual(configSchema.parse({}).sms)
  })

  it('names the SMS outcomes and keeps its SMS examples commented out', () => {
    expect(exampleConfig).toMatch(/SMS outcomes: delivered, slow, click, submitted/)
    expect(exampleConfig).toMatch(/^\s*\/\/ \{ "channel": "sms", "prefix": "\+44 7700 900", "outcome": "sim-full" \}$/m)
    expect(exampleConfig).toMatch(/^\s*\/\/ \{ "keyword": "STOP", "group": "marketing" \}/m)
    expect(parsed().rules.filter((r) => r.channel === 'sms')).toEqual([])
  })

  it('runs an SMS as documented in its comments: a number delivered, +447700900207 Un-Delivered 7207', async () => {
    const { emulator, sink } = createTestEmulator({
      ...(parseJsonc(exampleConfig) as object),
      $schema: undefined,
      webhooks: { targets: [{ url: 'http://app.test/hooks' }] },
    })
    emulator.send({
      channel: 'sms',
      from: 'SHOP',
      to: [{ msisdn: ['447911123456', '+447700900207'] }],
      content: { type: 'text', text: 'Hi' },
    })
    await emulator.runUntilIdle()
    const outcomes = sink.map((r) => {
      const info = r.payload.deliveryInfoNotification.deliveryInfo
      return `${info.destination} ${info.deliveryStatus} ${info.code}`
    })
    expect(outcomes).toEqual(expect.arrayContaining(['447911123456 Delivered 7500', '+447700900207 Un-Delivered 7207']))
  })
})

describe('init into a .yaml or .yml file', () => {
  it("writes YAML that start loads, with the JSONC example's values (it wrote JSONC, which failed to load as YAML)", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wce-init-yaml-'))
    for (const name of ['my.yaml', 'my.yml']) {
      const path = join(dir, name)
      const out = new PassThrough()
      expect(await initCommand([path], out)).toBe(0)
      const loaded = (await loadConfigFile(path)) as Record<string, unknown>
      const { $schema: _, ...values } = parseJsonc(exampleConfig) as Record<string, unknown>
      expect(loaded).toEqual(values)
      expect(configSchema.parse(loaded)).toEqual(configSchema.parse(values))
    }
  })
})
