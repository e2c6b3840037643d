import { validate } from '@readme/openapi-parser'
import { describe, expect, it } from 'vitest'
import { controlApp } from './control-app.js'

async function openApi() {
  const { app, call } = controlApp()
  const { status, body } = await call('GET', '/_emulator/openapi.json')
  expect(status).toBe(200)
  return { app, doc: body }
}

describe('GET /_emulator/openapi.json', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const { doc } = await openApi()
    expect(doc.openapi).toBe('3.1.0')
    const result = await validate(structuredClone(doc))
    expect(result.valid ? [] : result.errors).toEqual([])
  })

  it('documents every route the app serves, with its method', async () => {
    const { app, doc } = await openApi()
    const served = app.routes
      .filter((route) => route.method !== 'ALL')
      .map((route) => `${route.method.toLowerCase()} ${route.path.replace(/:(\w+)/g, '{$1}')}`)
    const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => `${method} ${path}`),
    )
    expect([...new Set(served)].sort()).toEqual(documented.sort())
  })

  it('describes request bodies and query parameters from the zod schemas', async () => {
    const { doc } = await openApi()
    const action = doc.paths['/_emulator/messages/{messageId}/recipients/{address}/actions'].post
    expect(action.parameters.map((p: any) => [p.name, p.in])).toEqual([
      ['messageId', 'path'],
      ['address', 'path'],
    ])
    expect(JSON.stringify(action.requestBody.content['application/json'].schema)).toContain('"complain"')
    const list = doc.paths['/_emulator/messages'].get
    expect(list.parameters.map((p: any) => p.name)).toEqual([
      'channel',
      'recipient',
      'sender',
      'status',
      'since',
      'until',
      'limit',
      'cursor',
    ])
    // Every list takes ?channel=, the event stream too.
    for (const path of ['/_emulator/webhooks', '/_emulator/inbound', '/_emulator/events'])
      expect(
        doc.paths[path].get.parameters.map((p: any) => p.name),
        path,
      ).toContain('channel')
    // One request schema per channel, keyed by `channel`.
    const options = doc.paths['/v2/messages'].post.requestBody.content['application/json'].schema.anyOf
    expect(options.map((o: any) => o.properties.channel.enum)).toEqual([['email'], ['sms'], ['mms'], ['rcs']])
    for (const option of options) expect(option.properties).toHaveProperty('to')
  })

  it('describes every payload the emulator posts as webhooks', async () => {
    const { doc } = await openApi()
    expect(Object.keys(doc.webhooks).sort()).toEqual([
      'appleDeliveryReceipt',
      'appleInbound',
      'dataStreamInboundEmail',
      'dataStreamInboundRcs',
      'dataStreamInboundSms',
      'dataStreamReceipt',
      'dataStreamSubscriptionEvent',
      'deliveryReceipt',
      'inboundEmail',
      'inboundRcs',
      'inboundSms',
      'messengerDeliveryReceipt',
      'messengerInbound',
      'mmsDataStreamReceipt',
      'mmsDeliveryReceipt',
      'rcsDataStreamReceipt',
      'rcsDeliveryReceipt',
      'smsDataStreamReceipt',
      'smsDeliveryReceipt',
      'smsStatusCallback',
      'subscriptionEvent',
      'whatsappDeliveryReceipt',
      'whatsappInbound',
    ])
    const receipt = doc.webhooks.deliveryReceipt.post.requestBody.content['application/json'].schema
    expect(JSON.stringify(receipt)).toContain('"Description"')
    expect(JSON.stringify(receipt)).toContain('"correlationid"')
  })
})

describe('GET /_emulator/openapi.json: words', () => {
  it('gives every operation a summary and every answer a description, none of them blank or cut short', async () => {
    const { doc } = await openApi()
    const blank: string[] = []
    for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, any>>))
      for (const [method, op] of Object.entries(ops)) {
        if (!/\w$|[)"}\]]$/.test(op.summary ?? '')) blank.push(`${method} ${path}: summary "${op.summary}"`)
        for (const [status, answer] of Object.entries(op.responses as Record<string, any>))
          if (!answer.description?.trim()) blank.push(`${method} ${path} ${status}: no description`)
      }
    expect(blank).toEqual([])
    expect(doc.paths['/_emulator/rcs/settings'].get.summary).toBe("The tenant's RCS app ids")
    expect(doc.paths['/_emulator/mms/codes'].get.summary).toBe(
      'The MMS failure codes: code, description, Failed or Un-Delivered',
    )
    expect(doc.paths['/_emulator/sms/settings'].get.responses['200'].description).toBe('{ e164, senders }')
  })
})
