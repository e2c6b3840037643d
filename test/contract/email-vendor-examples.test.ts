import { describe, expect, it } from 'vitest'
import { contractApp } from './support/contract-app.js'
import { fillPlaceholders, load } from './support/corpus.js'

/**
 * Every request example on the vendor's email API page (and the Send Message v2 OpenAPI email
 * sample), verbatim but for `{{placeholders}}`, which become valid values.
 */
const examples = [
  'vendor-docs/email-api-send-text-email.json',
  'vendor-docs/email-api-send-html-email.json',
  'vendor-docs/email-api-send-email-with-attachments.json',
  'vendor-docs/email-api-send-email-using-templates.json',
  'vendor-docs/send-message-v2-openapi-email-sample.json',
]

describe("the vendor's own email request examples", () => {
  it.each(examples)('%s is accepted with 201 and played out', async (name) => {
    const { post, emulator } = contractApp()
    const body = fillPlaceholders(load(name).artefact)
    const response = await post('/v2/messages', body)
    expect(response.status, await response.clone().text()).toBe(201)
    const { messageId } = await response.json()
    await emulator.runUntilIdle()
    const recipient = emulator.message(messageId)!.recipients[0]!
    expect(recipient.address).toBe('ann@customer.test')
    expect(recipient.receipts.map((r) => r.status)).toEqual(['Submitted', 'Delivered'])
  })

  it('takes "notifyUrl": "" and "callbackData": "" as not given: no delivery to "", receipts echo ""', async () => {
    const { post, emulator, posted } = contractApp({ webhooks: { targets: [{ url: 'http://app.test/hooks' }] } })
    const body = fillPlaceholders(load('vendor-docs/email-api-send-text-email.json').artefact)
    expect(body.notifyUrl).toBe('')
    expect((await post('/v2/messages', body)).status).toBe(201)
    await emulator.runUntilIdle()
    expect(posted.map((p) => p.url)).toEqual(['http://app.test/hooks', 'http://app.test/hooks'])
    expect(posted[0]!.payload.deliveryInfoNotification).toMatchObject({ callbackData: '', correlationid: '' })
  })

  it('sends the attachments example (type "html" with only "text") as its text: delivered, never read', async () => {
    const { post, emulator } = contractApp()
    const body = fillPlaceholders(load('vendor-docs/email-api-send-email-with-attachments.json').artefact)
    expect(body.content).toMatchObject({ type: 'html', text: expect.any(String) })
    expect(body.content.html).toBeUndefined()
    body.to[0].email = ['ann+read@customer.test']
    const { messageId } = await (await post('/v2/messages', body)).json()
    await emulator.runUntilIdle()
    const recipient = emulator.message(messageId)!.recipients[0]!
    expect(recipient.receipts.map((r) => r.status)).toEqual(['Submitted', 'Delivered'])
  })

  it('fails every recipient with 9001 when the example is sent with its contactPolicyGroup left empty', async () => {
    const { post, emulator } = contractApp()
    const body = { ...fillPlaceholders(load('vendor-docs/email-api-send-text-email.json').artefact) }
    body.contactPolicy = { ...body.contactPolicy, contactPolicyGroup: '' }
    const { messageId } = await (await post('/v2/messages', body)).json()
    await emulator.runUntilIdle()
    const receipts = emulator.message(messageId)!.recipients[0]!.receipts
    expect(receipts.map((r) => [r.status, r.code, r.description])).toEqual([
      ['Failed', '9001', 'Contact policy inputs required'],
    ])
  })

  it('still refuses an "html" email with neither "html" nor "text": 7003', async () => {
    const { post } = contractApp()
    const body = fillPlaceholders(load('vendor-docs/email-api-send-email-with-attachments.json').artefact)
    delete body.content.text
    const response = await post('/v2/messages', body)
    expect(response.status).toBe(400)
    expect(await response.text()).toBe('{"code":"7003","message":"Mandatory parameter missing - content.html"}')
  })
})
