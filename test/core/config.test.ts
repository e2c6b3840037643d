import { describe, expect, it } from 'vitest'
import { parseConfig } from '../../src/core/parse-config.js'
import { configSchema } from '../../src/core/schemas/config.js'
import { controlApp } from '../http/control/control-app.js'

describe('the config', () => {
  it('keeps each channel in its slice, and reads the email keys that used to sit at the top as its own', () => {
    const legacy = parseConfig({ sandbox: { enabled: true }, bounceRetention: '1d', delays: { delivered: 10 } })
    const sliced = parseConfig({
      email: { sandbox: { enabled: true }, bounceRetention: '1d', delays: { delivered: 10 } },
    })
    expect(legacy).toEqual(sliced)
    expect(sliced.email).toMatchObject({
      sandbox: { enabled: true },
      bounceRetention: 86_400_000,
      delays: { delivered: 10 },
    })
    expect(configSchema.parse({ suppressed: ['a@x.test'] }).email.suppressed).toEqual(['a@x.test'])
  })

  it('refuses a key set both at the top and in its slice, naming both', () => {
    expect(() => parseConfig({ sandbox: { enabled: true }, email: { sandbox: { enabled: false } } })).toThrow(
      /"sandbox" is set both at the top and as "email\.sandbox"/,
    )
  })

  it.each([
    [
      { email: { sandbox: { verifed: ['a@x.test'] } } },
      'unknown key "email.sandbox.verifed" (did you mean "verified"?)',
    ],
    [{ sandbox: { verifed: ['a@x.test'] } }, 'unknown key "email.sandbox.verifed" (did you mean "verified"?)'],
    [{ webhooks: { retry: 3 } }, 'unknown key "webhooks.retry" (did you mean "retries"?)'],
    [
      { webhooks: { targets: [{ url: 'http://a.test', fromat: 'webhook' }] } },
      'unknown key "webhooks.targets[0].fromat" (did you mean "format"?)',
    ],
    [{ delays: { deliverd: 5 } }, 'unknown key "email.delays.deliverd" (did you mean "delivered"?)'],
    [{ limits: { maxMessage: 5 } }, 'unknown key "limits.maxMessage" (did you mean "maxMessages"?)'],
    [{ rules: [{ adress: 'a@x.test', outcome: 'bounce' }] }, 'unknown key "rules[0].adress" (did you mean "address"?)'],
    [{ tenant: { appid: 'x' } }, 'unknown key "tenant.appid" (did you mean "appId"?)'],
    [{ timezone: 'UTC' }, 'unknown key "timezone" (did you mean "timeZone"?)'],
    [{ isolate: 'service' }, 'unknown key "isolate" (did you mean "isolation"?)'],
    [{ limits: { maxTenant: 5 } }, 'unknown key "limits.maxTenant" (did you mean "maxTenants"?)'],
    [{ isolation: 'worker' }, 'isolation: Invalid option: expected one of "none"|"service"'],
    [{ chaos: { rateLimitPerSecond: 5 } }, '"chaos.rateLimitPerSecond" moved: it is "rateLimit.perSecond" now'],
  ])('refuses a misspelt key at any depth: %j', (config, message) => {
    expect(() => parseConfig(config)).toThrow(message)
  })

  it('refuses webhook target headers a request could not carry (line breaks, bad names)', () => {
    expect(() =>
      parseConfig({ webhooks: { targets: [{ url: 'http://a.test', headers: { 'x-a': 'one\r\ntwo' } }] } }),
    ).toThrow(/webhooks\.targets\[0\]\.headers\.x-a: a header value cannot hold line breaks/)
    expect(() =>
      parseConfig({ webhooks: { targets: [{ url: 'http://a.test', headers: { 'bad name': 'x' } }] } }),
    ).toThrow(/not a valid HTTP header name/)
  })

  // Each was taken, then made every delivery to the target fail in undici (found by a fuzzer).
  it.each([
    [{ 'x-a': '😀' }, /headers\.x-a: a header value is bytes: characters past U\+00FF/],
    [{ 'Content-Length': '5' }, /headers\.Content-Length: set by the HTTP client for each POST/],
    [{ 'transfer-encoding': 'chunked' }, /set by the HTTP client/],
    [{ expect: '100-continue' }, /set by the HTTP client/],
    [{ upgrade: 'h2c' }, /set by the HTTP client/],
    [{ 'keep-alive': 'timeout=5' }, /set by the HTTP client/],
  ])('refuses target headers %j, which no POST could carry', (headers, message) => {
    expect(() => parseConfig({ webhooks: { targets: [{ url: 'http://a.test', headers }] } })).toThrow(message)
  })

  it('takes a Latin-1 header value (header values are bytes), and a header the POST does not set itself', () => {
    const headers = { 'x-team': 'Équipe café', authorization: 'Bearer t' }
    expect(
      parseConfig({ webhooks: { targets: [{ url: 'http://a.test', headers }] } }).webhooks.targets[0]!.headers,
    ).toEqual(headers)
  })

  it('refuses the same through the control API, and changes nothing', async () => {
    const { expectRefused } = controlApp()
    await expectRefused(
      'POST',
      '/_emulator/webhooks/targets',
      { url: 'http://a.test/h', headers: { 'x-a': 'one\ntwo' } },
      400,
      'invalid_request',
      /headers\.x-a.*line breaks/,
    )
    await expectRefused(
      'PATCH',
      '/_emulator/webhooks/targets/t1',
      { headers: { 'x:y': 'v' } },
      400,
      'invalid_request',
      /header name/,
    )
  })

  it('takes rules for a named channel, and refuses a channel, key or outcome that does not fit', () => {
    expect(parseConfig({ rules: [{ channel: 'email', domain: 'x.test', outcome: 'bounce' }] }).rules).toHaveLength(1)
    const { emulator } = controlApp()
    expect(() => emulator.addRule({ channel: 'fax', address: 'a@x.test', outcome: 'bounce' })).toThrow(
      /"fax" is not a channel/,
    )
    expect(() => emulator.addRule({ channel: 'email', number: '+447700900123', outcome: 'bounce' })).toThrow(
      /the email channel matches on "number"/,
    )
    expect(() => emulator.addRule({ domain: 'x.test', outcome: 'explode' })).toThrow(/"explode" is not an outcome/)
  })

  it('refuses a rule regex that could backtrack forever, and matches globs in linear time', async () => {
    const { emulator } = controlApp()
    expect(() => emulator.addRule({ regex: '^(a+)+$', outcome: 'bounce' })).toThrow(
      /repeated group that holds a quantifier/,
    )
    emulator.addRule({ glob: '*a*a*a*a*a*a*a*a*b', outcome: 'bounce' })
    const started = performance.now()
    const { messageId } = emulator.send({
      channel: 'email',
      from: 'me@x.test',
      to: [{ email: [`${'a'.repeat(45)}@aaaaaa.test`] }],
      content: { type: 'text', subject: 's', text: 't' },
    })
    await emulator.runUntilIdle()
    expect(emulator.message(messageId)!.recipients[0]!.status).toBe('Delivered')
    // The backtracking regex the old glob became took over 20 s on this; the scan takes microseconds.
    expect(performance.now() - started).toBeLessThan(5_000)
  })
})

describe('config: origins, a config that is not an object, and every problem at once', () => {
  it('keeps "*" and an origin as written, and refuses a URL with a path', () => {
    expect(parseConfig({ server: { allowedOrigins: ['*', 'http://localhost:3000/'] } }).server.allowedOrigins).toEqual([
      '*',
      'http://localhost:3000',
    ])
    expect(() => parseConfig({ server: { allowedOrigins: ['http://localhost:3000/app'] } })).toThrow(
      /server\.allowedOrigins\[0\]: "http:\/\/localhost:3000\/app" is not an origin/,
    )
  })

  it('refuses a list or a string as the config with invalid_config, not a TypeError; null means the defaults', () => {
    for (const input of [[], 'text', 5]) {
      expect(() => configSchema.parse(input), JSON.stringify(input)).toThrow(/expected object/)
      expect(() => parseConfig(input), JSON.stringify(input)).toThrow(
        expect.objectContaining({
          code: 'invalid_config',
          message: expect.stringMatching(/^Invalid config: \(root\): .*expected object/),
        }),
      )
    }
    // An empty YAML file reads as null: the defaults, as no file at all; the schema itself refuses it.
    expect(parseConfig(null)).toEqual(parseConfig(undefined))
    expect(() => configSchema.parse(null)).toThrow(/expected object/)
    // An old top-level key beside a channel slice that is not an object stays at the top, refused.
    expect(() => parseConfig({ email: [], suppressed: ['a@x.test'] })).toThrow(/^Invalid config: email: /)
  })

  it('refuses a blank entry in the email lists and a consent group id no request could name, naming each', () => {
    expect(() => parseConfig({ email: { suppressed: ['a@x.test', ' '] } })).toThrow(
      /^Invalid config: email\.suppressed\[1\]: an address cannot be blank/,
    )
    expect(() => parseConfig({ email: { unsubscribed: [{ sender: '', address: 'a@x.test' }] } })).toThrow(
      /^Invalid config: email\.unsubscribed\[0\]\.sender: an address cannot be blank/,
    )
    expect(() => parseConfig({ email: { sandbox: { verified: ['@'] } } })).toThrow(
      /^Invalid config: email\.sandbox\.verified\[0\]: a domain cannot be blank/,
    )
    expect(() => parseConfig({ contactPolicy: { groups: [{ id: 'g1 ' }] } })).toThrow(
      /^Invalid config: contactPolicy\.groups\[0\]\.id: a group id cannot be blank or begin or end with spaces/,
    )
    // An inbound keyword's group too: a STOP would otherwise be refused at every inbound SMS.
    expect(() => parseConfig({ sms: { keywords: [{ keyword: 'STOP', group: ' marketing ' }] } })).toThrow(
      /^Invalid config: sms\.keywords\[0\]\.group: a group id cannot be blank or begin or end with spaces/,
    )
    // With unknownGroups "reject" a keyword's group must be defined: its STOP would be refused (a
    // group one was created on the fly, which that setting says the tenant does not have).
    expect(() =>
      parseConfig({
        contactPolicy: { unknownGroups: 'reject', groups: [{ id: 'marketing' }] },
        sms: {
          keywords: [
            { keyword: 'STOP', group: 'marketing' },
            { keyword: 'STOP', group: 'offers' },
          ],
        },
      }),
    ).toThrow(
      /^Invalid config: sms\.keywords\[1\]\.group: "STOP" records consent in group "offers", which contactPolicy\.groups does not define/,
    )
    expect(parseConfig({ sms: { keywords: [{ keyword: 'STOP', group: 'offers' }] } }).sms.keywords).toHaveLength(1)
    // Each group once, and each keyword once per group in any case: the last entry won in silence.
    expect(() =>
      parseConfig({ contactPolicy: { groups: [{ id: 'a', type: 'allow' }, { id: 'b' }, { id: 'a' }] } }),
    ).toThrow(
      /^Invalid config: contactPolicy\.groups\[2\]\.id: group "a" is already defined at contactPolicy\.groups\[0\]/,
    )
    expect(() =>
      parseConfig({
        sms: {
          keywords: [
            { keyword: 'STOP', group: 'a' },
            { keyword: 'STOP', group: 'b' },
            { keyword: 'stop', group: 'a', consent: true },
          ],
        },
      }),
    ).toThrow(
      /^Invalid config: sms\.keywords\[2\]\.keyword: "stop" for group "a" is already listed at sms\.keywords\[0\]/,
    )
    expect(() =>
      parseConfig({
        contactPolicy: {
          groups: [
            {
              id: 'a',
              members: [
                { channel: 'text', address: '+44 7700 900123', consent: true },
                { channel: 'email', address: '447700900123', consent: true },
                { channel: 'text', address: '447700900123', consent: false },
              ],
            },
          ],
        },
      }),
    ).toThrow(
      /^Invalid config: contactPolicy\.groups\[0\]\.members\[2\]\.address: text 447700900123 is already a member at members\[0\]/,
    )
    // Spaces around an address are trimmed, as everywhere else.
    expect(parseConfig({ email: { suppressed: [' A@x.test '] } }).email.suppressed).toEqual(['A@x.test'])
  })

  it('names every problem, joined by "; "', () => {
    expect(() => parseConfig({ seed: 'x', server: { port: -1 } })).toThrow(
      /^Invalid config: seed: [^;]+; unknown key "server\.port"/,
    )
  })
})
