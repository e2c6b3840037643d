import { beforeEach, describe, expect, it } from 'vitest'
import {
  dataStreamReceiptSchema,
  webhookReceiptSchema,
} from '../../src/core/channels/email/schemas/delivery-receipt.js'
import { dataStreamSeedExamples, shapeOf, webhookSeedExamples } from '../support/seed-fixtures.js'
import { createTestEmulator, emailTo } from '../support/virtual-emulator.js'

const seedOverLongAddress = 'tevskeran.dhedldtaggggggggggggggggggggggggghhhhhhhhhhhhhhhhhhh5df@domain.tld'

/** One recipient per seed example, named by the receipt it must produce. */
const recipients: Record<string, string> = {
  Submitted: 'destination@domain.tld',
  Delivered: 'destination@domain.tld',
  Read: 'reader+read@domain.tld',
  Clicked: 'clicker+click@domain.tld',
  'Not Verified': 'stranger@unverified.tld',
  'Invalid email address': 'destination@invalid',
  Bounce: 'gone+bounce-noemail@domain.tld',
  Complaint: 'angry+complaint@domain.tld',
  'Email address max length reached': seedOverLongAddress,
  'already bounced': 'bouncetest@domain.tld',
  unsubscribed: 'leaver@domain.tld',
}

function labelOf(example: any): string {
  const info = example.deliveryInfoNotification.deliveryInfo
  if (info.deliveryStatus !== 'Failed') return info.deliveryStatus
  return info.Description.startsWith('already bounced')
    ? 'already bounced'
    : info.Description.startsWith('unsubscribed')
      ? 'unsubscribed'
      : info.Description
}

async function produceAll(style: 'full' | 'as-documented') {
  const { emulator, sink } = createTestEmulator({
    receipts: { style },
    sandbox: { enabled: true, verified: ['domain.tld', 'invalid'] },
    suppressed: ['bouncetest@domain.tld'],
    unsubscribed: [{ sender: 'support@imiconnect.com', address: 'leaver@domain.tld' }],
    webhooks: {
      targets: [
        { url: 'http://app.test/webhook', format: 'webhook' },
        { url: 'http://app.test/stream', format: 'datastream' },
      ],
    },
    services: [{ id: '54321', name: 'NewService', key: 'k' }],
  })
  emulator.send(
    {
      ...emailTo(Object.values(recipients).filter((a, i, all) => all.indexOf(a) === i)),
      from: 'support@imiconnect.com',
    },
    { serviceId: '54321' },
  )
  await emulator.runUntilIdle()
  const find = (url: string, label: string) => sink.find((r) => r.url === url && labelOf(r.payload) === label)?.payload
  return {
    webhook: (label: string) => find('http://app.test/webhook', label),
    datastream: (label: string) => find('http://app.test/stream', label),
  }
}

const receiptExamples = (examples: any[]) =>
  examples.filter((e) => e.deliveryInfoNotification).map((e) => [labelOf(e), e] as const)

/** The field tables of seeds 000 and 001: every receipt carries all of these in the "full" style. */
const fullWebhookShape = {
  deliveryInfoNotification: {
    callbackData: 'string',
    correlationid: 'string',
    deliveryInfo: {
      Description: 'string',
      additionalInfo: 'string',
      code: 'string',
      deliveryChannel: 'string',
      deliveryStatus: 'string',
      destination: 'string',
      destinationType: 'string',
      timeStamp: 'string',
    },
    subtid: 'string',
    transid: 'string',
  },
}
const fullDataStreamShape = {
  dataIntegration: {
    appContext: {},
    context: {
      flowId: 'string',
      flowName: 'string',
      messagingAPI: 'string',
      serviceId: 'string',
      serviceName: 'string',
    },
  },
  ...fullWebhookShape,
  'x-wx-gtrid': 'string',
}

// Produced before each test, not once at collection time: mutation testing (StrykerJS) activates a
// mutant around each test and its hooks, so receipts built in an async describe escaped every mutant.
describe('receipts carry the full envelope by default', () => {
  let produced: Awaited<ReturnType<typeof produceAll>>
  beforeEach(async () => {
    produced = await produceAll('full')
  })

  it.each(receiptExamples(webhookSeedExamples))(
    'webhook format: %s has every key of the field table',
    (label, seed) => {
      const ours = produced.webhook(label)
      expect(ours, `no ${label} receipt produced`).toBeDefined()
      expect(shapeOf(ours)).toEqual(shapeOf(fullWebhookShape))
      const [o, s] = [ours.deliveryInfoNotification.deliveryInfo, seed.deliveryInfoNotification.deliveryInfo]
      expect([o.code, o.deliveryStatus, o.destinationType, o.deliveryChannel]).toEqual([
        s.code,
        s.deliveryStatus,
        s.destinationType,
        s.deliveryChannel,
      ])
      // Keys the vendor's example leaves out are there, empty.
      if (!('subtid' in seed.deliveryInfoNotification)) expect(ours.deliveryInfoNotification.subtid).toBe('')
      if (!('additionalInfo' in seed.deliveryInfoNotification.deliveryInfo)) expect(o.additionalInfo).toBe('')
      expect(webhookReceiptSchema.parse(ours)).toEqual(ours)
    },
  )

  it.each(receiptExamples(dataStreamSeedExamples))(
    'datastream format: %s has every key of the field table',
    (label) => {
      const ours = produced.datastream(label)
      expect(ours, `no ${label} receipt produced`).toBeDefined()
      expect(shapeOf({ ...ours, dataIntegration: { ...ours.dataIntegration, appContext: {} } })).toEqual(
        shapeOf(fullDataStreamShape),
      )
      expect(ours['x-wx-gtrid']).toMatch(/^[0-9a-f-]{36}$/)
      // A message sent through the API belongs to no flow: the seed's flow keys are there, empty.
      expect(ours.dataIntegration.context).toMatchObject({ flowId: '', flowName: '' })
      expect(dataStreamReceiptSchema.parse(ours)).toEqual(ours)
    },
  )
})

describe('receipts match the vendor seeds key for key in the "as-documented" style', () => {
  let produced: Awaited<ReturnType<typeof produceAll>>
  beforeEach(async () => {
    produced = await produceAll('as-documented')
  })

  it.each(receiptExamples(webhookSeedExamples))('webhook format: %s', (label, seed) => {
    const ours = produced.webhook(label)
    expect(ours, `no ${label} receipt produced`).toBeDefined()
    expect(shapeOf(ours)).toEqual(shapeOf(seed))
    const [o, s] = [ours.deliveryInfoNotification.deliveryInfo, seed.deliveryInfoNotification.deliveryInfo]
    expect([o.code, o.deliveryStatus, o.destinationType, o.deliveryChannel]).toEqual([
      s.code,
      s.deliveryStatus,
      s.destinationType,
      s.deliveryChannel,
    ])
    expect(webhookReceiptSchema.parse(ours)).toEqual(ours)
  })

  it.each(receiptExamples(dataStreamSeedExamples))('datastream format: %s', (label, seed) => {
    const ours = produced.datastream(label)
    expect(ours, `no ${label} receipt produced`).toBeDefined()
    // appContext holds the tenant's own data-integration keys; its shape is theirs, not the vendor's.
    const withoutAppContext = (p: any) => ({ ...p, dataIntegration: { ...p.dataIntegration, appContext: {} } })
    expect(shapeOf(withoutAppContext(ours))).toEqual(shapeOf(withoutAppContext(seed)))
    const [o, s] = [ours.deliveryInfoNotification.deliveryInfo, seed.deliveryInfoNotification.deliveryInfo]
    expect([o.deliveryStatus, o.destinationType, o.deliveryChannel]).toEqual([
      s.deliveryStatus,
      s.destinationType,
      s.deliveryChannel,
    ])
    expect(ours.dataIntegration.context).toMatchObject({
      serviceId: '54321',
      serviceName: 'NewService',
      messagingAPI: 'true',
    })
    expect(dataStreamReceiptSchema.parse(ours)).toEqual(ours)
  })

  it('copies fixed texts from the seeds: sandbox, invalid, max length, already bounced, unsubscribed, bounce diagnostics', () => {
    const text = (label: string) => produced.webhook(label).deliveryInfoNotification.deliveryInfo
    const seed = (label: string) =>
      receiptExamples(webhookSeedExamples).find(([l]) => l === label)![1].deliveryInfoNotification.deliveryInfo
    for (const label of [
      'Not Verified',
      'Invalid email address',
      'Email address max length reached',
      'already bounced',
      'unsubscribed',
    ]) {
      expect(text(label).Description).toBe(seed(label).Description)
    }
    expect(text('Bounce').additionalInfo).toBe(seed('Bounce').additionalInfo)
  })

  it('accepts every seed receipt with the published schemas', () => {
    for (const [, example] of receiptExamples(webhookSeedExamples))
      expect(webhookReceiptSchema.safeParse(example).success).toBe(true)
    for (const [, example] of receiptExamples(dataStreamSeedExamples))
      expect(dataStreamReceiptSchema.safeParse(example).success).toBe(true)
  })
})
