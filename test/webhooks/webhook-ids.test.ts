import { writeFileSync } from 'node:fs'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { customRandom, urlAlphabet } from 'nanoid'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createRandom } from '../../src/core/kernel/ids.js'
import { createDeliveryIds } from '../../src/runtime/delivery-ids.js'
import { startCli } from '../support/cli.js'
import { postEmailSend } from '../support/email-send.js'
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js'

const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'

describe('delivery ids (Standard Webhooks webhook-id)', () => {
  it('repeat for the same seed within a process, so seeded runs stay reproducible', () => {
    const a = createDeliveryIds(42)
    const b = createDeliveryIds(42)
    const first = [a(), a(), a()]
    expect([b(), b(), b()]).toEqual(first)
    expect(new Set(first).size).toBe(3)
  })

  it("are d_, the salt, and nanoid's customRandom sequence on the seeded bytes", () => {
    for (const seed of [0, 42, 2026]) {
      const random = createRandom(seed ^ 0x1d_5eed)
      const reference = customRandom(urlAlphabet, 14, (size) =>
        Uint8Array.from({ length: size }, () => Math.floor(random() * 256)),
      )
      const ids = createDeliveryIds(seed, 'saltAAAA')
      for (let i = 0; i < 2_000; i++) expect(ids()).toBe(`d_saltAAAA${reference()}`)
    }
  })

  it('differ between processes (salts) even with the same seed', () => {
    const here = createDeliveryIds(42, 'saltAAAA')
    const there = createDeliveryIds(42, 'saltBBBB')
    const ours = new Set(Array.from({ length: 1_000 }, here))
    expect(Array.from({ length: 1_000 }, there).filter((id) => ours.has(id))).toEqual([])
  })

  it('never repeat within a process, across seeds, and are URL-safe', () => {
    const ids = [1, 2, 3].flatMap((seed) => Array.from({ length: 5_000 }, createDeliveryIds(seed)))
    expect(new Set(ids).size).toBe(ids.length)
    for (const id of ids.slice(0, 100)) expect(id).toMatch(/^d_[\w-]{22}$/)
  })

  describe('across restarts of the server', () => {
    let receiver: WebhookReceiver
    let config: string

    beforeAll(async () => {
      receiver = await startWebhookReceiver()
      config = join(await mkdtemp(join(tmpdir(), 'wce-ids-')), 'emulator.json')
      writeFileSync(
        config,
        JSON.stringify({ webhooks: { targets: [{ url: `${receiver.url}/h`, signingSecret: secret }] } }),
      )
    })
    afterAll(async () => {
      await receiver.close()
    })

    /** Starts the CLI with a fixed seed, sends one email, and returns the webhook-ids its receipts carried. */
    async function oneRun(): Promise<string[]> {
      const before = receiver.received.length
      const server = await startCli(['--seed', '7', '--speed', '1000', '--config', config])
      try {
        await postEmailSend(`${server.url}/v2/messages`)
        await receiver.waitFor((received) => received.length === before + 2, 10_000) // Submitted, Delivered
      } finally {
        server.child.kill('SIGTERM')
        await server.exited
      }
      return receiver.received.slice(before).map((r) => String(r.headers['webhook-id']))
    }

    it('gives a restarted emulator with the same seed webhook-ids the receiver has not seen', async () => {
      const first = await oneRun()
      const second = await oneRun()
      expect(new Set(first).size).toBe(2)
      expect(second.filter((id) => first.includes(id))).toEqual([])
    }, 60_000) // two starts of the CLI
  })
})
