import { setupServer } from 'msw/node'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createWebexConnectMock, type SinkWebhook } from '../../src/msw/index.js'

describe('MSW mode: the handle works for SMS as for email, with no special case', () => {
  const received: SinkWebhook[] = []
  const webexConnect = createWebexConnectMock({
    config: { seed: 5, webhooks: { targets: [{ url: 'https://app.test/hooks', events: ['inbound'] }] } },
    onWebhook: (webhook) => {
      received.push(webhook)
      return 200
    },
  })
  const server = setupServer(...webexConnect.handlers)
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
  afterAll(() => server.close())
  beforeEach(() => {
    webexConnect.reset()
    received.length = 0
  })

  const post = (body: object) =>
    fetch('https://api.us.webexconnect.io/v2/messages', {
      method: 'POST',
      headers: { key: 'k', 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
  const sms = (...numbers: string[]) =>
    post({
      channel: 'sms',
      from: '88979',
      to: [{ msisdn: numbers }],
      content: { type: 'text', text: 'Your code: 1234' },
    })
  const email = (to: string) =>
    post({
      channel: 'email',
      from: 'news@shop.test',
      to: [{ email: [to] }],
      content: { type: 'text', subject: 's', text: 't' },
    })

  it('waitForStatus takes a number, written as the request wrote it or not', async () => {
    expect((await sms('447700900123', '12025550157')).status).toBe(201)
    const delivered = await webexConnect.waitForStatus('+447700900123', 'Delivered')
    expect(delivered).toMatchObject({ channel: 'sms', code: '7500', destination: '447700900123' })
    const undelivered = await webexConnect.waitForStatus('+1 (202) 555-0157', 'Un-Delivered')
    expect(undelivered).toMatchObject({ code: '7207', destination: '12025550157' })
    await expect(webexConnect.waitForStatus('+447700900999', 'Delivered')).rejects.toThrow(
      /No message has been sent to \+447700900999/,
    )
  })

  it('waitForStatus takes the latest message to the number and fails listing the receipts', async () => {
    await sms('+447700900501') // stays Submitted: no delivery report
    await expect(webexConnect.waitForStatus('+447700900501', 'Delivered', { within: '10m' })).rejects.toThrow(
      /did not reach "Delivered" within 10m[\s\S]*7501 Submitted\s+\+447700900501/,
    )
  })

  it('receipts() filters by channel and matches numbers by their digits', async () => {
    await sms('+447700900102')
    await email('ann@example.com')
    await webexConnect.runUntilIdle()
    expect(webexConnect.receipts({ channel: 'sms' }).map((r) => `${r.status} ${r.code}`)).toEqual(['Failed 7102'])
    expect(webexConnect.receipts({ channel: 'email' }).map((r) => r.status)).toEqual(['Submitted', 'Delivered'])
    expect(webexConnect.receipts({ destination: '44 7700 900102' })).toHaveLength(1)
    expect(webexConnect.receipts({ destination: 'ANN@example.com', status: 'Delivered' })).toHaveLength(1)
    expect(webexConnect.receipts({ destination: '+447700900103' })).toEqual([])
  })

  it('injectInboundSms (and the generic inject) push an MO to inbound targets, as the control API does', async () => {
    const record = webexConnect.injectInboundSms({ from: '+447700900123', to: '56263', text: 'HELP' })
    expect(record).toMatchObject({ channel: 'sms', event: 'MO', from: '+447700900123', to: ['56263'] })
    webexConnect.inject('sms', 'mo', { from: '+447700900124', to: '56263', text: 'STOP' })
    await webexConnect.runUntilIdle()
    expect(received.map((w) => (w.payload as { oa: string; message: string }).message)).toEqual(['HELP', 'STOP'])
    expect(received[0]!.payload).toMatchObject({ oa: '+447700900123', da: '56263', Channel: 'SMS' })
    expect(webexConnect.inbound().map((i) => i.from)).toEqual(['+447700900123', '+447700900124'])
    expect(() => webexConnect.inject('sms', 'mo', { from: '+1', to: '2', text: 'x', body: 'y' })).toThrow(/body/)
    expect(() => webexConnect.inject('fax', 'mo', {})).toThrow(/fax/)
  })
})
