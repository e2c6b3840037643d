import { request as httpRequest } from 'node:http'
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { describe, expect, it } from 'vitest'
import { createApp } from '../../src/http/create-app.js'
import { createEmulator } from '../../src/runtime/create-emulator.js'
import { contractApp } from './support/contract-app.js'
import { load } from './support/corpus.js'

/**
 * The Send SMS API v1 as its documentation (D-SMSV1, D-GETSMSV1), its sandbox spec and Cisco's SDKs
 * (Node's wire contract, Java's fixtures) pin it.
 */
const docs = load('vendor-docs/docs-send-sms-api-v1-samples.json').artefact
const getDocs = load('vendor-docs/docs-get-sms-api-v1-samples.json').artefact
const wire = load('cisco-sdk/sdkn-wire-contract-derived.json').artefact.requests
const javaRequest = load('cisco-sdk/sdkj-sms-send-request.json').artefact
const javaStatus = load('cisco-sdk/sdkj-sms-status-response-200.json').artefact

const docsRequest = {
  from: '12233445566',
  to: '+447700900001',
  content: 'SMS- $(sms_parameter1) API v1- $(sms_parameter2)',
  contentType: 'text',
  substitutions: { '{{sms_parameter1}}': 'one', '{{sms_parameter2}}': 'two' },
  dltTemplateId: '',
  shortenUrls: true,
  shortUrlDomain: 'https://www.domain.tld',
  trackShortUrlClicks: true,
  correlationId: '',
  callbackData: '',
  callbackUrl: 'https://app.test/callback',
  callbackUrlAuthId: '',
}

describe('Send SMS API v1 (POST /v1/sms/messages)', () => {
  it('takes the documented request: 202 with the documented keys and a Request-Id', async () => {
    const { post, emulator } = contractApp()
    const response = await post('/v1/sms/messages', docsRequest)
    expect(response.status).toBe(202)
    const body = await response.json()
    expect(Object.keys(body)).toEqual(Object.keys(docs['202 Success Code']))
    expect(response.headers.get('request-id')).toMatch(/^[0-9a-f-]{36}$/)
    expect(emulator.message(body.messageId)).toMatchObject({
      channel: 'sms',
      api: 'sms-v1',
      recipients: [{ address: '+447700900001' }],
    })
  })

  it('refuses in its own words: 400 "Invalid parameter -  : contentType", 403 "Authentication failed."', async () => {
    const { post } = contractApp({ services: [{ id: 's', key: 'right' }] })
    const bad = await post('/v1/sms/messages', { ...docsRequest, contentType: 'morse' }, { key: 'right' })
    expect(bad.status).toBe(400)
    expect(await bad.text()).toBe(JSON.stringify(docs['400 Invalid Parameter']))
    for (const headers of [{ key: 'wrong' }, { authorization: 'wrong' }, {}] as Record<string, string>[]) {
      const refused = await post('/v1/sms/messages', docsRequest, headers)
      expect(refused.status).toBe(403)
      expect(await refused.text()).toBe(JSON.stringify(docs['403 Forbidden']))
    }
    expect((await post('/v1/sms/messages', docsRequest, { authorization: 'right' })).status).toBe(202)
  })

  it('refuses "Authorization: Bearer " with no key after it (an unset variable) with 403, even when any key is taken', async () => {
    const { post } = contractApp()
    for (const authorization of ['Bearer ', 'Bearer', 'bearer   ']) {
      const refused = await post('/v1/sms/messages', docsRequest, { authorization })
      expect(refused.status).toBe(403)
      expect(await refused.text()).toBe(JSON.stringify(docs['403 Forbidden']))
    }
    expect((await post('/v1/sms/messages', docsRequest, { authorization: 'Bearer some-key' })).status).toBe(202)
  })

  it('refuses an empty or blank content with 7004 naming it (it was accepted, and an empty SMS delivered)', async () => {
    const { post, emulator } = contractApp()
    for (const contentType of ['text', 'template'])
      for (const content of ['', '   ', '\t']) {
        const refused = await post('/v1/sms/messages', { ...docsRequest, contentType, content })
        expect(refused.status).toBe(400)
        expect(await refused.json()).toEqual({ code: '7004', message: 'Invalid parameter -  : content' })
      }
    expect(emulator.messages()).toEqual([])
  })

  it('refuses an Idempotency-Key used within the hour (409), and takes it again after', async () => {
    const { post, emulator } = contractApp()
    const key = { key: 'k', 'idempotency-key': 'order-42' }
    const first = await post('/v1/sms/messages', docsRequest, key)
    expect(first.status).toBe(202)
    const again = await post('/v1/sms/messages', docsRequest, key)
    expect(again.status).toBe(409)
    expect(again.headers.get('x-emulator-detail')).toContain((await first.json()).messageId)
    expect((await post('/v1/sms/messages', docsRequest, { key: 'k', 'idempotency-key': 'bad key!' })).status).toBe(400)
    await emulator.advance(3_600_000)
    expect((await post('/v1/sms/messages', docsRequest, key)).status).toBe(202)
  })

  it('posts status callbacks to callbackUrl: SENT then DELIVERED, FAILED with its error', async () => {
    const { post, emulator, posted } = contractApp()
    await post('/v1/sms/messages', { ...docsRequest, correlationId: 'c-1', callbackData: 'cb' })
    await post('/v1/sms/messages', { ...docsRequest, to: '+447700900207' })
    await emulator.runUntilIdle()
    const callbacks = posted.filter((p) => p.url === 'https://app.test/callback').map((p) => p.payload)
    expect(callbacks.map((c) => c.status)).toEqual(['SENT', 'SENT', 'DELIVERED', 'FAILED'])
    expect(Object.keys(callbacks[0])).toEqual(['messageId', 'statusTime', 'status', 'callbackData', 'correlationId'])
    expect(callbacks[0]).toMatchObject({ callbackData: 'cb', correlationId: 'c-1' })
    expect(callbacks[3].error).toEqual({ code: '7207', message: 'Subscriber out of coverage area or not reachable' })
  })

  it('sends the delivery receipt to callbackUrl instead with sms.v1.callbackFormat "receipt"', async () => {
    const { post, emulator, posted } = contractApp({ sms: { v1: { callbackFormat: 'receipt' } } })
    await post('/v1/sms/messages', docsRequest)
    await emulator.runUntilIdle()
    const callback = posted.find((p) => p.url === 'https://app.test/callback')!.payload
    expect(callback.deliveryInfoNotification.deliveryInfo).toMatchObject({
      deliveryChannel: 'SMS',
      deliveryStatus: 'Submitted',
    })
  })

  it('answers GET /v1/sms/messages/{id} in the documented shape, QUEUED to DELIVERED; 404 empty for an unknown id', async () => {
    const { post, app, emulator } = contractApp()
    const { messageId } = await (await post('/v1/sms/messages', { ...docsRequest, sendAt: undefined })).json()
    const get = (id: string) => app.request(`/v1/sms/messages/${id}`, { headers: { authorization: 'service-key' } })
    expect(await (await get(messageId)).json()).toMatchObject({ status: 'QUEUED' })
    await emulator.advance(1)
    expect(await (await get(messageId)).json()).toMatchObject({ status: 'SENT' })
    await emulator.runUntilIdle()
    const body = await (await get(messageId)).json()
    expect(Object.keys(body)).toEqual(Object.keys(getDocs['200 Success']))
    expect(body).toMatchObject({
      messageId,
      status: 'DELIVERED',
      to: '+447700900001',
      contentType: 'text',
      from: '12233445566',
    })
    const missing = await get('00000000-0000-0000-0000-000000000000')
    expect(missing.status).toBe(404)
    expect(await missing.text()).toBe('')
  })

  it('names a missing parameter as missing, and refuses a body that is not an object with 400', async () => {
    const { post } = contractApp()
    const { to: _, ...noTo } = docsRequest
    const missing = await post('/v1/sms/messages', noTo)
    expect(missing.status).toBe(400)
    expect(await missing.json()).toEqual({ code: '7003', message: 'Mandatory parameter missing -  : to' })
    const invalid = await post('/v1/sms/messages', { ...docsRequest, to: 7 })
    expect(await invalid.json()).toEqual({ code: '7004', message: 'Invalid parameter -  : to' })
    for (const body of ['[]', 'null', '"text"']) {
      const refused = await post('/v1/sms/messages', body)
      expect(refused.status, body).toBe(400)
      expect((await refused.json()).code, body).toMatch(/^700[034]$/)
    }
  })

  it('fills in what a minimal request leaves out: text, empty correlationId and callbackData', async () => {
    const { post, app, emulator, posted } = contractApp()
    const minimal = { from: '12233445566', to: '+447700900001', content: 'Hi', callbackUrl: 'https://app.test/cb' }
    const accepted = await (await post('/v1/sms/messages', minimal)).json()
    expect(accepted.correlationId).toBe('')
    await emulator.runUntilIdle()
    const status = await (
      await app.request(`/v1/sms/messages/${accepted.messageId}`, { headers: { authorization: 'service-key' } })
    ).json()
    expect(status).toMatchObject({ contentType: 'text', content: 'Hi', correlationId: '', status: 'DELIVERED' })
    expect(status.error).toBeUndefined()
    const callbacks = posted.filter((p) => p.url === 'https://app.test/cb').map((p) => p.payload)
    expect(callbacks.map((c) => [c.status, c.callbackData, c.correlationId])).toEqual([
      ['SENT', '', ''],
      ['DELIVERED', '', ''],
    ])
    // statusTime is the latest status's time, after the acceptance.
    expect(status.statusTime).toBe(callbacks.at(-1).statusTime)
    expect(status.statusTime > status.acceptedTime).toBe(true)
  })

  it('answers GET for a failed message with FAILED and its error, as the Java SDK models it', async () => {
    const { post, app, emulator } = contractApp()
    const { messageId } = await (await post('/v1/sms/messages', { ...docsRequest, to: '+447700900207' })).json()
    await emulator.runUntilIdle()
    const status = await (
      await app.request(`/v1/sms/messages/${messageId}`, { headers: { authorization: 'service-key' } })
    ).json()
    expect(status).toMatchObject({
      status: 'FAILED',
      error: { code: '7207', message: 'Subscriber out of coverage area or not reachable' },
    })
    expect(Object.keys(status).at(-1)).toBe('error')
  })

  it("takes the Java SDK's request and echoes its upper-case contentType, as its status model parses", async () => {
    const { post, app, emulator } = contractApp({ sms: { templates: { tmpl_1: { text: 'Hi $(name)' } } } })
    // The Java SDK sends its API key as a Bearer token.
    const sent = await post('/v1/sms/messages', javaRequest, { authorization: 'Bearer service-key' })
    expect(sent.status).toBe(202)
    const { messageId } = await sent.json()
    const status = await (await app.request(`/v1/sms/messages/${messageId}`, { headers: { key: 'k' } })).json()
    expect(status.contentType).toBe(javaStatus.contentType)
    expect(status.status).toBe('QUEUED')
    await emulator.runUntilIdle()
    // Templates, as the SDKs send them: content is the template id.
    const template = await post('/v1/sms/messages', {
      from: '1',
      to: '+447700900001',
      content: 'tmpl_1',
      contentType: 'TEMPLATE',
    })
    expect(template.status).toBe(202)
    const unknown = await post('/v1/sms/messages', {
      from: '1',
      to: '+447700900001',
      content: 'nope',
      contentType: 'TEMPLATE',
    })
    expect(await unknown.json()).toEqual({ code: '7108', message: 'Invalid template ID' })
  })
})

describe("Cisco's Node SDK on the wire (connect-sdk-node, replayed: the package is not on the registry)", () => {
  it('takes its chunked POST with Bearer auth and Idempotency-Key, and its GET', async () => {
    const emulator = createEmulator({ clock: 'virtual', config: { seed: 3, serviceKeys: ['sdk-api-key'] } })
    const server = serve({
      fetch: createApp(emulator).fetch,
      port: 0,
      hostname: '127.0.0.1',
      overrideGlobalObjects: false,
    })
    await new Promise((resolve) => server.once('listening', resolve))
    const { port } = server.address() as AddressInfo
    const call = (method: string, path: string, headers: Record<string, string>, body?: string) =>
      new Promise<{ status: number; headers: Record<string, unknown>; text: string }>((resolve, reject) => {
        const req = httpRequest({ host: '127.0.0.1', port, method, path, headers }, (res) => {
          let text = ''
          res.setEncoding('utf8')
          res.on('data', (chunk) => (text += chunk))
          res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, text }))
        })
        req.on('error', reject)
        // As the SDK: req.write() without a Content-Length, so the body arrives chunked.
        if (body !== undefined) req.write(body)
        req.end()
      })
    try {
      const send = wire['sms.sendMessage']
      // The SDK's three headers; its bearer token is the API key.
      const headers = {
        'Idempotency-Key': '0f8a7a56-8d4b-4a4e-9a57-3d1b2e1c2b11',
        'Content-Type': 'application/json',
        Authorization: 'Bearer sdk-api-key',
      }
      const sent = await call(send.method, send.path, headers, JSON.stringify(send.body))
      expect(sent.status).toBe(202)
      expect(sent.headers['request-id']).toBeDefined()
      const body = JSON.parse(sent.text)
      expect(Object.keys(body)).toEqual(['acceptedTime', 'messageId', 'correlationId'])
      expect(body.correlationId).toBe('corId123')
      expect(emulator.message(body.messageId)).toMatchObject({
        text: 'Hello $(name)!',
        recipients: [{ messageCount: 1 }],
      })
      const again = await call('POST', send.path, headers, JSON.stringify(send.body))
      expect(again.status).toBe(409)
      expect(JSON.parse(again.text)).toHaveProperty('code')
      const status = await call('GET', `/v1/sms/messages/${body.messageId}`, {
        'Content-Type': 'application/json',
        Authorization: 'Bearer sdk-api-key',
      })
      expect(JSON.parse(status.text)).toMatchObject({
        messageId: body.messageId,
        status: 'QUEUED',
        contentType: 'TEXT',
      })
      const forbidden = await call('GET', `/v1/sms/messages/${body.messageId}`, { Authorization: 'Bearer another-key' })
      expect(forbidden.status).toBe(403)
      expect(JSON.parse(forbidden.text)).toEqual({ code: '7001', message: 'Authentication failed.' })
    } finally {
      await new Promise((resolve) => server.close(resolve))
    }
  })
})
