import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { smsDataStreamReceiptSchema, smsWebhookReceiptSchema } from '../../../src/core/channels/sms/schemas/payloads.js'
import { shapeOf } from '../../support/seed-fixtures.js'
import { createTestEmulator } from '../../support/virtual-emulator.js'

const samples: Record<string, any> = JSON.parse(
  readFileSync(new URL('../../contract/fixtures/vendor-docs/sms-outbound-webhooks.json', import.meta.url), 'utf8'),
).samples

const sms = (to: string, extra: Record<string, unknown> = {}) => ({
  channel: 'sms',
  from: '88979',
  to: [{ msisdn: [to] }],
  content: { type: 'text', text: 'Your code is 123456. Details: https://brand.test/offer' },
  ...extra,
})

/** Every SMS receipt sample of D-SMSWH, produced by one send each. */
async function produce(style: 'full' | 'as-documented') {
  const { emulator, sink } = createTestEmulator({ receipts: { style }, sms: { senders: ['88979'] } })
  emulator.send(sms('+447700900001'))
  emulator.send(sms('+447700900102'))
  emulator.send(sms('+447700900207'))
  emulator.send(sms('+447700900528', { options: { shortenLinks: 'true', trackClicks: 'true' } }))
  emulator.send(sms('+447700900001', { from: 'UNKNOWN' }))
  emulator.send(sms('+447700900001', { content: { type: 'text', text: 'x'.repeat(4001) } }))
  await emulator.runUntilIdle()
  return sink.map((r) => r.payload)
}

const find = (payloads: any[], status: string, code?: string) =>
  payloads.find(
    (p) =>
      p.deliveryInfoNotification.deliveryInfo.deliveryStatus === status &&
      (code === undefined || p.deliveryInfoNotification.deliveryInfo.code === code),
  )

describe('SMS receipts, key for key as the vendor samples (D-SMSWH)', () => {
  const cases: Array<[sample: string, status: string, code?: string]> = [
    ['Delivered', 'Delivered'],
    ['Failed (sample 1)', 'Failed', '7101'],
    ['Failed (sample 3)', 'Failed', '7107'],
    ['Un-Delivered', 'Un-Delivered', '7207'],
    ['Clicked (only for v2)', 'Clicked'],
  ]

  it.each(cases)('as-documented: %s has the sample’s keys, in order', async (sample, status, code) => {
    const payload = find(await produce('as-documented'), status, code)
    expect(payload, `no ${status} receipt`).toBeDefined()
    expect(shapeOf(payload)).toEqual(shapeOf(samples[sample]))
    expect(JSON.stringify(Object.keys(payload.deliveryInfoNotification.deliveryInfo))).toBe(
      JSON.stringify(Object.keys(samples[sample].deliveryInfoNotification.deliveryInfo)),
    )
    expect(JSON.stringify(Object.keys(payload.deliveryInfoNotification))).toBe(
      JSON.stringify(Object.keys(samples[sample].deliveryInfoNotification)),
    )
  })

  it('as-documented: Submitted has the sample’s keys (no carrier, no messageCount) with its own code', async () => {
    const payload = find(await produce('as-documented'), 'Submitted')
    expect(shapeOf(payload)).toEqual(shapeOf(samples.Submitted))
    // The sample pairs Submitted with 7102 "Invalid address", a documentation slip: Submitted is 7501.
    expect(payload.deliveryInfoNotification.deliveryInfo).toMatchObject({ code: '7501', Description: 'Submitted' })
  })

  it('carries the values the samples show: SMS, msisdn, the part count, the carrier once the operator reported', async () => {
    const payloads = await produce('full')
    const delivered = find(payloads, 'Delivered')
    expect(delivered.deliveryInfoNotification).toMatchObject({
      deliveryInfo: {
        Description: 'Delivered',
        code: '7500',
        messageCount: '1',
        deliveryChannel: 'SMS',
        destination: '+447700900001',
        destinationType: 'msisdn',
      },
      carrier: 'USTMO',
      subtid: '',
      correlationid: '',
      callbackData: '',
    })
    expect(find(payloads, 'Failed', '7101').deliveryInfoNotification).toMatchObject({
      deliveryInfo: { Description: 'Invalid Sender ID' },
      carrier: '',
    })
    expect(find(payloads, 'Failed', '7107').deliveryInfoNotification.deliveryInfo).toMatchObject({
      Description: 'Message length exceeded',
      messageCount: '27',
    })
    expect(find(payloads, 'Un-Delivered').deliveryInfoNotification).toMatchObject({
      deliveryInfo: { code: '7207', Description: 'Subscriber out of coverage area or not reachable' },
      carrier: 'USTMO',
    })
    const clicked = find(payloads, 'Clicked').deliveryInfoNotification.deliveryInfo
    expect(clicked).toMatchObject({
      deliveryChannel: 'sms',
      code: '7528',
      Description: 'https://brand.test/offer|192.0.2.1',
    })
    expect(clicked.additionalInfo).toMatch(/^Mozilla\/5\.0/)
    expect(find(payloads, 'Failed', '7102').deliveryInfoNotification.deliveryInfo.Description).toBe('Invalid address')
  })

  it('full: every receipt has the whole envelope and a carrier; each passes the published schema', async () => {
    for (const payload of await produce('full')) {
      expect(payload.deliveryInfoNotification).toHaveProperty('subtid')
      expect(payload.deliveryInfoNotification).toHaveProperty('carrier')
      expect(smsWebhookReceiptSchema.safeParse(payload).success).toBe(true)
    }
  })

  it('data-stream receipts have the data-stream sample’s keys', async () => {
    const { emulator, sink } = createTestEmulator({
      receipts: { style: 'as-documented' },
      webhooks: { targets: [{ url: 'http://app.test/stream', format: 'datastream' }] },
    })
    emulator.send(sms('+447700900001'))
    await emulator.runUntilIdle()
    const submitted = sink.find((r) => r.payload.deliveryInfoNotification.deliveryInfo.deliveryStatus === 'Submitted')!
    const sample = samples['Data stream Submitted']
    expect(Object.keys(submitted.payload)).toEqual(['x-wx-gtrid', 'deliveryInfoNotification', 'dataIntegration'])
    expect(shapeOf(submitted.payload.deliveryInfoNotification)).toEqual(shapeOf(sample.deliveryInfoNotification))
    expect(Object.keys(submitted.payload.dataIntegration.context)).toEqual(
      Object.keys(sample.dataIntegration.context).filter((k) => k !== 'SMSSendNode'),
    )
    for (const r of sink) expect(smsDataStreamReceiptSchema.safeParse(r.payload).success).toBe(true)
  })
})
