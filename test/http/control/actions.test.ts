import { describe, expect, it } from 'vitest'
import { controlApp, mail, receiptsIn, textMail } from './control-app.js'

const target = { webhooks: { targets: [{ url: 'http://app.test/hooks' }] } }

async function held(message = mail('ann+hold@x.test')) {
  const ctx = controlApp({ config: target })
  const id = (await ctx.send(message)).body.messageId as string
  await ctx.emulator.advance(60_000)
  /** Acts, then lets the resulting webhooks go out (they are attempted on the clock, at once). */
  const act = async (body: unknown, address = 'ann+hold@x.test') => {
    const response = await ctx.call(
      'POST',
      `/_emulator/messages/${id}/recipients/${encodeURIComponent(address)}/actions`,
      body,
    )
    await ctx.emulator.advance(0)
    return response
  }
  return { ...ctx, id, act }
}

describe('POST /_emulator/messages/:id/recipients/:address/actions', () => {
  it('a held recipient gets Submitted, then waits: nothing more happens on its own', async () => {
    const { sink, emulator, id } = await held()
    await emulator.advance(86_400_000)
    expect(receiptsIn(sink)).toEqual([['ann+hold@x.test', 'Submitted', 'Submitted']])
    expect(emulator.message(id)!.recipients[0]!.fate).toBe('held for a manual action (magic address)')
  })

  it('deliver sends Delivered now, and answers with the recipient', async () => {
    const { act, sink } = await held()
    const { status, body } = await act({ action: 'deliver' })
    expect(status).toBe(200)
    expect(body.recipient).toMatchObject({ address: 'ann+hold@x.test', status: 'Delivered' })
    expect(receiptsIn(sink).at(-1)).toEqual(['ann+hold@x.test', 'Delivered', 'Delivered'])
  })

  it('bounce takes a subtype; a permanent one puts the address on the bounce list', async () => {
    const transient = await held()
    await transient.act({ action: 'bounce', type: 'mailboxfull' })
    expect(receiptsIn(transient.sink).at(-1)).toEqual(['ann+hold@x.test', 'Bounce', 'Transient_MailboxFull'])
    expect(transient.emulator.isSuppressed('ann+hold@x.test')).toBe(false)

    const permanent = await held()
    await permanent.act({ action: 'bounce', type: 'Permanent_NoEmail' })
    const bounce = permanent.sink.at(-1)!.payload.deliveryInfoNotification.deliveryInfo
    expect(bounce).toMatchObject({ deliveryStatus: 'Bounce', code: '7520', Description: 'Permanent_NoEmail' })
    expect(bounce.additionalInfo).toMatch(/^5\.1\.1\|failed\|smtp; 550/)
    expect(permanent.emulator.isSuppressed('ann+hold@x.test')).toBe(true)
  })

  it('complain takes a feedback type, after a Delivered it fills in', async () => {
    const { act, sink } = await held()
    await act({ action: 'complain', type: 'fraud' })
    expect(receiptsIn(sink).slice(1)).toEqual([
      ['ann+hold@x.test', 'Delivered', 'Delivered'],
      ['ann+hold@x.test', 'Complaint', 'fraud'],
    ])
  })

  it('read and click, repeatedly; click reports the link and the client', async () => {
    const { act, sink } = await held()
    await act({ action: 'read' })
    await act({ action: 'read' })
    await act({ action: 'click', url: 'https://brand.test/terms' })
    expect(receiptsIn(sink).slice(1)).toEqual([
      ['ann+hold@x.test', 'Delivered', 'Delivered'],
      ['ann+hold@x.test', 'Read', 'Read'],
      ['ann+hold@x.test', 'Read', 'Read'],
      ['ann+hold@x.test', 'Clicked', 'https://brand.test/terms|192.0.2.1'],
    ])
  })

  it('works for a recipient held by a rule too', async () => {
    const ctx = controlApp({ config: { ...target, rules: [{ domain: 'qa.test', outcome: 'hold' }] } })
    const id = (await ctx.send(mail('bob@qa.test'))).body.messageId
    await ctx.emulator.advance(0)
    expect(
      (await ctx.call('POST', `/_emulator/messages/${id}/recipients/bob@qa.test/actions`, { action: 'deliver' }))
        .status,
    ).toBe(200)
  })
})

describe('manual actions refused', () => {
  it('answers 409 for a recipient that is not held, naming its fate, and changes nothing', async () => {
    const ctx = controlApp({ config: target })
    const id = (await ctx.send(mail('ann@x.test'))).body.messageId
    await ctx.emulator.advance(0)
    await ctx.expectRefused(
      'POST',
      `/_emulator/messages/${id}/recipients/ann@x.test/actions`,
      { action: 'bounce' },
      409,
      'conflict',
      /not waiting for a manual action: its fate is delivered \(default\).*hold/,
    )
  })

  it.each([
    ['a second deliver', [{ action: 'deliver' }], { action: 'deliver' }, /already delivered/],
    [
      'a bounce after delivery',
      [{ action: 'deliver' }],
      { action: 'bounce' },
      /already delivered; it can still be read/,
    ],
    ['anything after a bounce', [{ action: 'bounce' }], { action: 'read' }, /already ended with a bounce/],
  ])('answers 409 to %s', async (_, before, action, message) => {
    const { act, id, expectRefused } = await held()
    for (const step of before) await act(step)
    await expectRefused(
      'POST',
      `/_emulator/messages/${id}/recipients/ann%2Bhold%40x.test/actions`,
      action,
      409,
      'conflict',
      message,
    )
  })

  it('answers 409 to read or click on text mail', async () => {
    const { id, expectRefused } = await held(textMail('ann+hold@x.test'))
    await expectRefused(
      'POST',
      `/_emulator/messages/${id}/recipients/ann+hold@x.test/actions`,
      { action: 'click' },
      409,
      'conflict',
      /text mail is never read or clicked/,
    )
  })

  it.each([
    ['malformed JSON', '{"action":', 400, 'invalid_json', /Invalid JSON/],
    ['an empty body', '', 400, 'invalid_json', /empty/],
    ['an array', [], 400, 'invalid_request', /expected a JSON object/],
    ['no action', {}, 400, 'invalid_request', /action/],
    ['an unknown action', { action: 'explode' }, 400, 'invalid_request', /action/],
    ['a wrong type', { action: 'bounce', type: 7 }, 400, 'invalid_request', /type.*expected string/],
    [
      'an unknown bounce type',
      { action: 'bounce', type: 'lost' },
      400,
      'invalid_request',
      /"lost" is not a bounce type: use general/,
    ],
    [
      'an unknown complaint type',
      { action: 'complain', type: 'rude' },
      400,
      'invalid_request',
      /"rude" is not a complaint type/,
    ],
    ['a click url that is not a URL', { action: 'click', url: 'here' }, 400, 'invalid_request', /url/],
    ['an unknown key', { action: 'bounce', subtype: 'general' }, 400, 'invalid_request', /Unrecognized key: "subtype"/],
  ])('answers %s with a clear 4xx and changes nothing', async (_, body, status, code, message) => {
    const { id, expectRefused } = await held()
    await expectRefused(
      'POST',
      `/_emulator/messages/${id}/recipients/ann+hold@x.test/actions`,
      body,
      status,
      code,
      message,
    )
  })

  it('answers 415 to a body that is not JSON', async () => {
    const { id, call, snapshot } = await held()
    const before = snapshot()
    const response = await call(
      'POST',
      `/_emulator/messages/${id}/recipients/ann+hold@x.test/actions`,
      'action=deliver',
      { 'content-type': 'application/x-www-form-urlencoded' },
    )
    expect(response.status).toBe(415)
    expect(response.body).toMatchObject({ code: 'unsupported_media_type' })
    expect(snapshot()).toBe(before)
  })

  it('answers 404 for an unknown message or recipient', async () => {
    const { id, expectRefused } = await held()
    await expectRefused(
      'POST',
      '/_emulator/messages/nope/recipients/ann+hold@x.test/actions',
      { action: 'deliver' },
      404,
      'not_found',
      /No message with id "nope"/,
    )
    await expectRefused(
      'POST',
      `/_emulator/messages/${id}/recipients/zed@x.test/actions`,
      { action: 'deliver' },
      404,
      'not_found',
      /no recipient "zed@x.test"; its recipients are ann\+hold@x.test/,
    )
  })
})
