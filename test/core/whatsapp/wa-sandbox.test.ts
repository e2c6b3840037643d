import { describe, expect, it } from 'vitest'
import { sandboxV1Refusal } from '../../../src/core/apis/sandbox-v1-refusal.js'
import type { ReceiptContext } from '../../../src/core/channels/channel.js'
import {
  v1FromSandbox,
  waSandboxCallback,
  waSandboxSchema,
  waSandboxStatus,
} from '../../../src/core/channels/whatsapp/api-sandbox.js'
import type { WaMessage } from '../../../src/core/channels/whatsapp/record.js'
import { refusal } from '../../support/refusal.js'

// The sandbox WhatsApp API (`/v1/whatsapp/messages`, Cisco's SDKs) on its own: each content type
// read into the Messaging API v1 request the channel plans, its refusals, and the status it answers.

const parse = (body: Record<string, unknown>) => waSandboxSchema.parse({ from: 'a_1', to: '+14155550100', ...body })
const wa = (body: Record<string, unknown>) =>
  (v1FromSandbox(parse(body)).channels as { 'OTT-Messaging': { wa: Record<string, unknown> } })['OTT-Messaging'].wa

describe('WhatsApp sandbox: the request, read as a v1 one', () => {
  it('takes contentType in any case', () => {
    expect(parse({ contentType: 'text', content: 'Hi' }).contentType).toBe('TEXT')
    expect(waSandboxSchema.safeParse({ from: 'a', to: 'b', contentType: 'fax' }).success).toBe(false)
  })

  it('a text, with its preview flag; media with url, mime type, caption and file name', () => {
    expect(wa({ contentType: 'TEXT', content: 'Hi', previewUrl: true })).toEqual({
      type: 'text',
      text: { body: 'Hi', preview_url: true },
    })
    expect(
      wa({
        contentType: 'DOCUMENT',
        url: 'https://x.test/a.pdf',
        mimeType: 'application/pdf',
        caption: 'C',
        fileName: 'a.pdf',
      }),
    ).toEqual({
      type: 'document',
      document: { url: 'https://x.test/a.pdf', mimeType: 'application/pdf', caption: 'C', filename: 'a.pdf' },
    })
  })

  it('a location with its name and address (0, 0 when not given); contacts as given', () => {
    expect(
      wa({ contentType: 'LOCATION', latitude: 51.5, longitude: '-0.1', name: 'Office', address: '1 Road' }),
    ).toEqual({
      type: 'location',
      location: { latitude: 51.5, longitude: '-0.1', name: 'Office', address: '1 Road' },
    })
    expect(wa({ contentType: 'LOCATION' })).toMatchObject({ location: { latitude: 0, longitude: 0 } })
    const cards = [{ name: { formatted_name: 'Ann' } }]
    expect(wa({ contentType: 'CONTACTS', contacts: cards })).toEqual({ type: 'contacts', contacts: cards })
  })

  it('a template with its substitutions, given as an object or as one-key objects (the Node SDK sends both)', () => {
    const asArray = v1FromSandbox(
      parse({ contentType: 'TEMPLATE', templateId: 't1', substitutions: [{ name: 'Ann' }, { amt: '5' }] }),
    )
    expect(asArray.message).toEqual({ template: 't1', parameters: { name: 'Ann', amt: '5' } })
    const asObject = v1FromSandbox(parse({ contentType: 'TEMPLATE', templateId: 't1', substitutions: { name: 'Ann' } }))
    expect(asObject.message).toEqual({ template: 't1', parameters: { name: 'Ann' } })
    expect(v1FromSandbox(parse({ contentType: 'TEMPLATE', templateId: 't1' })).message?.parameters).toEqual({})
  })

  it('the envelope: app, user, correlation id, callback data and URL', () => {
    const request = v1FromSandbox(
      parse({
        contentType: 'TEXT',
        content: 'Hi',
        correlationId: 'c',
        callbackData: 'd',
        callbackUrl: 'https://cb.test/x',
      }),
    )
    expect(request).toMatchObject({
      deliverychannel: 'whatsapp',
      appid: 'a_1',
      destination: [{ waid: ['+14155550100'] }],
      correlationid: 'c',
      callbackData: 'd',
      notifyurl: 'https://cb.test/x',
    })
  })

  it('refuses what the content type needs and is missing, in the sandbox API’s words', () => {
    for (const [body, field] of [
      [{ contentType: 'TEXT' }, 'content'],
      [{ contentType: 'IMAGE' }, 'url'],
      [{ contentType: 'TEMPLATE' }, 'templateId'],
      [{ contentType: 'CONTACTS' }, 'contacts'],
    ] as const)
      expect(refusal(() => v1FromSandbox(parse(body)))).toMatchObject({
        code: 'missing_parameter',
        message: `Mandatory parameter missing -  : ${field}`,
        field,
      })
  })

  it('refuses an empty or blank one naming its own field, not the Messaging API v1 field it becomes ("body")', () => {
    for (const [body, field] of [
      [{ contentType: 'TEXT', content: '' }, 'content'],
      [{ contentType: 'TEXT', content: '  \t' }, 'content'],
      [{ contentType: 'IMAGE', url: '' }, 'url'],
      [{ contentType: 'IMAGE', url: ' ' }, 'url'],
      [{ contentType: 'TEMPLATE', templateId: ' ' }, 'templateId'],
      [{ contentType: 'CONTACTS', contacts: [] }, 'contacts'],
    ] as const)
      expect(refusal(() => v1FromSandbox(parse(body)))).toMatchObject({
        code: 'invalid_parameter',
        message: `Invalid parameter -  : ${field}`,
        field,
      })
  })

  it('tells a missing field from an invalid one when the schema refuses', () => {
    const refuse = (body: Record<string, unknown>) => {
      const parsed = waSandboxSchema.safeParse(body)
      return sandboxV1Refusal(body, parsed.error!.issues)
    }
    expect(refuse({ from: 'a', contentType: 'TEXT' })).toMatchObject({
      code: 'missing_parameter',
      message: 'Mandatory parameter missing -  : to',
      field: 'to',
    })
    expect(refuse({ from: 'a', to: 'b', contentType: 'FAX' })).toMatchObject({
      code: 'invalid_parameter',
      message: 'Invalid parameter -  : contentType',
      field: 'contentType',
    })
    expect(refuse({ from: 'a', to: 'b', contentType: 'LOCATION', latitude: 'abc', longitude: 1 })).toMatchObject({
      code: 'invalid_parameter',
      message: 'Invalid parameter -  : latitude',
      field: 'latitude',
    })
  })
})

describe('WhatsApp sandbox: the status answered', () => {
  const message = (
    receipts: Array<{ status: string; timeStamp: string; code?: string; description?: string }>,
    extra = {},
  ) =>
    ({
      messageId: 'm-1',
      requestTimestamp: 't0',
      appId: 'a_1',
      type: 'text',
      text: 'Hi',
      recipients: [{ address: '+14155550100', correlationId: 'c', receipts }],
      ...extra,
    }) as unknown as WaMessage

  it('QUEUED at the request’s time before any receipt; then the latest receipt’s status and time', () => {
    expect(waSandboxStatus(message([]))).toMatchObject({ status: 'QUEUED', statusTime: 't0', acceptedTime: 't0' })
    expect(
      waSandboxStatus(
        message([
          { status: 'Submitted', timeStamp: 't1' },
          { status: 'Delivered', timeStamp: 't2' },
        ]),
      ),
    ).toEqual({
      messageId: 'm-1',
      acceptedTime: 't0',
      from: 'a_1',
      to: '+14155550100',
      correlationId: 'c',
      status: 'DELIVERED',
      statusTime: 't2',
      contentType: 'TEXT',
      content: 'Hi',
      previewUrl: false,
    })
  })

  it('a template’s id and no content; a failure’s code and words', () => {
    const failed = waSandboxStatus(
      message([{ status: 'Failed', timeStamp: 't1', code: '7710', description: 'Outside the window' }], {
        type: 'template',
        templateId: 't1',
        text: '',
      }),
    )
    expect(failed).toMatchObject({
      status: 'FAILED',
      contentType: 'TEMPLATE',
      templateId: 't1',
      error: { code: '7710', message: 'Outside the window' },
    })
    expect(failed).not.toHaveProperty('content')
    expect(waSandboxStatus(message([]))).not.toHaveProperty('templateId')
  })
})

describe('WhatsApp sandbox: the status callback', () => {
  const callback = (status: string, code: string) =>
    waSandboxCallback({
      message: { messageId: 'm-1', callbackData: 'd' },
      recipient: { correlationId: 'c' },
      receipt: { status, code, description: 'Words', timeStamp: 't1' },
    } as unknown as ReceiptContext)

  it('says SENT, DELIVERED, READ or FAILED, with the error only when failed', () => {
    expect(callback('Submitted', '7501')).toEqual({
      messageId: 'm-1',
      statusTime: 't1',
      status: 'SENT',
      callbackData: 'd',
      correlationId: 'c',
    })
    expect(
      [callback('Delivered', '7500'), callback('Read', '7502')].map((c) => (c as { status: string }).status),
    ).toEqual(['DELIVERED', 'READ'])
    expect(callback('Failed', '7710')).toMatchObject({ status: 'FAILED', error: { code: '7710', message: 'Words' } })
  })
})
