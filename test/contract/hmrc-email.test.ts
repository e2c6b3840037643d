import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { contractApp } from './support/contract-app.js'
import { hmrcProcessedStatuses, hmrcRawEvent, hmrcSendResponse, load } from './support/corpus.js'

/**
 * HM Revenue & Customs' production email sender (hmrc/email) and its receipt receiver
 * (hmrc/email-events), as their code and fixtures pin them: the request they send, the 201 they
 * parse, and the receipt shape they decode — every key required.
 */
const notifyUrl = 'https://hooks.uk.webexconnect.io/events/WFMW85P271'

/** HMRC's request as EmailContentSpec pins it, with their production receipts and a real correlation id and callbackData. */
function hmrcRequest(to: string[], requestedReceipts?: string[]) {
  const { artefact } = load('hmrc/email-send-request.json')
  const callbackData = Buffer.from(JSON.stringify({ regime: 'sa', templateId: 'reminder', platform: 'p' })).toString(
    'base64',
  )
  return {
    ...artefact,
    to: [{ email: to, correlationId: randomUUID() }],
    callbackData,
    // SendToImi.emailContent's production list (the spec's own request asks for "submitted" only).
    requestedReceipts: requestedReceipts ?? [
      'submitted',
      'delivered',
      'not verified',
      'invalid',
      'bounce',
      'complaint',
      'read',
      'failed',
    ],
  }
}

describe("HMRC's email sender and receiver against the emulator", () => {
  it('gets a 201 that its ImiSendResponse parser takes, like the recorded one', async () => {
    const { post } = contractApp()
    const response = await post('/v2/messages', hmrcRequest(['test@digital.hmrc.gov.uk']))
    expect(response.status).toBe(201)
    const body = await response.json()
    expect(hmrcSendResponse.parse(body)).toEqual(body)
    const recorded = load('hmrc/email-send-201-response.json').artefact
    expect(Object.keys(body)).toEqual(Object.keys(recorded))
    expect(body.status).toBe(recorded.status)
  })

  it("sends receipts its receiver decodes, for every outcome, with the request's ids and callbackData", async () => {
    const { post, emulator, posted } = contractApp({
      sandbox: { enabled: true, verified: ['digital.hmrc.gov.uk'] },
      suppressed: ['gone@digital.hmrc.gov.uk'],
    })
    const addresses = [
      'a@digital.hmrc.gov.uk',
      'b+read-2@digital.hmrc.gov.uk',
      'c+bounce-noemail@digital.hmrc.gov.uk',
      'd+bounce-mailboxfull@digital.hmrc.gov.uk',
      'e+complaint@digital.hmrc.gov.uk',
      'gone@digital.hmrc.gov.uk',
      'stranger@elsewhere.example',
      'not-an-address',
    ]
    const request = hmrcRequest(addresses)
    expect((await post('/v2/messages', { ...request, notifyUrl })).status).toBe(201)
    await emulator.runUntilIdle()
    const receipts = posted.filter((p) => p.url === notifyUrl)
    const statuses = new Set(receipts.map((r) => r.payload.deliveryInfoNotification.deliveryInfo.deliveryStatus))
    expect(statuses).toEqual(
      new Set(['Submitted', 'Delivered', 'Read', 'Bounce', 'Complaint', 'Failed', 'Not Verified']),
    )
    for (const receipt of receipts) {
      const decoded = hmrcRawEvent.safeParse(receipt.payload)
      expect(decoded.error?.issues, receipt.body).toBeUndefined()
      expect(receipt.payload.deliveryInfoNotification).toMatchObject({
        correlationid: request.to[0]!.correlationId,
        callbackData: request.callbackData,
      })
    }
  })

  it('would lose the vendor-example-shaped receipts: its decoder refuses them (the "as-documented" style)', async () => {
    const { post, emulator, posted } = contractApp({ receipts: { style: 'as-documented' } })
    expect(
      (await post('/v2/messages', { ...hmrcRequest(['e+complaint@digital.hmrc.gov.uk']), notifyUrl })).status,
    ).toBe(201)
    await emulator.runUntilIdle()
    const complaint = posted.find(
      (p) => p.payload.deliveryInfoNotification.deliveryInfo.deliveryStatus === 'Complaint',
    )!
    // Their receiver answers 400 to this, which the vendor's retry policy does not retry.
    expect(hmrcRawEvent.safeParse(complaint.payload).success).toBe(false)
  })

  it('honours trackClicks: false (always sent) and trackOpens: true: Read but never Clicked', async () => {
    const { post, emulator, posted } = contractApp()
    const request = hmrcRequest(['clicker+click@digital.hmrc.gov.uk'])
    expect(request.options).toMatchObject({ trackClicks: false, trackOpens: true })
    const { messageId } = await (await post('/v2/messages', { ...request, notifyUrl })).json()
    await emulator.runUntilIdle()
    const seen = posted.map((p) => p.payload.deliveryInfoNotification.deliveryInfo.deliveryStatus)
    expect(seen).toEqual(['Submitted', 'Delivered', 'Read'])
    // Not merely filtered out by requestedReceipts (HMRC never asks for "clicked"): it never happens.
    const recipient = emulator.message(messageId)!.recipients[0]!
    expect(recipient.receipts.map((r) => r.status)).toEqual(['Submitted', 'Delivered', 'Read'])
    expect(recipient.fate).toMatch(/no Clicked: options\.trackClicks is false/)
  })

  it('accepts its receiver fixtures as real receipt shapes (the corpus is what the decoder takes)', () => {
    for (const name of ['submitted', 'delivered', 'read', 'bounced', 'delayed-bounced', 'complained', 'failed']) {
      const { artefact } = load(`hmrc/email-events-${name}-receipt.json`)
      expect(hmrcRawEvent.safeParse(artefact).success, name).toBe(true)
    }
    const failedExport = load('hmrc/email-sftp-failed-webhook-export.json').artefact as Array<{ df_payload: unknown }>
    for (const { df_payload } of failedExport) expect(hmrcRawEvent.safeParse(df_payload).success).toBe(true)
    expect(hmrcProcessedStatuses).toContain('Bounce')
  })
})
