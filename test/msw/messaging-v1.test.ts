import { setupServer } from 'msw/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createWebexConnectMock, type SinkWebhook } from '../../src/msw/index.js'

/**
 * The Messaging API v1 through MSW, called as public clients call it (requests as the excerpts in
 * /work/research/contract/v1-whatsapp-and-mock-clients.json show them, cited by the search index
 * id of each file): a Go template client on https://api.imiconnect.io (FS:13357537363), a Laravel
 * one sending "WhatsApp" (FS:33327539103), a Guzzle one on https://api.imiconnect.in
 * (FS:8587619883), a Python session helper with a trailing slash (FS:9278087305); and the host the
 * v1 pages write, https://{region}.webexconnect.io.
 */
describe('MSW mode: the Messaging API v1 on every vendor host', () => {
  const received: SinkWebhook[] = []
  const app = 'a_157967534853754560'
  const webexConnect = createWebexConnectMock({
    config: {
      seed: 5,
      whatsapp: { apps: [app], templates: { tmpl_1: { parameters: ['variable1', 'variable2'] } } },
      webhooks: {
        targets: [{ url: 'https://app.test/hooks' }, { url: 'https://app.test/inbound', events: ['inbound'] }],
      },
    },
    onWebhook: (webhook) => {
      received.push(webhook)
      return 200
    },
  })
  const server = setupServer(...webexConnect.handlers)
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
  afterAll(() => server.close())

  const post = (url: string, body: unknown) =>
    fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', key: 'service-key' },
      body: JSON.stringify(body),
    })

  const template = (deliverychannel: string) => ({
    appid: app,
    deliverychannel,
    message: { template: 'tmpl_1', parameters: { variable1: 'a', variable2: 'b' } },
    destination: [{ waid: ['+447700900001'] }],
  })

  it.each([
    ['https://api.imiconnect.io/resources/v1/messaging', 'whatsapp'],
    ['https://api.imiconnect.in/resources/v1/messaging', 'WhatsApp'],
    ['https://us.webexconnect.io/resources/v1/messaging', 'whatsapp'],
    ['https://api.us.webexconnect.io/resources/v1/messaging', 'whatsapp'],
  ])(
    '%s queues a template (deliverychannel %s) as the Go client parses it: response[0].transid',
    async (url, channel) => {
      const response = await post(url, template(channel))
      expect(response.status).toBe(200)
      const body = (await response.json()) as {
        response: Array<{ code: string; transid: string; description: string }>
      }
      expect(body.response[0]).toMatchObject({ code: '1001', description: 'Queued' })
      await webexConnect.waitForStatus('+447700900001', 'Read', { messageId: body.response[0]!.transid })
      const receipt = received.find(
        (w) => (w.payload as any).deliveryInfoNotification?.transid === `${body.response[0]!.transid}_0`,
      )
      expect(receipt).toBeDefined()
    },
  )

  it('plays the window: a session message fails 7710 until the user writes in (inject), then is read', async () => {
    const session = {
      deliverychannel: 'whatsapp',
      channels: { 'OTT-Messaging': { wa: { type: 'text', text: { body: 'hello' } } } },
      destination: [{ waid: ['+447700900002'] }],
      appid: app,
    }
    await post('https://api.us.webexconnect.io/resources/v1/messaging/', session)
    await webexConnect.waitForStatus('+447700900002', 'Failed')
    webexConnect.inject('whatsapp', 'whatsapp', { waid: '+447700900002', text: 'hi' })
    const again = await post('https://api.us.webexconnect.io/resources/v1/messaging/', session)
    const { response } = (await again.json()) as { response: Array<{ transid: string }> }
    await webexConnect.advance('10s')
    expect(webexConnect.messages().find((m) => m.messageId === response[0]!.transid)?.recipients[0]?.status).toBe(
      'Read',
    )
  })

  it('plays Messenger’s window: 7313 until the user writes in (inject), then delivered', async () => {
    const fb = {
      deliverychannel: 'fb',
      appid: 'a_638604000000099980000',
      destination: [{ psid: ['1368028456544331'] }],
      channels: { 'OTT-Messaging': { fb: { text: 'hello' } } },
    }
    await post('https://api.us.webexconnect.io/resources/v1/messaging', fb)
    const failed = await webexConnect.waitForStatus('1368028456544331', 'Failed')
    expect(failed.code).toBe('7313')
    webexConnect.inject('fb', 'messenger', { psid: '1368028456544331', text: 'hi', appId: 'a_638604000000099980000' })
    const again = await post('https://api.us.webexconnect.io/resources/v1/messaging', fb)
    const { response } = (await again.json()) as { response: Array<{ transid: string }> }
    await webexConnect.waitForStatus('1368028456544331', 'Read', { messageId: response[0]!.transid })
  })

  it('posts an Apple quick-reply answer injected through the handle', async () => {
    webexConnect.inject('AppleBusinessChat', 'appleQuickReply', {
      abcUserId: 'urn:mbid:msw',
      requestIdentifier: 'q-1',
      items: [{ identifier: 'yes', title: 'Yes' }],
      selectedIdentifier: 'yes',
    })
    const posted = await webexConnect.waitForWebhook((w) => w.destination === 'urn:mbid:msw')
    expect(posted.status).toBe('QuickReplyResponse')
    expect(posted.payload).toMatchObject({ event: 'QuickReplyResponse', requestIdentifier: 'q-1' })
  })

  it('answers SMS on v1 and the Send SMS API v1 there too', async () => {
    const v1 = await post('https://api.imiconnect.in/resources/v1/messaging', {
      deliverychannel: 'sms',
      channels: { sms: { text: 'Hello' } },
      destination: [{ msisdn: ['+919940630272'], correlationId: 'some_unique_id' }],
    })
    expect(((await v1.json()) as any).response[0].code).toBe('1001')
    const sms = await post('https://api.us.webexconnect.io/v1/sms/messages', {
      from: '1',
      to: '+447700900001',
      content: 'hi',
    })
    expect(sms.status).toBe(202)
  })
})
