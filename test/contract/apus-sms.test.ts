import { describe, expect, it } from 'vitest'
import { contractApp } from './support/contract-app.js'
import { load } from './support/corpus.js'

/**
 * seated/apus's Cisco adapter recorded three real exchanges with POST /v2/messages (ExVCR
 * cassettes, 2024-07-29): a 201, a 400 7041 on a +E.164 tenant, and a 401 for a bad key. Each is
 * replayed against the emulator byte for byte where the emulator can match it (ids and times aside).
 */
interface Cassette {
  request: { body: string; headers: Record<string, string>; url: string }
  response: { body: string; headers: Record<string, string>; status_code: number }
}

const cassette = (name: string): Cassette => load(`apus/apus-cassette-sms-${name}.json`).artefact[0]

/** The tenant the cassettes were recorded on: one service key, +E.164 on, a 30 TPS limit. */
const tenant = () =>
  contractApp({
    services: [{ id: 'apus', key: 'fake_service_key' }],
    sms: { e164: true },
    rateLimit: { perSecond: 30, perDay: 10_000_000 },
    // +01:00 all year (no summer time), the offset the recording shows.
    timeZone: 'Africa/Lagos',
  })

const replay = (app: ReturnType<typeof tenant>, { request }: Cassette) => {
  const path = new URL(request.url).pathname
  const { Accept, 'Content-Type': contentType, ...rest } = request.headers
  return app.post(path, request.body, { accept: Accept!, 'content-type': contentType!, ...rest })
}

describe("seated/apus's recorded SMS exchanges replay against the emulator", () => {
  it('201: the same keys in the same order, the same content type and rate and quota headers', async () => {
    const recorded = cassette('success-201')
    const app = tenant()
    const response = await replay(app, recorded)
    expect(response.status).toBe(recorded.response.status_code)
    const text = await response.text()
    const body = JSON.parse(text)
    const want = JSON.parse(recorded.response.body)
    expect(Object.keys(body)).toEqual(Object.keys(want))
    expect(body).toMatchObject({ correlationId: want.correlationId, status: want.status })
    // The tenant's local offset, with milliseconds, as recorded ("2024-07-30T00:37:36.041+01:00").
    expect(body.requestTimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+01:00$/)
    expect(response.headers.get('content-type')).toBe(recorded.response.headers['Content-Type'])
    expect(response.headers.get('x-rate-limit-limit')).toBe(recorded.response.headers['x-rate-limit-limit'])
    expect(response.headers.get('x-rate-limit-remaining')).toBe(recorded.response.headers['x-rate-limit-remaining'])
    expect(response.headers.get('x-quota-limit-limit')).toBe(recorded.response.headers['x-quota-limit-limit'])
    expect(response.headers.get('x-quota-limit-reset')).toMatch(/^\d{4}-\d\d-\d\dT00:00:00\.000Z$/)
    expect(Number(response.headers.get('content-length') ?? Buffer.byteLength(text))).toBe(Buffer.byteLength(text))
    await app.emulator.runUntilIdle()
    expect(app.emulator.message(body.messageId)).toMatchObject({
      channel: 'sms',
      recipients: [{ status: 'Delivered' }],
    })
  })

  it('400 7041: the recorded body byte for byte', async () => {
    const recorded = cassette('e164-failure-400')
    const response = await replay(tenant(), recorded)
    expect(response.status).toBe(400)
    expect(await response.text()).toBe(recorded.response.body)
    expect(response.headers.get('content-type')).toBe(recorded.response.headers['Content-Type'])
  })

  it('401: an empty body, checked before the number (the same number without "+" got 401, not 7041)', async () => {
    const recorded = cassette('invalid-key-401')
    const response = await replay(tenant(), recorded)
    expect(response.status).toBe(401)
    expect(await response.text()).toBe('')
  })
})
