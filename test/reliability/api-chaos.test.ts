import { describe, expect, it } from 'vitest'
import type { EmulatorConfigInput } from '../../src/core/schemas/config.js'
import { createApp } from '../../src/http/create-app.js'
import { createEmulator } from '../../src/runtime/create-emulator.js'

function appWith(config: EmulatorConfigInput = {}) {
  const emulator = createEmulator({
    clock: 'virtual',
    config: { seed: 3, ...config },
    transport: async () => ({ status: 200, latencyMs: 0 }),
  })
  // Slow answers wait on an injected wall clock: the test reads what was awaited instead of timing it.
  const waits: number[] = []
  const app = createApp(emulator, { wait: async (ms) => void waits.push(ms) })
  const send = () =>
    app.request('/v2/messages', {
      method: 'POST',
      headers: { 'content-type': 'application/json', key: 'k' },
      body: JSON.stringify({
        channel: 'email',
        from: 'a@b.test',
        to: [{ email: ['c@d.test'] }],
        content: { type: 'text', subject: 's', text: 't' },
      }),
    })
  const control = (method: string, path: string, body?: unknown) =>
    app.request(
      `/_emulator${path}`,
      body === undefined
        ? { method }
        : { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
    )
  return { emulator, app, send, control, waits }
}

describe('API chaos on POST /v2/messages', () => {
  it('injects 5xx answers at chaos.errorRate, accepting nothing for them', async () => {
    const { send, emulator } = appWith({ chaos: { errorRate: 1, errorStatus: 502 } })
    const response = await send()
    expect(response.status).toBe(502)
    expect(await response.json()).toMatchObject({ code: '502', message: expect.stringContaining('chaos.errorRate') })
    expect(emulator.messages()).toHaveLength(0)
  })

  it('answers slowly at chaos.slowRate, holding the answer for chaos.slowMs', async () => {
    const { send, waits } = appWith({ chaos: { slowRate: 1, slowMs: 150 } })
    expect((await send()).status).toBe(201)
    expect((await send()).status).toBe(201)
    expect(waits).toEqual([150, 150])
  })

  it('answers at once when no request draws a slow answer', async () => {
    const { send, waits } = appWith({ chaos: { errorRate: 1 } })
    expect((await send()).status).toBe(503)
    expect(waits).toEqual([])
  })

  it('is seeded: the same seed fails the same requests', async () => {
    const statuses = async (seed: number) => {
      const { send } = appWith({ seed, chaos: { errorRate: 0.5 } })
      const out = []
      for (let i = 0; i < 24; i++) out.push((await send()).status)
      return out.join(',')
    }
    const first = await statuses(21)
    expect(await statuses(21)).toBe(first)
    expect(first).toContain('503')
    expect(first).toContain('201')
  })

  it('can be set, read and cleared through /_emulator/chaos, with counts', async () => {
    const { send, control } = appWith()
    expect((await control('PUT', '/chaos', { errorRate: 1 })).status).toBe(200)
    expect((await send()).status).toBe(503)
    expect(await (await control('GET', '/chaos')).json()).toMatchObject({
      chaos: { errorRate: 1 },
      counts: { requests: 1, errors: 1 },
    })
    expect((await control('PUT', '/chaos', { errorRate: 2 })).status).toBe(400)
    expect((await control('DELETE', '/chaos')).status).toBe(204)
    expect((await send()).status).toBe(201)
  })
})

describe('webhook faults through /_emulator/webhooks/targets/:id/faults', () => {
  it("sets, reads and clears a target's faults, and refuses bad ones", async () => {
    const { control, send, emulator } = appWith({
      webhooks: { targets: [{ url: 'http://app.test/hooks', events: ['submitted'] }] },
    })
    const put = await control('PUT', '/webhooks/targets/t1/faults', { duplicate: true })
    expect(put.status).toBe(200)
    expect((await put.json()).faults).toMatchObject({ duplicate: true, reorder: 0 })
    await send()
    await emulator.runUntilIdle()
    expect(emulator.deliveries().map((d) => d.fault ?? 'original')).toEqual(['original', 'duplicate'])
    expect((await control('PUT', '/webhooks/targets/t1/faults', { duplicate: 3 })).status).toBe(400)
    expect((await control('PUT', '/webhooks/targets/t1/faults', { sometimes: true })).status).toBe(400)
    expect((await control('PUT', '/webhooks/targets/t9/faults', {})).status).toBe(404)
    expect((await control('DELETE', '/webhooks/targets/t1/faults')).status).toBe(204)
    expect(await (await control('GET', '/webhooks/targets/t1/faults')).json()).toEqual({ faults: null })
  })
})
