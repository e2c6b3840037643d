import { describe, expect, it } from 'vitest'
import {
  dataStreamInboundEmailSchema,
  dataStreamSubscriptionEventSchema,
  webhookInboundEmailSchema,
  webhookSubscriptionEventSchema,
} from '../../src/core/channels/email/schemas/inbound-event.js'
import { dataStreamSeedExamples, webhookSeedExamples } from '../support/seed-fixtures.js'

describe('inbound event schemas', () => {
  it("accept the seed's outbound-webhook MO, Unsubscribe and Subscribe examples", () => {
    const byEvent = (event: string) => webhookSeedExamples.find((e) => e.event === event)
    expect(webhookInboundEmailSchema.safeParse(byEvent('MO')).success).toBe(true)
    expect(webhookSubscriptionEventSchema.safeParse(byEvent('Unsubscribe')).success).toBe(true)
    expect(webhookSubscriptionEventSchema.safeParse(byEvent('Subscribe')).success).toBe(true)
  })

  it("accept the seed's data-stream inbound message, Unsubscribe and Subscribe examples", () => {
    const byEvent = (event: string) => dataStreamSeedExamples.find((e) => e.event === event)
    expect(dataStreamInboundEmailSchema.safeParse(byEvent('Inbound Message')).success).toBe(true)
    expect(dataStreamSubscriptionEventSchema.safeParse(byEvent('Unsubscribe')).success).toBe(true)
    expect(dataStreamSubscriptionEventSchema.safeParse(byEvent('Subscribe')).success).toBe(true)
  })

  it('reject a payload with a key the vendor does not send', () => {
    const mo = webhookSeedExamples.find((e) => e.event === 'MO')
    expect(webhookInboundEmailSchema.safeParse({ ...mo, extra: 1 }).success).toBe(false)
  })
})
