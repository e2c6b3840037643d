import { describe, expect, it } from 'vitest'
import { controlApp, mail, receiptsIn } from './control-app.js'

const target = { webhooks: { targets: [{ url: 'http://app.test/hooks' }] } }
const day = 86_400_000

/** Sends one mail to `address` and returns its receipts so far. */
async function outcomeOf(ctx: ReturnType<typeof controlApp>, address: string, from = 'news@brand.test') {
  const before = ctx.sink.length
  await ctx.send(mail(address, { from }))
  await ctx.emulator.advance(0)
  return receiptsIn(ctx.sink.slice(before))
}

describe('/_emulator/suppression', () => {
  it('adds an address with the configured retention, an explicit one, or none; lists them with expiry times', async () => {
    const ctx = controlApp({ config: target })
    const now = ctx.emulator.now()
    const week = await ctx.call('POST', '/_emulator/suppression', { address: 'Ann@A.test' })
    expect(week).toMatchObject({
      status: 201,
      body: { address: 'ann@a.test', reason: 'added by hand', addedAt: now, expiresAt: now + 7 * day },
    })
    await ctx.call('POST', '/_emulator/suppression', { address: 'bob@a.test', for: '1h', reason: 'test' })
    await ctx.call('POST', '/_emulator/suppression', { address: 'cat@a.test', for: 'never' })
    const { body } = await ctx.call('GET', '/_emulator/suppression')
    expect(body.entries.map((e: any) => [e.address, e.expiresAt])).toEqual([
      ['ann@a.test', now + 7 * day],
      ['bob@a.test', now + 3_600_000],
      ['cat@a.test', null],
    ])
  })

  it('refuses sends to a listed address with 7240 until the entry expires', async () => {
    const ctx = controlApp({ config: target })
    await ctx.call('POST', '/_emulator/suppression', { address: 'bob@a.test', for: '1h' })
    expect(await outcomeOf(ctx, 'bob@a.test')).toEqual([['bob@a.test', 'Failed', 'already bounced : bob@a.test']])
    await ctx.emulator.advance(3_600_000)
    expect((await ctx.call('GET', '/_emulator/suppression')).body.entries).toEqual([])
    expect((await outcomeOf(ctx, 'bob@a.test'))[0]).toEqual(['bob@a.test', 'Submitted', 'Submitted'])
  })

  it('removes an address', async () => {
    const ctx = controlApp({ config: { ...target, suppressed: ['bob@a.test'] } })
    expect((await ctx.call('DELETE', '/_emulator/suppression/bob%40a.test')).status).toBe(204)
    expect((await ctx.call('GET', '/_emulator/suppression')).body.entries).toEqual([])
    expect((await outcomeOf(ctx, 'bob@a.test'))[0]![1]).toBe('Submitted')
  })
})

describe('/_emulator/unsubscribes', () => {
  it('adds a sender/address pair: that sender gets 7241, others do not; removing it ends that', async () => {
    const ctx = controlApp({ config: target })
    const added = await ctx.call('POST', '/_emulator/unsubscribes', {
      sender: 'News@brand.test',
      address: 'ann@a.test',
    })
    expect(added).toMatchObject({ status: 201, body: { sender: 'news@brand.test', address: 'ann@a.test' } })
    expect((await ctx.call('GET', '/_emulator/unsubscribes')).body.entries).toEqual([added.body])
    expect(await outcomeOf(ctx, 'ann@a.test')).toEqual([['ann@a.test', 'Failed', 'unsubscribed : news@brand.test']])
    expect((await outcomeOf(ctx, 'ann@a.test', 'billing@brand.test'))[0]![1]).toBe('Submitted')
    expect((await ctx.call('DELETE', '/_emulator/unsubscribes/news@brand.test/ann@a.test')).status).toBe(204)
    expect((await ctx.call('GET', '/_emulator/unsubscribes')).body.entries).toEqual([])
    expect((await outcomeOf(ctx, 'ann@a.test'))[0]![1]).toBe('Submitted')
  })
})

describe('/_emulator/sandbox', () => {
  it('turns sandbox mode on: unverified addresses get 7522, verified addresses and domains do not', async () => {
    const ctx = controlApp({ config: target })
    expect((await ctx.call('GET', '/_emulator/sandbox')).body).toEqual({ enabled: false, verified: [] })
    const on = await ctx.call('PUT', '/_emulator/sandbox', { enabled: true, verified: ['me@team.test', 'qa.test'] })
    expect(on).toMatchObject({ status: 200, body: { enabled: true, verified: ['me@team.test', 'qa.test'] } })
    expect(await outcomeOf(ctx, 'ann@a.test')).toEqual([
      ['ann@a.test', 'Not Verified', 'Account in sandbox mode. Destination email address is not verified'],
    ])
    expect((await outcomeOf(ctx, 'me@team.test'))[0]![1]).toBe('Submitted')
    expect((await outcomeOf(ctx, 'anyone@qa.test'))[0]![1]).toBe('Submitted')

    expect((await ctx.call('DELETE', '/_emulator/sandbox/verified/qa.test')).status).toBe(204)
    expect((await ctx.call('GET', '/_emulator/sandbox')).body.verified).toEqual(['me@team.test'])
    expect((await outcomeOf(ctx, 'anyone@qa.test'))[0]![1]).toBe('Not Verified')
    await ctx.call('PUT', '/_emulator/sandbox', { enabled: false })
    expect((await outcomeOf(ctx, 'anyone@qa.test'))[0]![1]).toBe('Submitted')
  })
})

describe('/_emulator/rules', () => {
  it('adds rules in match order and removes them by index', async () => {
    const ctx = controlApp({ config: target })
    await ctx.call('POST', '/_emulator/rules', { domain: 'full.test', outcome: 'bounce-mailboxfull' })
    const added = await ctx.call('POST', '/_emulator/rules', { glob: 'qa-*@brand.test', outcome: 'hold' })
    expect(added).toMatchObject({
      status: 201,
      body: {
        rules: [
          { domain: 'full.test', outcome: 'bounce-mailboxfull' },
          { glob: 'qa-*@brand.test', outcome: 'hold' },
        ],
      },
    })
    await ctx.send(mail('ann@full.test'))
    await ctx.emulator.advance(60_000)
    expect(receiptsIn(ctx.sink).at(-1)).toEqual(['ann@full.test', 'Bounce', 'Transient_MailboxFull'])

    expect((await ctx.call('DELETE', '/_emulator/rules/0')).status).toBe(204)
    expect((await ctx.call('GET', '/_emulator/rules')).body.rules).toEqual([
      { glob: 'qa-*@brand.test', outcome: 'hold' },
    ])
    await ctx.send(mail('bob@full.test'))
    await ctx.emulator.advance(60_000)
    expect(receiptsIn(ctx.sink).at(-1)).toEqual(['bob@full.test', 'Delivered', 'Delivered'])
  })
})

describe('state routes refuse bad input and change nothing', () => {
  it.each([
    ['POST', '/_emulator/suppression', '{', 400, 'invalid_json', /Invalid JSON/],
    ['POST', '/_emulator/suppression', {}, 400, 'invalid_request', /"address"/],
    ['POST', '/_emulator/suppression', { address: 42 }, 400, 'invalid_request', /address.*expected string/],
    [
      'POST',
      '/_emulator/suppression',
      { address: 'a@a.test', for: 'a while' },
      400,
      'invalid_request',
      /"a while" is not a duration/,
    ],
    [
      'POST',
      '/_emulator/suppression',
      { address: 'a@a.test', until: 'never' },
      400,
      'invalid_request',
      /Unrecognized key: "until"/,
    ],
    [
      'DELETE',
      '/_emulator/suppression/nobody@a.test',
      undefined,
      404,
      'not_found',
      /nobody@a.test is not on the bounce list/,
    ],
    ['POST', '/_emulator/unsubscribes', 'null', 400, 'invalid_request', /expected a JSON object/],
    ['POST', '/_emulator/unsubscribes', { address: 'a@a.test' }, 400, 'invalid_request', /"sender"/],
    ['POST', '/_emulator/unsubscribes', { sender: '', address: 'a@a.test' }, 400, 'invalid_request', /sender/],
    [
      'DELETE',
      '/_emulator/unsubscribes/news@brand.test/nobody@a.test',
      undefined,
      404,
      'not_found',
      /nobody@a.test is not unsubscribed from news@brand.test/,
    ],
    ['PUT', '/_emulator/sandbox', '{"enabled":tru}', 400, 'invalid_json', /Invalid JSON/],
    ['PUT', '/_emulator/sandbox', { enabled: 'yes' }, 400, 'invalid_request', /enabled.*expected boolean/],
    ['PUT', '/_emulator/sandbox', { verified: 'me@team.test' }, 400, 'invalid_request', /verified.*expected array/],
    ['PUT', '/_emulator/sandbox', { enable: true }, 400, 'invalid_request', /Unrecognized key: "enable"/],
    [
      'DELETE',
      '/_emulator/sandbox/verified/nobody@a.test',
      undefined,
      404,
      'not_found',
      /nobody@a.test is not verified/,
    ],
    ['POST', '/_emulator/rules', '', 400, 'invalid_json', /empty/],
    [
      'POST',
      '/_emulator/rules',
      { outcome: 'bounce' },
      400,
      'invalid_request',
      /exactly one of "address", "domain", "number", "prefix", "glob", "regex"/,
    ],
    [
      'POST',
      '/_emulator/rules',
      { domain: 'x.test', glob: '*', outcome: 'bounce' },
      400,
      'invalid_request',
      /exactly one of/,
    ],
    ['POST', '/_emulator/rules', { domain: 'x.test' }, 400, 'invalid_request', /"outcome"/],
    [
      'POST',
      '/_emulator/rules',
      { domain: 'x.test', outcome: 'explode' },
      400,
      'invalid_request',
      /outcome "explode" is not an outcome/,
    ],
    [
      'POST',
      '/_emulator/rules',
      { regex: '(', outcome: 'bounce' },
      400,
      'invalid_request',
      /regex is not a valid regular expression/,
    ],
    [
      'POST',
      '/_emulator/rules',
      { domain: 'x.test', outcome: 'bounce', name: 'mine' },
      400,
      'invalid_request',
      /Unrecognized key: "name"/,
    ],
    ['DELETE', '/_emulator/rules/7', undefined, 404, 'not_found', /No rule at index 7/],
    ['DELETE', '/_emulator/rules/first', undefined, 400, 'invalid_request', /"first" is not a rule index/],
  ])('%s %s %j answers %i %s', async (method, path, body, status, code, message) => {
    const ctx = controlApp({
      config: {
        ...target,
        suppressed: ['x@a.test'],
        sandbox: { verified: ['me@team.test'] },
        rules: [{ domain: 'r.test', outcome: 'bounce' }],
        unsubscribed: [{ sender: 'news@brand.test', address: 'u@a.test' }],
      },
    })
    await ctx.expectRefused(method, path, body, status, code, message)
  })
})
