import { describe, expect, it } from 'vitest'
import { smsSendFromV1 } from '../../../src/core/channels/sms/api-v1.js'
import { segmentsOf } from '../../../src/core/channels/sms/segments.js'
import { EmulatorError } from '../../../src/core/kernel/errors.js'
import { createTestEmulator } from '../../support/virtual-emulator.js'

/**
 * What the SMS plan decides for each number and records for the message, beyond the lifecycle:
 * substitutions as each number gets them, the fate said in words, the text kept, the optional
 * fields. (sms-send.test.ts plays the lifecycles.)
 */
const sms = (extra: Record<string, unknown> = {}) => ({
  channel: 'sms',
  from: '88979',
  to: [{ msisdn: ['+447700900001'] }],
  content: { type: 'text', text: 'Hello there' },
  ...extra,
})

type Recorded = { text: string; textLength: number; recipients: { fate: string; messageCount: number }[] } & Record<
  string,
  unknown
>

function sent(config: Parameters<typeof createTestEmulator>[0], body: Record<string, unknown>): Recorded {
  const { emulator } = createTestEmulator(config)
  return emulator.message(emulator.send(body).messageId) as unknown as Recorded
}

describe('the SMS plan', () => {
  it('fills $(name) per number — keys written name, $(name) or {{name}}, a number’s own over the global — and counts parts on the result', () => {
    const long = 'x'.repeat(200)
    const message = sent(
      {},
      sms({
        content: { type: 'text', text: 'Hi $(who), $(what) $(unknown)' },
        substitutions: { '$(who)': long, what: 'a' },
        to: [
          { msisdn: ['+447700900001'] },
          { msisdn: ['+447700900002'], substitutions: { '{{who}}': 'Ann' } },
          { msisdn: ['+447700900003'], substitutions: { who: 'Bob', '$(what)': long } },
        ],
      }),
    )
    // 200 characters in: two parts; Ann's own value keeps hers to one; Bob's "what" makes two again.
    expect(message.recipients.map((r) => r.messageCount)).toEqual([2, 1, 2])
    // The record keeps the text as sent, placeholders and all.
    expect(message.text).toBe('Hi $(who), $(what) $(unknown)')
  })

  it('leaves a placeholder without a value as written, and counts it so', () => {
    const text = `${'y'.repeat(150)} $(missing)`
    // 161 characters: two parts, with or without unrelated substitutions.
    expect(sent({}, sms({ content: { type: 'text', text } })).recipients[0]!.messageCount).toBe(2)
    expect(
      sent({}, sms({ content: { type: 'text', text }, substitutions: { other: '' } })).recipients[0]!.messageCount,
    ).toBe(2)
    // A value that shortens it: one part.
    expect(
      sent({}, sms({ content: { type: 'text', text }, substitutions: { missing: '' } })).recipients[0]!.messageCount,
    ).toBe(1)
  })

  it('fails a number whose substituted text is over the limit with 7107, and says so in its fate', () => {
    const message = sent(
      {},
      sms({
        content: { type: 'text', text: 'Code $(code)' },
        to: [
          { msisdn: ['+4915112345678'], substitutions: { code: '1' } },
          { msisdn: ['+4915112345679'], substitutions: { code: 'z'.repeat(4000) } },
        ],
      }),
    )
    expect(message.recipients.map((r) => r.fate)).toEqual([
      'delivered (default)',
      'failed 7107 (4005 characters, over 4000)',
    ])
  })

  it('counts the 4000 limit in UTF-16 units, as the platform’s Java and Cisco’s SDK count: an emoji is two, € one', () => {
    const fates = (text: string) =>
      sent({}, sms({ content: { type: 'unicode', text } })).recipients.map((r) => [r.fate, r.messageCount])
    // 4000 units; a part holds 33 pairs (66 of its 67 units), never half of one.
    expect(fates('👋'.repeat(2000))).toEqual([['delivered (test number)', 61]])
    expect(fates('👋'.repeat(2001))[0]![0]).toBe('failed 7107 (4002 characters, over 4000)')
    expect(fates('€'.repeat(4000))[0]![0]).toBe('delivered (test number)')
  })

  it('fails a number whose substitutions would make gigabytes of text with 7107, without building it', () => {
    // A 1 MB value named a thousand times: within the body limit, a gigabyte filled (once a 500).
    const message = sent(
      {},
      sms({ content: { type: 'text', text: '$(n)'.repeat(1000) }, substitutions: { n: 'x'.repeat(1_000_000) } }),
    )
    expect(message.recipients[0]!.fate).toBe('failed 7107 (more than 100000 characters, over 4000)')
  })

  it('says why each number fails or what plays, in words', () => {
    const { emulator } = createTestEmulator({
      sms: { senders: ['88979'] },
      rules: [{ channel: 'sms', number: '+447700900111', outcome: 'fail-7207' }],
    })
    const fates = (body: Record<string, unknown>) =>
      (emulator.message(emulator.send(body).messageId) as unknown as Recorded).recipients.map((r) => r.fate)
    expect(fates(sms({ to: [{ msisdn: ['123', '+447700900111', '+447700900207', '+4915112345678'] }] }))).toEqual([
      'failed 7102 (not a phone number)',
      'un-delivered 7207 (rule)',
      'un-delivered 7207 (test number)',
      'delivered (default)',
    ])
    expect(fates(sms({ from: 'OTHER' }))).toEqual(['failed 7101 ("OTHER" is not one of sms.senders)'])
  })

  it('refuses non-GSM text sent as "flash" (Send SMS API v1) too when sms.nonGsmText is "reject", naming why', () => {
    const { emulator } = createTestEmulator({ sms: { nonGsmText: 'reject' } })
    const v1 = (content: string) =>
      emulator.submit('sms', 'sms-v1', { from: '88979', to: '+447700900001', content, contentType: 'flash' })
    let refused: unknown
    try {
      v1('Hi 👋')
    } catch (error) {
      refused = error
    }
    expect(refused).toBeInstanceOf(EmulatorError)
    expect(refused).toMatchObject({
      code: 'invalid_parameter',
      message: 'Invalid parameter -  : contentType',
      field: 'contentType',
      detail: 'the text has characters outside GSM-7: send it as "unicode" (sms.nonGsmText is "reject")',
    })
    expect(v1('Hi')).toMatchObject({ contentType: 'flash', encoding: 'GSM-7' })
  })

  it('keeps at most 4,000 characters of the text, with its full length', () => {
    const message = sent({}, sms({ content: { type: 'text', text: 'w'.repeat(4_500) } }))
    expect(message.text).toHaveLength(4_000)
    expect(message.textLength).toBe(4_500)
    const short = sent({}, sms())
    expect(short).toMatchObject({ text: 'Hello there', textLength: 11 })
  })

  it('records batchId, expiresAt and templateId only when the request has them', () => {
    const bare = sent({}, sms())
    for (const key of ['batchId', 'expiresAt', 'templateId', 'contentTypeAsSent']) expect(bare).not.toHaveProperty(key)
    const full = sent(
      { sms: { templates: { T1: { text: 'Hi' } } } },
      sms({ content: undefined, template: { id: 'T1' }, batchId: 'b-1', validity: 60 }),
    )
    expect(full).toMatchObject({ batchId: 'b-1', templateId: 'T1', text: 'Hi' })
    expect(full.expiresAt).toBe((full as unknown as { startsAt: number }).startsAt + 60_000)
  })
})

describe('the SMS plan: link tracking, binary parts, a rule’s contact-policy verdict', () => {
  it('tracks links on the Send SMS API v1 only when shortenUrls and trackShortUrlClicks are both true', () => {
    const v1 = (shortenUrls: boolean, trackShortUrlClicks: boolean) =>
      smsSendFromV1({ from: '88979', to: '+447700900001', content: 'hi', shortenUrls, trackShortUrlClicks } as never)
        .trackLinks
    expect([v1(true, true), v1(true, false), v1(false, true)]).toEqual([true, false, false])
  })

  it('keeps the Send SMS API v1 contentType as sent only when the request had one', () => {
    const v1 = (extra: Record<string, unknown>) =>
      smsSendFromV1({ from: '88979', to: '+447700900001', content: 'hi', ...extra } as never)
    expect(v1({})).not.toHaveProperty('contentTypeAsSent')
    expect(v1({ rawContentType: 'TEXT' })).toMatchObject({ contentTypeAsSent: 'TEXT' })
  })

  it('counts a binary (hex) text at two characters an octet, spaces left out: 140 octets a part', () => {
    expect(segmentsOf('ab'.repeat(140), 'binary')).toMatchObject({ encoding: '8-bit', parts: 1 })
    expect(segmentsOf('ab '.repeat(140), 'binary')).toMatchObject({ parts: 1 })
    expect(segmentsOf('ab'.repeat(141), 'binary')).toMatchObject({ parts: 2 })
  })

  it('fails a number whose rule says "noconsent" when the request asks for a consent check', () => {
    const message = sent(
      {
        rules: [{ address: '+447700900001', outcome: 'noconsent', channel: 'sms' }],
        contactPolicy: { groups: [{ id: 'g' }] },
      },
      sms({ contactPolicy: { contactPolicyGroup: 'g', channelCheckConsent: true } }),
    )
    expect(message.recipients.map((r) => r.fate)).toEqual(['rejected (9002)'])
  })

  it("plays the default outcome for a rule's verdict when the request asks for no check", () => {
    const rules = [{ address: '+447700900001', outcome: 'noconsent', channel: 'sms' }]
    const failing = sent({ rules, sms: { defaultOutcome: 'fail-7102' } }, sms())
    expect(failing.recipients.map((r) => r.fate)).toEqual(['failed 7102 (rule)'])
    // A default that is itself a verdict: delivered.
    const verdict = sent({ rules, sms: { defaultOutcome: 'consent-expired' } }, sms())
    expect(verdict.recipients.map((r) => r.fate)).toEqual(['delivered (rule)'])
  })
})
