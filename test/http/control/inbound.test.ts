import { describe, expect, it } from 'vitest'
import { dataStreamSeedExamples, shapeOf, webhookSeedExamples } from '../../support/seed-fixtures.js'
import { controlApp, mail, receiptsIn } from './control-app.js'

const seed000 = (event: string) => webhookSeedExamples.find((e) => e.event === event)
const seed001 = (event: string) => dataStreamSeedExamples.find((e) => e.event === event)

/** Targets: receipts only (no events), inbound in each format, and MO only. */
function inboundApp() {
  return controlApp({
    config: {
      webhooks: {
        targets: [
          { url: 'http://app.test/receipts' },
          { url: 'http://app.test/inbound', events: ['inbound'] },
          { url: 'http://app.test/stream', format: 'datastream', events: ['inbound'] },
          { url: 'http://app.test/mo', events: ['mo'] },
        ],
      },
    },
  })
}

const threeAttachments = ['build-impl.xml', 'project.xml', 'groovy-build.xml'].map((name) => ({
  name,
  contentType: 'application/xml',
  content: 'PHhtbC8+',
}))

describe('POST /_emulator/inbound/email', () => {
  it('posts the MO to targets that opted in, in the outbound-webhook format key for key as seed 000', async () => {
    const { call, sink, emulator } = inboundApp()
    const { status, body } = await call('POST', '/_emulator/inbound/email', {
      from: 'sender@domain.tld',
      to: 'destination@domain.tld',
      subject: 'Email Subject Line',
      text: 'Cheers',
      html: '<p>Cheers</p>',
      replyTo: 'replyto@domain.com',
      attachments: threeAttachments,
    })
    expect(status).toBe(201)
    expect(body).toMatchObject({
      event: 'MO',
      from: 'sender@domain.tld',
      to: ['destination@domain.tld'],
      subject: 'Email Subject Line',
      deliveries: 3,
    })
    await emulator.advance(0)
    expect(sink.map((r) => r.url).sort()).toEqual([
      'http://app.test/inbound',
      'http://app.test/mo',
      'http://app.test/stream',
    ])
    const mo = sink.find((r) => r.url === 'http://app.test/inbound')!.payload
    expect(shapeOf(mo)).toEqual(shapeOf(seed000('MO')))
    expect(mo).toMatchObject({
      event: 'MO',
      channel: 'email',
      from: '[sender@domain.tld]',
      to: ['destination@domain.tld'],
      returnPath: 'replyto@domain.com',
      textMessage: 'Cheers',
      htmlMessage: '<p>Cheers</p>',
      tid: body.tid,
    })
    expect(mo.attachments[0]).toEqual({
      content: 'PHhtbC8+',
      name: 'build-impl.xml',
      contentType: 'application/xml',
      contentTransferEncoding: 'base64',
    })
    expect(mo.messageId).toMatch(/^[0-9a-z]{40}$/)
  })

  it('in the data-stream format matches seed 001 key for key, with attachments and to as JSON strings', async () => {
    const { call, sink, emulator } = inboundApp()
    await call('POST', '/_emulator/inbound/email', {
      from: 'customer@domain.tld',
      to: ['support@brand.test'],
      subject: 'Send mail with multiple Attachments',
      attachments: [
        { name: 'Audio_MP3_700kb.mp3', contentType: 'audio/mpeg', url: 'https://files.test/a.mp3' },
        { name: 'Audio_OGG.ogg', contentType: 'audio/ogg' },
        { name: 'sample_3gp.3gp', contentType: 'video/3gpp' },
      ],
    })
    await emulator.advance(0)
    const stream = sink.find((r) => r.url === 'http://app.test/stream')!.payload
    const seed = seed001('Inbound Message')
    expect(shapeOf(stream)).toEqual(shapeOf(seed))
    expect(typeof stream.attachments).toBe('string')
    expect(shapeOf(JSON.parse(stream.attachments))).toEqual(shapeOf(JSON.parse(seed.attachments)))
    expect(JSON.parse(stream.attachments)[0]).toEqual({
      name: 'Audio_MP3_700kb.mp3',
      contentType: 'audio/mpeg',
      url: 'https://files.test/a.mp3',
    })
    expect(JSON.parse(stream.to)).toEqual(['"support@brand.test" <support@brand.test>'])
    expect(stream).toMatchObject({
      event: 'Inbound Message',
      event_identifier: 'MO',
      channel: 'Email',
      channel_identifier: 'EMAIL',
      from: 'customer@domain.tld',
      transid: stream.tid,
    })
  })

  it('is listed under GET /_emulator/inbound', async () => {
    const { call } = inboundApp()
    const injected = (
      await call('POST', '/_emulator/inbound/email', { from: 'c@a.test', to: 'me@brand.test', subject: 'Hi' })
    ).body
    expect((await call('GET', '/_emulator/inbound')).body).toEqual({ events: [injected] })
  })
})

describe('POST /_emulator/inbound/unsubscribe and /subscribe', () => {
  it("Unsubscribe matches both seeds key for key, goes only to inbound targets, and makes that sender's mail fail with 7241", async () => {
    const ctx = inboundApp()
    const { status, body } = await ctx.call('POST', '/_emulator/inbound/unsubscribe', {
      from: 'customer@domain.tld',
      senderId: 'promotions@mail.clientdomain.tld',
      correlationId: 'c-1',
    })
    expect(status).toBe(201)
    expect(body).toMatchObject({
      event: 'Unsubscribe',
      from: 'customer@domain.tld',
      to: ['promotions@mail.clientdomain.tld'],
      deliveries: 2,
    })
    await ctx.emulator.advance(0)
    const hook = ctx.sink.find((r) => r.url === 'http://app.test/inbound')!.payload
    const stream = ctx.sink.find((r) => r.url === 'http://app.test/stream')!.payload
    expect(ctx.sink).toHaveLength(2)
    expect(shapeOf(hook)).toEqual(shapeOf(seed000('Unsubscribe')))
    expect(shapeOf(stream)).toEqual(shapeOf(seed001('Unsubscribe')))
    expect(hook).toMatchObject({
      channel: 'Email',
      event: 'Unsubscribe',
      from: 'customer@domain.tld',
      senderId: 'promotions@mail.clientdomain.tld',
      correlationId: 'c-1',
    })
    expect((await ctx.call('GET', '/_emulator/unsubscribes')).body.entries).toMatchObject([
      { sender: 'promotions@mail.clientdomain.tld', address: 'customer@domain.tld' },
    ])

    ctx.sink.length = 0
    await ctx.send(mail('customer@domain.tld', { from: 'promotions@mail.clientdomain.tld' }))
    await ctx.emulator.advance(0)
    expect(receiptsIn(ctx.sink)).toContainEqual([
      'customer@domain.tld',
      'Failed',
      'unsubscribed : promotions@mail.clientdomain.tld',
    ])
  })

  it("Subscribe matches both seeds key for key and lets that sender's mail through again", async () => {
    const ctx = inboundApp()
    await ctx.call('POST', '/_emulator/inbound/unsubscribe', {
      from: 'customer@domain.tld',
      senderId: 'promotions@mail.clientdomain.tld',
    })
    await ctx.call('POST', '/_emulator/inbound/subscribe', {
      from: 'customer@domain.tld',
      senderId: 'promotions@mail.clientdomain.tld',
    })
    await ctx.emulator.advance(0)
    const hook = ctx.sink.find((r) => r.url === 'http://app.test/inbound' && r.payload.event === 'Subscribe')!.payload
    const stream = ctx.sink.find((r) => r.url === 'http://app.test/stream' && r.payload.event === 'Subscribe')!.payload
    expect(shapeOf(hook)).toEqual(shapeOf(seed000('Subscribe')))
    expect(shapeOf(stream)).toEqual(shapeOf(seed001('Subscribe')))
    expect((await ctx.call('GET', '/_emulator/unsubscribes')).body.entries).toEqual([])

    ctx.sink.length = 0
    await ctx.send(mail('customer@domain.tld', { from: 'promotions@mail.clientdomain.tld' }))
    await ctx.emulator.advance(0)
    expect(receiptsIn(ctx.sink)[0]).toEqual(['customer@domain.tld', 'Submitted', 'Submitted'])
  })
})

describe('ooto@simulator.amazonses.com', () => {
  it('answers with an out-of-office reply that arrives as inbound MO mail', async () => {
    const ctx = inboundApp()
    await ctx.send(mail('ooto@simulator.amazonses.com', { from: 'news@brand.test' }))
    await ctx.emulator.advance(60_000)
    const mo = ctx.sink.find((r) => r.url === 'http://app.test/mo')!.payload
    expect(shapeOf({ ...mo, attachments: [] })).toEqual(shapeOf({ ...seed000('MO'), attachments: [] }))
    expect(mo).toMatchObject({
      event: 'MO',
      from: '[ooto@simulator.amazonses.com]',
      to: ['news@brand.test'],
      subject: 'Automatic reply: Hello',
    })
    expect((await ctx.call('GET', '/_emulator/inbound')).body.events).toMatchObject([
      { event: 'MO', from: 'ooto@simulator.amazonses.com' },
    ])
  })
})

describe('inbound routes refuse bad input and change nothing', () => {
  it.each([
    ['/_emulator/inbound/email', '{"from":', 400, 'invalid_json', /Invalid JSON/],
    ['/_emulator/inbound/email', { to: 'me@brand.test' }, 400, 'invalid_request', /"from"/],
    ['/_emulator/inbound/email', { from: 'c@a.test' }, 400, 'invalid_request', /"to"/],
    ['/_emulator/inbound/email', { from: 'c@a.test', to: [] }, 400, 'invalid_request', /to/],
    [
      '/_emulator/inbound/email',
      { from: 'c@a.test', to: 'me@brand.test', subject: 5 },
      400,
      'invalid_request',
      /subject.*expected string/,
    ],
    [
      '/_emulator/inbound/email',
      { from: 'c@a.test', to: 'me@brand.test', attachments: [{ contentType: 'text/plain' }] },
      400,
      'invalid_request',
      /attachments\[0\]\.name/,
    ],
    // The MO says "contentTransferEncoding": "base64" (seed 000): plain text there would lie.
    [
      '/_emulator/inbound/email',
      { from: 'c@a.test', to: 'me@brand.test', attachments: [{ name: 'a.txt', content: 'Hello, world!' }] },
      400,
      'invalid_request',
      /attachments\[0\]\.content.*base64/,
    ],
    [
      '/_emulator/inbound/email',
      { from: 'c@a.test', to: 'me@brand.test', body: 'hi' },
      400,
      'invalid_request',
      /Unrecognized key: "body"/,
    ],
    ['/_emulator/inbound/unsubscribe', '', 400, 'invalid_json', /empty/],
    ['/_emulator/inbound/unsubscribe', { from: 'c@a.test' }, 400, 'invalid_request', /"senderId"/],
    [
      '/_emulator/inbound/unsubscribe',
      { from: 'c@a.test', sender: 's@a.test' },
      400,
      'invalid_request',
      /senderId|sender/,
    ],
    ['/_emulator/inbound/subscribe', [], 400, 'invalid_request', /expected a JSON object/],
    [
      '/_emulator/inbound/subscribe',
      { from: 'c@a.test', senderId: 's@a.test', correlationId: 1 },
      400,
      'invalid_request',
      /correlationId.*expected string/,
    ],
  ])('POST %s %j answers %i %s', async (path, body, status, code, message) => {
    const ctx = inboundApp()
    await ctx.expectRefused('POST', path, body, status, code, message)
  })

  // A free-form field thousands of levels deep passed its schema, then overflowed the stack when
  // the webhook was serialised: a 500 (found by a fuzzer). Bodies are refused past 64 levels.
  const nested = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`
  it.each([
    ['/_emulator/inbound/fb', `{"psid":"p","attachments":[${nested(5000)}]}`],
    ['/_emulator/inbound/whatsapp', `{"waid":"447700900002","contacts":[${nested(5000)}]}`],
    ['/_emulator/inbound/email', `{"from":"c@a.test","to":"me@brand.test","x":${nested(64)}}`],
  ])('POST %s nested too deep answers 400 naming the depth', async (path, body) => {
    await inboundApp().expectRefused('POST', path, body, 400, 'invalid_json', /more than 64 levels deep/)
  })

  it('reads a body 64 levels deep (then its schema judges it)', async () => {
    const body = `{"from":"c@a.test","to":"me@brand.test","x":${nested(63)}}`
    await inboundApp().expectRefused('POST', '/_emulator/inbound/email', body, 400, 'invalid_request', /"x"/)
  })

  it('counts only brackets outside strings, escaped quotes included', async () => {
    const { call } = inboundApp()
    const subject = `say "${'['.repeat(200)}`
    const { status } = await call('POST', '/_emulator/inbound/email', {
      from: 'c@a.test',
      to: 'me@brand.test',
      subject,
      text: '{'.repeat(200),
    })
    expect(status).toBe(201)
  })
})

describe('POST /_emulator/inbound/email, odd attachment names', () => {
  it('takes a name with a lone surrogate (valid JSON), writing it as U+FFFD in the attachment URL', async () => {
    const { call, sink, emulator } = inboundApp()
    const { status } = await call('POST', '/_emulator/inbound/email', {
      from: 'sender@domain.tld',
      to: 'destination@domain.tld',
      attachments: [{ name: '\ud800report\udc00.pdf', contentType: 'application/pdf', content: 'JVBERi0=' }],
    })
    expect(status).toBe(201)
    await emulator.advance(0)
    // The data-stream format links each attachment.
    const stream = JSON.stringify(sink.find((r) => r.url === 'http://app.test/stream')!.payload)
    expect(stream).toContain('/%EF%BF%BDreport%EF%BF%BD.pdf')
  })
})
