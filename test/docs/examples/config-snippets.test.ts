// The config fragments the pages show, verbatim (test/docs/snippets.test.ts checks each page's block
// is in this file): each parses as written, strictly (an unknown or misplaced key would be refused
// by name), and means what the page around it says.
import { describe, expect, it } from 'vitest'
import { parseJsonc } from '../../../src/cli/parse-jsonc.js'
import { parseConfig } from '../../../src/core/parse-config.js'

const config = (text: string) => parseConfig(parseJsonc(text))

describe('config fragments in the documentation', () => {
  it('docs/ci.md: one service per key', () => {
    expect(
      config(`
{ "isolation": "service" }
`).isolation,
    ).toBe('service')
  })

  it('docs/control-api.md: the control API for another host and origin', () => {
    expect(
      config(`
{ "server": { "allowedHosts": ["emulator"], "allowedOrigins": ["http://localhost:3000"] } }
`).server,
    ).toMatchObject({ allowedHosts: ['emulator'], allowedOrigins: ['http://localhost:3000'] })
  })

  it('docs/mms-rcs.md: the rcs and mms slices', () => {
    const parsed = config(`
{
  "rcs": {
    "apps": ["a_1570171"],
    "templates": { "welcome": { "text": "Welcome to Pizza Place!" } },
    "defaultOutcome": "delivered",
    "carrier": "8",
    "serviceProvider": "GOOGLE",
    "fallbackOn": "failure",
    "delays": { "submitted": 0, "delivered": 2000, "read": 5000, "failed": 500, "slow": 60000 }
  },
  "mms": {
    "senders": ["15550001000"],
    "defaultOutcome": "delivered",
    "delays": { "submitted": 0, "delivered": 3000, "read": 6000, "clicked": 10000, "failed": 500 }
  }
}
`) as any
    expect(parsed.rcs).toMatchObject({ apps: ['a_1570171'], carrier: '8', fallbackOn: 'failure' })
    expect(parsed.mms).toMatchObject({ senders: ['15550001000'], delays: { clicked: 10000 } })
  })

  it('docs/vendor-api.md: the rate limit', () => {
    expect(
      config(`
{ "rateLimit": { "perSecond": 30, "perDay": 10000, "answer": "gateway" } }
`).rateLimit,
    ).toEqual({ perSecond: 30, perDay: 10000, answer: 'gateway' })
  })

  it('docs/webhooks.md: per-target faults', () => {
    const parsed = config(`
{
  "seed": 7,
  "webhooks": {
    "targets": [
      {
        "url": "http://127.0.0.1:3000/webhooks",
        "hubSecret": "s3cret",
        "faults": {
          "duplicate": 0.1,
          "reorder": 0.2,
          "delay": "500ms",
          "jitter": "2s",
          "dropFirstAttempt": 0.05,
          "badSignature": 0.02
        }
      }
    ]
  }
}
`)
    expect(parsed.seed).toBe(7)
    expect(parsed.webhooks.targets[0]).toMatchObject({ url: 'http://127.0.0.1:3000/webhooks', hubSecret: 's3cret' })
    expect(parsed.webhooks.targets[0]!.faults).toMatchObject({ duplicate: 0.1, delay: 500, jitter: 2000 })
  })

  it('docs/webhooks.md: API chaos', () => {
    expect(
      config(`
{ "chaos": { "errorRate": 0.05, "errorStatus": 503, "slowRate": 0.1, "slowMs": "3s" } }
`).chaos,
    ).toMatchObject({ errorRate: 0.05, errorStatus: 503, slowRate: 0.1, slowMs: 3000 })
  })

  it('docs/sms.md: keywords that opt out and back in', () => {
    const parsed = config(`
// webex-connect-emulator.jsonc
{
  "contactPolicy": { "groups": [{ "id": "marketing" }] },
  "sms": {
    "keywords": [
      { "keyword": "STOP", "group": "marketing" },
      { "keyword": "START", "group": "marketing", "consent": true }
    ]
  }
}
`) as any
    expect(parsed.sms.keywords).toMatchObject([
      { keyword: 'STOP', group: 'marketing' },
      { keyword: 'START', group: 'marketing', consent: true },
    ])
  })

  it('refuses a misplaced key, so the fragments above are checked', () => {
    expect(() => config('{ "server": { "isolation": "service" } }')).toThrow(/isolation/)
  })
})
