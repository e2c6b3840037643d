import { describe, expect, it } from 'vitest'
import type { EmulatorConfigInput } from '../../src/core/schemas/config.js'
import { createApp } from '../../src/http/create-app.js'
import { createEmulator } from '../../src/runtime/create-emulator.js'
import { signJwt } from '../support/jwt.js'
import { emailTo } from '../support/virtual-emulator.js'

function appWith(config: EmulatorConfigInput = {}) {
  const emulator = createEmulator({
    clock: 'virtual',
    config: { seed: 3, ...config },
    transport: async () => ({ status: 200, latencyMs: 0 }),
  })
  const app = createApp(emulator)
  const post = (body: unknown, headers: Record<string, string> = { key: 'any-key' }) =>
    app.request('/v2/messages', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    })
  return { emulator, app, post }
}

/** The vendor's body byte for byte; what exactly was wrong only in the x-emulator-detail header. */
async function expectVendorError(
  response: Response,
  status: number,
  code: string,
  message: string | RegExp,
  detail?: RegExp,
) {
  expect(response.status).toBe(status)
  const text = await response.text()
  if (typeof message === 'string') expect(text).toBe(JSON.stringify({ code, message }))
  else {
    const body = JSON.parse(text)
    expect(Object.keys(body).sort()).toEqual(['code', 'message'])
    expect(body.code).toBe(code)
    expect(body.message).toMatch(message)
  }
  if (detail) expect(response.headers.get('x-emulator-detail')).toMatch(detail)
}

describe('POST /v2/messages', () => {
  it('answers 201 with requestTimestamp, messageId, correlationId and status "queued"', async () => {
    const { post, emulator } = appWith()
    const response = await post(emailTo('ann@a.test'))
    expect(response.status).toBe(201)
    const body = await response.json()
    expect(Object.keys(body)).toEqual(['requestTimestamp', 'messageId', 'correlationId', 'status'])
    expect(body).toMatchObject({ correlationId: 'corr-1', status: 'queued' })
    expect(body.messageId).toMatch(/^[0-9a-f-]{36}$/)
    expect(body.requestTimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
    expect(emulator.message(body.messageId)).toBeDefined()
  })

  it('takes any local@domain sender, also written as mail libraries write one', async () => {
    const { post } = appWith()
    for (const from of ['News <news@brand.test>', 'noreply@localhost', ' Shop@Brand.test '])
      expect((await post({ ...emailTo('ann@a.test'), from })).status, from).toBe(201)
  })

  it('keeps a sender, reply-to and unsubscribe address trimmed, as they are checked', async () => {
    const { post, emulator } = appWith()
    const body = {
      ...emailTo('ann@a.test'),
      from: ' News <news@brand.test>\n',
      content: { type: 'text', subject: 'Hi', text: 'Hello', replyTo: '\thelp@brand.test ' },
      options: { unsubscribeEmailAddress: ' stop@brand.test ' },
    }
    expect((await post(body)).status).toBe(201)
    // (The unsubscribe address is checked and not kept: nothing the emulator plays uses it.)
    const message = emulator.messages().at(-1) as unknown as { from: string; content: { replyTo?: string } }
    expect([message.from, message.content.replyTo]).toEqual(['News <news@brand.test>', 'help@brand.test'])
  })

  it('takes a reply-to address as it takes a sender, and an unsubscribe address bare, a punycode domain in each', async () => {
    const { post } = appWith()
    const content = { type: 'text', subject: 'Hi', text: 'Hello' }
    for (const replyTo of ['help@brand.test', 'Help Desk <help@brand.test>', 'help@xn--bcher-kva.example'])
      expect((await post({ ...emailTo('ann@a.test'), content: { ...content, replyTo } })).status, replyTo).toBe(201)
    for (const unsubscribeEmailAddress of ['unsubscribe@brand.test', ' unsubscribe@xn--bcher-kva.example '])
      expect(
        (
          await post({
            ...emailTo('ann@a.test'),
            options: { unsubscribeEmailAddress, unsubscribeEmailSubject: 'stop' },
          })
        ).status,
        unsubscribeEmailAddress,
      ).toBe(201)
    expect((await post({ ...emailTo('ann@a.test'), from: 'News <news@xn--bcher-kva.example>' })).status).toBe(201)
  })

  it("accepts the vendor's documented example request", async () => {
    const { post } = appWith()
    const response = await post({
      channel: 'email',
      from: 'sender@domain.tld',
      to: [{ email: ['destination@domain.tld'], substitutions: { '{{param1}}': 'v1' }, correlationId: '' }],
      substitutions: { '{{param3}}': 'v3' },
      cc: [],
      bcc: [],
      multipleToRecipients: true,
      options: { fromName: 'Sender' },
      content: { type: 'text', subject: 'Subject', replyTo: 'reply@domain.tld', text: 'Simple text content' },
      requestedReceipts: [
        'submitted',
        'delivered',
        'read',
        'clicked',
        'bounce',
        'not verified',
        'invalid',
        'complaint',
      ],
      callbackData: 'callbackdata',
      notifyUrl: 'https://app.example/webhooks',
    })
    expect(response.status).toBe(201)
  })

  it('accepts booleans as "true"/"false" strings and ignores unknown fields', async () => {
    const { post } = appWith()
    const response = await post(
      emailTo('ann@a.test', {
        multipleToRecipients: 'false',
        options: { trackOpens: 'true', trackClicks: false },
        somethingNew: 1,
      }),
    )
    expect(response.status).toBe(201)
  })

  it('reads content.type and requestedReceipts in any case, as the vendor writes them ("Text or HTML")', async () => {
    const { post, emulator } = appWith()
    const response = await post(
      emailTo('ann@a.test', {
        content: { type: 'HTML', subject: 'Hi', html: '<p>Hi</p>' },
        requestedReceipts: ['Submitted', 'DELIVERED', ' not verified '],
        notifyUrl: 'https://app.test/receipts',
      }),
    )
    expect(response.status).toBe(201)
    const message = emulator.message((await response.json()).messageId)!
    expect(message).toMatchObject({
      contentType: 'html',
      requestedReceipts: ['submitted', 'delivered', 'not verified'],
    })
    expect((await post(emailTo('ann@a.test', { content: { type: 'Text', subject: 'Hi', text: 'Hi' } }))).status).toBe(
      201,
    )
    const spaced = await post(emailTo('ann@a.test', { content: { type: ' Html\n', subject: 'Hi', html: '<p>Hi</p>' } }))
    expect(spaced.status, spaced.headers.get('x-emulator-detail') ?? '').toBe(201)
    expect(emulator.message((await spaced.json()).messageId)).toMatchObject({ contentType: 'html' })
  })

  it('takes a blank fallback text beside an HTML body, and a subject with spaces around its words as written', async () => {
    const { post, emulator } = appWith()
    const response = await post(
      emailTo('ann@a.test', { content: { type: 'html', subject: ' Hi ', html: '<p>Hi</p>', text: ' ' } }),
    )
    expect(response.status).toBe(201)
    expect(emulator.message((await response.json()).messageId)).toMatchObject({ subject: ' Hi ' })
  })

  it('takes "html": "" beside a text as no html, as null is: the text is the body, a text mail never Read', async () => {
    const { post, emulator } = appWith()
    const response = await post(
      emailTo('ann+read@a.test', { content: { type: 'html', subject: 'Hi', html: '', text: 'Hello' } }),
    )
    expect(response.status, response.headers.get('x-emulator-detail') ?? '').toBe(201)
    const { messageId } = await response.json()
    await emulator.runUntilIdle()
    const message = emulator.message(messageId)!
    expect(message).toMatchObject({ contentType: 'text' })
    expect(message.recipients[0]!.receipts.map((r) => r.status)).toEqual(['Submitted', 'Delivered'])
  })

  it('takes a template subject of "" as not given, the template keeping its own', async () => {
    const { post } = appWith()
    const { content: _, ...rest } = emailTo('ann@a.test')
    expect((await post({ ...rest, template: { id: 'welcome', subject: '' } })).status).toBe(201)
  })

  it('accepts a template instead of content', async () => {
    const { post } = appWith()
    const { content: _, ...rest } = emailTo('ann@a.test')
    expect((await post({ ...rest, template: { id: 'welcome', subject: 'Hi' } })).status).toBe(201)
  })
})

describe('POST /v2/messages bad input', () => {
  const pdf = { name: 'invoice', mimetype: 'application/pdf', mediaUrl: 'https://x.test/invoice.pdf' }
  const attached = { type: 'text', subject: 'Invoice', text: 'Attached.' }

  it.each([
    ['{"channel": "email",', /JSON/],
    ['', /^the request body is empty$/],
    ['[1, 2]', /^the body must be a JSON object$/],
    ['"hello"', /^the body must be a JSON object$/],
    ['null', /^the body must be a JSON object$/],
  ])(
    'answers 400 {"code":"7000","message":"Invalid JSON"} to %j, the reason in x-emulator-detail',
    async (body, detail) => {
      const { post } = appWith()
      await expectVendorError(await post(body), 400, '7000', 'Invalid JSON', detail)
    },
  )

  it.each([
    ['channel', { channel: undefined }],
    ['from', { from: undefined }],
    ['to', { to: undefined }],
    ['content', { content: undefined }],
    ['content.subject', { content: { type: 'text', text: 'x' } }],
    ['content.text', { content: { type: 'text', subject: 'x' } }],
    ['content.html', { content: { type: 'html', subject: 'x' } }],
    ['to[0].email', { to: [{ correlationId: 'x' }] }],
    // The vendor marks an attachment's mimetype, name and mediaUrl mandatory.
    ['content.attachments[0].mimetype', { content: { ...attached, attachments: [{}] } }],
    ['content.attachments[0].name', { content: { ...attached, attachments: [{ mimetype: 'application/pdf' }] } }],
    [
      'content.attachments[1].mediaUrl',
      { content: { ...attached, attachments: [pdf, { name: 'terms', mimetype: 'application/pdf' }] } },
    ],
  ])('answers 400 7003 "Mandatory parameter missing - %s"', async (field, override) => {
    const { post } = appWith()
    await expectVendorError(
      await post({ ...emailTo('ann@a.test'), ...override }),
      400,
      '7003',
      `Mandatory parameter missing - ${field}`,
    )
  })

  it('reads a null field as one not sent, as a Java service does: optional ones are absent, mandatory ones missing', async () => {
    const { post, emulator } = appWith()
    // As Jackson, Newtonsoft or a Python dict of Nones write a request type's unset fields.
    const everyField = {
      ...emailTo('ann@a.test'),
      callbackData: null,
      notifyUrl: null,
      sendAt: null,
      expireAt: null,
      validity: null,
      cc: null,
      substitutions: null,
      options: { fromName: null, trackClicks: null },
      to: [{ email: ['ann@a.test'], correlationId: null, substitutions: null }],
      content: { type: 'text', subject: 'Hi', text: 'Hello', attachments: null },
    }
    const response = await post(everyField)
    expect(response.status).toBe(201)
    const { messageId } = await response.json()
    expect(emulator.message(messageId)).toMatchObject({ callbackData: '', notifyUrl: undefined })
    await expectVendorError(
      await post({ ...emailTo('ann@a.test'), channel: null }),
      400,
      '7003',
      'Mandatory parameter missing - channel',
    )
    await expectVendorError(
      await post({ ...emailTo('ann@a.test'), from: null, callbackData: null }),
      400,
      '7003',
      'Mandatory parameter missing - from',
    )
    // A null inside an array is a value, and a wrong one.
    await expectVendorError(
      await post({ ...emailTo('ann@a.test'), to: [{ email: [null] }] }),
      400,
      '7004',
      'Invalid parameter - to[0].email[0]',
    )
  })

  it('says why in x-emulator-detail and the log, never in the body', async () => {
    const { post, emulator } = appWith()
    const rejected: unknown[] = []
    emulator.subscribe((event) => event.type === 'rejected' && rejected.push(event.rejection))
    const { content: _, ...noContent } = emailTo('ann@a.test')
    await expectVendorError(
      await post(noContent),
      400,
      '7003',
      'Mandatory parameter missing - content',
      /send either "content" or "template"/,
    )
    await expectVendorError(
      await post({ ...emailTo('ann@a.test'), sendAt: 'tomorrow' }),
      400,
      '7004',
      'Invalid parameter - sendAt',
      /ISO 8601/,
    )
    expect(rejected).toEqual([
      expect.objectContaining({ status: 400, code: '7003', message: 'Mandatory parameter missing - content' }),
      expect.objectContaining({ status: 400, code: '7004', detail: expect.stringMatching(/ISO 8601/) }),
    ])
  })

  it.each([
    ['channel', { channel: 'fax' }],
    ['from', { from: 42 }],
    ['to', { to: 'ann@a.test' }],
    ['to', { to: [] }],
    ['to[0].email[0]', { to: [{ email: [7] }] }],
    // A copy entry written as to's is held to to's rule: an empty address list adds nobody.
    ['cc[0].email', { cc: [{ email: [] }] }],
    ['bcc[1].email', { bcc: ['b@a.test', { email: [] }] }],
    ['content.type', { content: { type: 'markdown', subject: 's', text: 't' } }],
    ['callbackData', { callbackData: 'x'.repeat(2001) }],
    ['notifyUrl', { notifyUrl: 'not a url' }],
    ['requestedReceipts[0]', { requestedReceipts: ['opened'] }],
    ['multipleToRecipients', { multipleToRecipients: 'yes' }],
    ['sendAt', { sendAt: 'tomorrow' }],
    // Send Message v2: validity is a time period in seconds, and "Either(expireAt/validity) one can
    // be passed. If both are provided then you will receive a 400 Bad request".
    ['validity', { validity: 'one hour' }],
    ['validity', { validity: -60 }],
    ['validity', { validity: '60', expireAt: '2030-01-01T00:00:00Z' }],
    // The vendor's template.id is mandatory: a blank one names no template.
    ['template.id', { content: undefined, template: { id: '' } }],
    ['template.id', { content: undefined, template: { id: '   ' } }],
    // The sender is an address on a domain registered with the tenant: a blank one or a name is none.
    ['from', { from: '   ' }],
    ['from', { from: 'Newsletter' }],
    ['from', { from: 'News <>' }],
    ['from', { from: 'news at brand.test' }],
    // SES takes 7-bit ASCII addresses only: an internationalised domain is written in punycode.
    ['from', { from: 'news@bücher.example' }],
    ['from', { from: 'News <nëws@brand.test>' }],
    // A reply-to address is checked as the sender is, an unsubscribe address too (bare: a mailto: header's).
    ['content.replyTo', { content: { type: 'text', subject: 'Hi', text: 'Hello', replyTo: 'Customer care' } }],
    ['content.replyTo', { content: { type: 'text', subject: 'Hi', text: 'Hello', replyTo: '   ' } }],
    ['content.replyTo', { content: { type: 'text', subject: 'Hi', text: 'Hello', replyTo: 'a@b.test, c@d.test' } }],
    ['content.replyTo', { content: { type: 'text', subject: 'Hi', text: 'Hello', replyTo: 'help@bücher.example' } }],
    ['options.unsubscribeEmailAddress', { options: { unsubscribeEmailAddress: 'unsubscribe' } }],
    ['options.unsubscribeEmailAddress', { options: { unsubscribeEmailAddress: 'Stop <stop@brand.test>' } }],
    ['options.unsubscribeEmailAddress', { options: { unsubscribeEmailAddress: ' ' } }],
    // URLs are checked as notifyUrl is (a space-padded URL is invalid to the vendor).
    [
      'content.attachments[0].mediaUrl',
      { content: { ...attached, attachments: [{ ...pdf, mediaUrl: 'invoice.pdf' }] } },
    ],
    [
      'content.attachments[0].mediaUrl',
      { content: { ...attached, attachments: [{ ...pdf, mediaUrl: ` ${pdf.mediaUrl}` }] } },
    ],
    ['options.listUnsubscribeUrl', { options: { listUnsubscribeUrl: 'unsubscribe me' } }],
    // A subject or body that is empty or only white space says nothing (decision 016's reading).
    ['content.subject', { content: { ...attached, subject: '' } }],
    ['content.subject', { content: { ...attached, subject: ' \t ' } }],
    ['content.text', { content: { ...attached, text: '' } }],
    ['content.text', { content: { type: 'html', subject: 'Hi', text: '  ' } }],
    ['content.html', { content: { type: 'html', subject: 'Hi', html: ' \n ', text: 'Hello' } }],
    ['content.html', { content: { type: 'html', subject: 'Hi', html: '' } }],
    // A template's subject replaces the template's own: one of only white space would be the mail's.
    ['template.subject', { content: undefined, template: { id: 'welcome', subject: ' \t ' } }],
    // A name or MIME type of only spaces names nothing, as an empty one does.
    ['content.attachments[0].name', { content: { ...attached, attachments: [{ ...pdf, name: '  ' }] } }],
    ['content.attachments[0].mimetype', { content: { ...attached, attachments: [{ ...pdf, mimetype: '' }] } }],
  ])('answers 400 7004 "Invalid parameter - %s"', async (field, override) => {
    const { post } = appWith()
    await expectVendorError(
      await post({ ...emailTo('ann@a.test'), ...override }),
      400,
      '7004',
      `Invalid parameter - ${field}`,
      /./,
    )
  })

  it('says why an address is refused: punycode for Unicode, not for a control character (ASCII, yet in no address)', async () => {
    const { post } = appWith()
    const detail = async (from: string) =>
      (await post(emailTo('ann@a.test', { from }))).headers.get('x-emulator-detail')
    expect(await detail('news@bücher.example')).toMatch(/punycode/)
    for (const from of ['news@brand.test\u0000', 'news\u0007@brand.test', 'News <news@brand.test\u007f>'])
      expect(await detail(from), JSON.stringify(from)).toMatch(
        /^expected the sender's email address.*without control characters$/,
      )
  })

  it('answers 400 7009 past 1000 destinations, counting to, cc and bcc', async () => {
    // An SES asset's own limit (50) is lifted to the API's, to reach the API's.
    const { post } = appWith({ recipientLimit: { max: 1000 } })
    const addresses = Array.from({ length: 999 }, (_, i) => `u${i}@a.test`)
    expect((await post(emailTo(addresses, { cc: ['c@a.test'] }))).status).toBe(201)
    await expectVendorError(
      await post(emailTo(addresses, { cc: ['c@a.test'], bcc: ['b@a.test'] })),
      400,
      '7009',
      'Max number of destination address limited to 1000',
    )
  })

  it('answers 413 for a body over the limit, and keeps earlier messages', async () => {
    const { post, emulator } = appWith({ limits: { maxBodyBytes: 1024 } })
    await post(emailTo('ann@a.test'))
    await expectVendorError(
      await post(emailTo('ann@a.test', { content: { type: 'text', subject: 's', text: 'x'.repeat(2000) } })),
      413,
      '413',
      /larger than 1024 bytes/,
    )
    expect(emulator.messages()).toHaveLength(1)
  })

  it('answers 415 for a non-JSON content type', async () => {
    const { post } = appWith()
    await expectVendorError(
      await post('a=b', { key: 'k', 'content-type': 'application/x-www-form-urlencoded' }),
      415,
      '415',
      /send the body as JSON/,
    )
  })

  it('answers 405 with Allow for other methods on /v2/messages, and 404 JSON for unknown routes', async () => {
    const { app } = appWith()
    const get = await app.request('/v2/messages')
    expect(get.headers.get('allow')).toBe('POST')
    await expectVendorError(get, 405, '405', 'GET is not allowed on /v2/messages: use POST')
    await expectVendorError(
      await app.request('/v1/messages', { method: 'POST' }),
      404,
      '404',
      /^No route for POST \/v1\/messages/,
    )
  })
})

describe('authentication', () => {
  const secret = Buffer.from('service-secret').toString('base64')
  const services = [{ id: 'svc-1', name: 'Shop', key: 'live-key', secret }]
  const now = () => Math.floor(Date.now() / 1000)

  async function expectUnauthorized(response: Response, why?: RegExp) {
    expect(response.status).toBe(401)
    expect(await response.text()).toBe('')
    if (why) expect(response.headers.get('x-emulator-detail')).toMatch(why)
  }

  it('answers 401 with an empty body when no credentials are sent', async () => {
    const { post } = appWith()
    await expectUnauthorized(await post(emailTo('ann@a.test'), {}), /no "key" header/)
    await expectUnauthorized(await post(emailTo('ann@a.test'), { key: '  ' }), /no "key" header/)
  })

  it('accepts any non-empty key when none are configured', async () => {
    const { post } = appWith()
    expect((await post(emailTo('ann@a.test'), { key: 'whatever' })).status).toBe(201)
  })

  it('accepts only configured keys when serviceKeys or services are set', async () => {
    const { post } = appWith({ serviceKeys: ['k1'], services })
    expect((await post(emailTo('ann@a.test'), { key: 'k1' })).status).toBe(201)
    expect((await post(emailTo('ann@a.test'), { key: 'live-key' })).status).toBe(201)
    await expectUnauthorized(await post(emailTo('ann@a.test'), { key: 'wrong' }), /not a configured service key/)
  })

  it('accepts a fresh HS256 JWT signed with the base64-decoded secret and iss = service id', async () => {
    const { post, emulator } = appWith({ services })
    const token = signJwt({ iss: 'svc-1', iat: now() }, secret)
    const response = await post(emailTo('ann@a.test'), { authorization: `Bearer ${token}` })
    expect(response.status).toBe(201)
    expect(emulator.message((await response.json()).messageId)!.serviceId).toBe('svc-1')
  })

  it.each([
    [
      'signed with another secret',
      () => signJwt({ iss: 'svc-1', iat: now() }, Buffer.from('other').toString('base64')),
    ],
    ['older than 60 minutes', () => signJwt({ iss: 'svc-1', iat: now() - 3601 }, secret)],
    ['without iat', () => signJwt({ iss: 'svc-1' }, secret)],
    ['for an unknown service', () => signJwt({ iss: 'svc-2', iat: now() }, secret)],
    ['with alg none', () => signJwt({ iss: 'svc-1', iat: now() }, secret, { alg: 'none' })],
    ['that is not a JWT', () => 'garbage'],
  ])('rejects a JWT %s', async (_, token) => {
    const { post } = appWith({ services })
    await expectUnauthorized(await post(emailTo('ann@a.test'), { authorization: `Bearer ${token()}` }))
  })

  it('lets the JWT win when both are sent: a bad JWT fails even with a good key', async () => {
    const { post } = appWith({ services })
    const bad = signJwt({ iss: 'svc-1', iat: now() - 7200 }, secret)
    await expectUnauthorized(await post(emailTo('ann@a.test'), { key: 'live-key', authorization: `Bearer ${bad}` }))
    const good = signJwt({ iss: 'svc-1', iat: now() }, secret)
    expect((await post(emailTo('ann@a.test'), { key: 'wrong', authorization: `Bearer ${good}` })).status).toBe(201)
  })

  it('checks auth before reading the body', async () => {
    const { post } = appWith()
    await expectUnauthorized(await post('{broken', {}))
  })
})

describe('inspection routes', () => {
  it('reports health, messages with recipients and receipts, and webhook deliveries', async () => {
    const { app, post, emulator } = appWith({ webhooks: { targets: [{ url: 'http://app.test/h' }] } })
    const { messageId } = await (await post(emailTo('ann@a.test'))).json()
    await emulator.runUntilIdle()
    expect(await (await app.request('/_emulator/health')).json()).toEqual({ status: 'ok' })
    const { messages } = await (await app.request('/_emulator/messages')).json()
    expect(messages[0].recipients[0]).toMatchObject({
      address: 'ann@a.test',
      status: 'Delivered',
      fate: 'delivered (default)',
    })
    expect(messages[0].recipients[0].receipts.map((r: any) => r.code)).toEqual(['7501', '7500'])
    expect((await (await app.request(`/_emulator/messages/${messageId}`)).json()).messageId).toBe(messageId)
    const { deliveries } = await (await app.request('/_emulator/webhooks')).json()
    expect(deliveries.map((d: any) => [d.event, d.state, d.attempts.length])).toEqual([
      ['7501', 'delivered', 1],
      ['7500', 'delivered', 1],
    ])
    // The control API answers in its own error shape: the code names the error.
    await expectVendorError(
      await app.request('/_emulator/messages/nope'),
      404,
      'not_found',
      /No message with id "nope"/,
    )
  })
})

describe('an SES asset takes at most 50 recipients per request (recipientLimit)', () => {
  const many = (n: number) => Array.from({ length: n }, (_, i) => `u${i}@a.test`)

  it('answers 400 7009 "Recipient count exceeds 50" past 50 recipients in to, cc and bcc', async () => {
    const { post, emulator } = appWith()
    expect((await post(emailTo(many(49), { cc: ['c@a.test'] }))).status).toBe(201)
    await expectVendorError(
      await post(emailTo(many(49), { cc: ['c@a.test'], bcc: ['b@a.test'] })),
      400,
      '7009',
      'Recipient count exceeds 50',
      /51 recipients/,
    )
    expect(emulator.messages()).toHaveLength(1)
  })

  it('accepts and fails every recipient with a Failed receipt when answer is "fail-recipients"', async () => {
    const { post, emulator } = appWith({ recipientLimit: { max: 3, answer: 'fail-recipients' } })
    const response = await post(emailTo(many(4)))
    expect(response.status).toBe(201)
    await emulator.runUntilIdle()
    const { recipients } = emulator.message((await response.json()).messageId)!
    expect(recipients).toHaveLength(4)
    for (const recipient of recipients) {
      expect(recipient.receipts.map((r) => [r.status, r.code, r.description])).toEqual([
        ['Failed', '7009', 'Recipient count exceeds 3'],
      ])
    }
  })
})
