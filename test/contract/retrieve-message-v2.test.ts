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

  it.each([
    [
      'an email: its subject',
      {
        channel: 'email',
        from: 'me@x.test',
        to: [{ email: ['ann@x.test'] }],
        content: { type: 'text', subject: 'Hi', text: 'Hi' },
      },
      { toType: 'email', content: { subject: 'Hi' }, to: 'ann@x.test' },
    ],
    [
      'an MMS: a number, its subject',
      {
        channel: 'mms',
        from: '12345',
        to: [{ msisdn: ['+447700900123'] }],
        content: { subject: 'Sale', attachments: [{ type: 'text', messageText: 'Hello' }] },
      },
      { toType: 'msisdn', content: { subject: 'Sale' }, to: '+447700900123' },
    ],
    [
      'an RCS message: a number, its type and text',
      {
        channel: 'rcs',
        from: 'a_1570171',
        to: [{ msisdn: ['+447700900123'] }],
        content: { type: 'text', text: 'Your table is ready.' },
      },
      { toType: 'msisdn', content: { type: 'text', text: 'Your table is ready.' }, to: '+447700900123' },
    ],
  ])('answers %s, as its channel shows it', async (_name, request, expected) => {
    const { post, app, emulator } = contractApp({ services: [{ id: 's', key: 'k' }] })
    const sent = await post('/v2/messages', request, { key: 'k' })
    expect(sent.status).toBe(201)
    const { messageId } = await sent.json()
    await emulator.runUntilIdle()
    const body = await (await app.request(`/v2/messages/${messageId}`, { headers: { key: 'k' } })).json()
    expect(body).toMatchObject({ ...expected, channel: request.channel, messageId })
    expect(body).not.toHaveProperty('numSegments')
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
