import { request as httpRequest } from 'node:http'
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { describe, expect, it } from 'vitest'
import { createApp } from '../../src/http/create-app.js'
import { createEmulator } from '../../src/runtime/create-emulator.js'
import { startWebhookReceiver } from '../support/webhook-receiver.js'
import { contractApp } from './support/contract-app.js'
import { load } from './support/corpus.js'

/**
 * The sandbox WhatsApp API as Cisco's SDKs call it. The Node SDK (connect-sdk-node) is not on the
 * registry reachable here (E404), so its wire contract — derived from its source — is replayed over
 * a real socket, chunked, with its three headers; the Java SDK's own fixtures are sent as they are.
 */
const wire = load('cisco-sdk/sdkn-wire-contract-derived.json').artefact.requests
const javaText = load('cisco-sdk/sdkj-whatsapp-send-text-request.json').artefact
const javaTemplate = load('cisco-sdk/sdkj-whatsapp-send-template-request.json').artefact
const javaStatus = load('cisco-sdk/sdkj-whatsapp-status-full-text.json').artefact

describe("Cisco's Node SDK on the wire: POST/GET /v1/whatsapp/messages (replayed: the package is not on the registry)", () => {
  it('takes its text, image and template messages (202, Request-Id), posts status callbacks and answers its GET', async () => {
    const receiver = await startWebhookReceiver()
    const emulator = createEmulator({
      clock: 'virtual',
      config: {
        seed: 4,
        serviceKeys: ['sdk-api-key'],
        whatsapp: { apps: ['a_123456789'], templates: { tmpl_1: { parameters: ['name', 'amt'] } } },
      },
    })
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
        if (body !== undefined) req.write(body) // no Content-Length: chunked, as the SDK sends it
        req.end()
      })
    const headers = (key: string) => ({
      'Idempotency-Key': key,
      'Content-Type': 'application/json',
      Authorization: 'Bearer sdk-api-key',
    })
    try {
      // The user wrote in first, so a session message may be sent.
      emulator.inject('whatsapp', 'whatsapp', { waid: '+14155550100', text: 'hi', appId: 'a_123456789' })
      const text = { ...wire['whatsapp.sendMessage(text)'].body, callbackUrl: `${receiver.url}/cb` }
      const sent = await call('POST', '/v1/whatsapp/messages', headers('k-1'), JSON.stringify(text))
      expect(sent.status).toBe(202)
      expect(sent.headers['request-id']).toBeDefined()
      const body = JSON.parse(sent.text)
      expect(Object.keys(body)).toEqual(['acceptedTime', 'messageId', 'correlationId'])
      expect(body.correlationId).toBe('corlId123')
      for (const name of ['whatsapp.sendMessage(image)', 'whatsapp.sendMessage(template)']) {
        // The SDK sends a fresh uuid v4 per message object.
        const key = name.replace(/\W/g, '-')
        const other = await call('POST', '/v1/whatsapp/messages', headers(key), JSON.stringify(wire[name].body))
        expect(other.status, `${name}: ${other.text}`).toBe(202)
      }
      const get = () =>
        call('GET', `/v1/whatsapp/messages/${body.messageId}`, {
          'Content-Type': 'application/json',
          Authorization: 'Bearer sdk-api-key',
        })
      expect(JSON.parse((await get()).text)).toMatchObject({
        status: 'QUEUED',
        contentType: 'TEXT',
        content: 'Hello $(name)!',
      })
      await emulator.runUntilIdle()
      const status = JSON.parse((await get()).text)
      expect(status).toMatchObject({
        messageId: body.messageId,
        status: 'READ',
        from: 'a_123456789',
        to: '+14155550100',
      })
      // The Java SDK's deserializer requires these (WhatsAppMsgStatusDeserializer).
      for (const key of ['messageId', 'from', 'to', 'status', 'acceptedTime', 'statusTime'])
        expect(status).toHaveProperty(key)
      const callbacks = await receiver.waitFor((all) => all.filter((r) => r.path === '/cb').length >= 3)
      const cb = callbacks.filter((r) => r.path === '/cb').map((r) => r.body)
      expect(cb.map((c) => c.status)).toEqual(['SENT', 'DELIVERED', 'READ'])
      expect(Object.keys(cb[0])).toEqual(['messageId', 'statusTime', 'status', 'callbackData', 'correlationId'])
      expect(cb[0]).toMatchObject({
        messageId: body.messageId,
        callbackData: 'id:123|title:testData',
        correlationId: 'corlId123',
      })
      const forbidden = await call(
        'POST',
        '/v1/whatsapp/messages',
        { ...headers('k-2'), Authorization: 'Bearer nope' },
        JSON.stringify(text),
      )
      expect(forbidden.status).toBe(403)
      expect(JSON.parse(forbidden.text)).toEqual({ code: '7001', message: 'Authentication failed.' })
      expect((await call('GET', '/v1/whatsapp/messages/unknown', { Authorization: 'Bearer sdk-api-key' })).status).toBe(
        404,
      )
    } finally {
      await new Promise((resolve) => server.close(resolve))
      await receiver.close()
    }
  })
})

describe('Idempotency-Key on POST /v1/whatsapp/messages, over real HTTP, as on /v1/sms/messages', () => {
  it('refuses a key used within the hour (409 naming the first message), takes it again after, and refuses a malformed key (400)', async () => {
    const emulator = createEmulator({
      clock: 'virtual',
      config: { serviceKeys: ['sdk-api-key'], whatsapp: { apps: ['a_123456789'], enforceWindow: false } },
    })
    const server = serve({
      fetch: createApp(emulator).fetch,
      port: 0,
      hostname: '127.0.0.1',
      overrideGlobalObjects: false,
    })
    await new Promise((resolve) => server.once('listening', resolve))
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    const send = (key: string, body = wire['whatsapp.sendMessage(text)'].body) =>
      fetch(`${base}/v1/whatsapp/messages`, {
        method: 'POST',
        headers: { 'Idempotency-Key': key, 'Content-Type': 'application/json', Authorization: 'Bearer sdk-api-key' },
        body: JSON.stringify(body),
      })
    try {
      const first = await send('order-42')
      expect(first.status).toBe(202)
      const { messageId } = await first.json()
      const again = await send('order-42', { ...wire['whatsapp.sendMessage(text)'].body, content: 'Another text' })
      expect(again.status).toBe(409)
      expect(await again.json()).toEqual({ code: '7004', message: 'Duplicate request' })
      expect(again.headers.get('x-emulator-detail')).toContain(messageId)
      expect((await send('other-key')).status).toBe(202)
      const malformed = await send('bad key!')
      expect(malformed.status).toBe(400)
      expect(await malformed.json()).toEqual({ code: '7004', message: 'Invalid parameter -  : Idempotency-Key' })
      await emulator.advance(3_600_000)
      expect((await send('order-42')).status).toBe(202)
    } finally {
      await new Promise((resolve) => server.close(resolve))
    }
  })
})

describe("Cisco's Java SDK fixtures on /v1/whatsapp/messages", () => {
  it('takes its text and template requests; a session message to a user who never wrote fails 7710, with the error in the status', async () => {
    const { post, app, emulator, posted } = contractApp({
      whatsapp: { templates: { templateId: { parameters: [] } } },
    })
    const text = await post('/v1/whatsapp/messages', javaText, { authorization: 'Bearer k' })
    expect(text.status).toBe(202)
    const template = await post('/v1/whatsapp/messages', javaTemplate, { authorization: 'Bearer k' })
    expect(template.status).toBe(202)
    await emulator.runUntilIdle()
    const { messageId } = await text.json()
    const status = await (await app.request(`/v1/whatsapp/messages/${messageId}`, { headers: { key: 'k' } })).json()
    expect(Object.keys(status).filter((k) => !(k in javaStatus))).toEqual(['previewUrl'])
    expect(status).toMatchObject({ status: 'FAILED', contentType: javaStatus.contentType, error: { code: '7710' } })
    const callback = posted.find(
      (p) => p.url === 'https://webhook.example.com' && p.payload.status === 'FAILED',
    )!.payload
    expect(callback.error).toEqual({ code: '7710', message: 'Re-engagement message' })
  })

  it('refuses in the SMS v1 words: 400 "Invalid parameter -  : contentType"', async () => {
    const { post } = contractApp()
    const bad = await post('/v1/whatsapp/messages', { ...javaText, contentType: 'FAX' })
    expect(bad.status).toBe(400)
    expect(await bad.json()).toEqual({ code: '7004', message: 'Invalid parameter -  : contentType' })
  })
})
