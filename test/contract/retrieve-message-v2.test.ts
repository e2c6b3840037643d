import { describe, expect, it } from 'vitest'
import { contractApp } from './support/contract-app.js'
import { load } from './support/corpus.js'

/** GET /v2/messages/{id} (beta at the vendor): the shape of D-GETV2's example. */
const example = JSON.parse(
  load('vendor-docs/docs-get-sms-api-v1-samples.json').artefact['metadata api.results.codes'].find(
    (c: { status: number }) => c.status === 200,
  )?.code ?? 'null',
)

describe('GET /v2/messages/{messageId}', () => {
  it("answers an SMS with the example's keys, its part count and its first number's status", async () => {
    expect(example).toHaveProperty('numSegments')
    const { post, app, emulator } = contractApp({ services: [{ id: 's', key: 'k' }] })
    const sent = await post(
      '/v2/messages',
      {
        channel: 'sms',
        from: 'CONNCT',
        to: [{ msisdn: ['447500661610'] }],
        content: { type: 'text', text: 'Here is a message' },
        callbackData: '<notify data>',
        correlationId: 'sit',
        notifyUrl: 'https://app.test/dr',
        requestedReceipts: ['delivered'],
      },
      { key: 'k' },
    )
    const { messageId } = await sent.json()
    await emulator.runUntilIdle()
    const response = await app.request(`/v2/messages/${messageId}`, { headers: { key: 'k' } })
    expect(response.status).toBe(200)
    const body = await response.json()
    expect(Object.keys(body).sort()).toEqual(Object.keys(example).sort())
    expect(body).toMatchObject({
      channel: 'sms',
      toType: 'msisdn',
      numSegments: '1',
      version: '2.0',
      direction: 'outbound',
      status: 'Delivered',
      to: '447500661610',
      from: 'CONNCT',
      requestedReceipts: ['DELIVERED'],
    })
  })

  it('answers 401 and 404 with empty bodies', async () => {
    const { app } = contractApp({ services: [{ id: 's', key: 'k' }] })
    const unauthorised = await app.request('/v2/messages/x', { headers: { key: 'wrong' } })
    expect(unauthorised.status).toBe(401)
    expect(await unauthorised.text()).toBe('')
    const missing = await app.request('/v2/messages/x', { headers: { key: 'k' } })
    expect(missing.status).toBe(404)
    expect(await missing.text()).toBe('')
  })
})
