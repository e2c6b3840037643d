import { describe, expect, it } from 'vitest'
import type { EmailMessage } from '../../src/core/channels/email/record.js'
import type { EmailState } from '../../src/core/channels/email/state.js'
import { hostOf } from '../../src/core/emulator.js'
import { createRandom } from '../../src/core/kernel/ids.js'
import { createTestEmulator, emailTo } from '../support/virtual-emulator.js'

const record = (emulator: ReturnType<typeof createTestEmulator>['emulator'], id: string) =>
  emulator.message(id) as EmailMessage

/** Sends "n" ten times over as a text mail for a service; returns the message id. */
const sendFor =
  (emulator: ReturnType<typeof createTestEmulator>['emulator']) =>
  (serviceId: string, n: number): string =>
    emulator.send(emailTo('ann@x.test', { content: { type: 'text', subject: 's', text: String(n).repeat(10) } }), {
      serviceId,
    }).messageId

describe('what an email said, kept with its record', () => {
  it('keeps the bodies, sender details, copies, attachments, template, substitutions and options', () => {
    const { emulator } = createTestEmulator()
    const { messageId } = emulator.send(
      emailTo('ann@x.test', {
        cc: ['cc@x.test', { email: ['cc2@x.test'] }],
        bcc: ['bcc@x.test'],
        substitutions: { name: 'Ann', visits: 3 },
        options: { fromName: 'Brand', tag1: 'welcome', trackClicks: 'false' },
        content: {
          type: 'html',
          subject: 'Hello',
          replyTo: 'help@brand.test',
          text: 'Hi',
          html: '<p>Hi</p>',
          attachments: [{ name: 'Flower', mimetype: 'image/png', mediaUrl: 'https://x.test/f.png', cid: 'f' }],
        },
      }),
    )
    expect(record(emulator, messageId).content).toEqual({
      fromName: 'Brand',
      replyTo: 'help@brand.test',
      cc: ['cc@x.test', 'cc2@x.test'],
      bcc: ['bcc@x.test'],
      text: 'Hi',
      html: '<p>Hi</p>',
      attachments: [{ name: 'Flower', mimetype: 'image/png', mediaUrl: 'https://x.test/f.png', cid: 'f' }],
      substitutions: { name: 'Ann', visits: '3' },
      options: { fromName: 'Brand', tag1: 'welcome', trackClicks: 'false' },
      truncated: false,
      dropped: false,
    })
    const templated = emulator.send(
      emailTo('ann@x.test', { content: undefined, template: { id: 42, subject: 'From a template' } }),
    )
    expect(record(emulator, templated.messageId).content).toMatchObject({
      template: { id: '42', subject: 'From a template' },
      attachments: [],
    })
    // A template without a subject keeps no subject key.
    const bare = emulator.send(emailTo('ann@x.test', { content: undefined, template: { id: 7 } }))
    expect(record(emulator, bare.messageId).content?.template).toStrictEqual({ id: '7' })
  })

  it('cuts a body part at email.content.maxBytes, never inside a character, and says so', () => {
    const { emulator } = createTestEmulator({ email: { content: { maxBytes: 10 } } })
    const { messageId } = emulator.send(
      emailTo('ann@x.test', { content: { type: 'text', subject: 's', text: 'ééééééé' } }),
    )
    const content = record(emulator, messageId).content!
    expect(content.text).toBe('ééééé') // 10 bytes; a sixth é would need 12
    expect(content.truncated).toBe(true)
  })

  it('keeps all bodies under email.content.totalBytes by dropping the oldest first', () => {
    const { emulator } = createTestEmulator({ email: { content: { totalBytes: 25 } } })
    const body = (n: number) => ({ type: 'text', subject: 's', text: String(n).repeat(10) })
    const ids = [1, 2, 3].map((n) => emulator.send(emailTo('ann@x.test', { content: body(n) })).messageId)
    const [first, second, third] = ids.map((id) => record(emulator, id).content!)
    expect(first).toMatchObject({ dropped: true })
    expect(first!.text).toBeUndefined()
    // Gone, not set to undefined: a record read in-process has no `text` or `html` key left.
    expect(Object.keys(first!)).not.toContain('text')
    expect(Object.keys(first!)).not.toContain('html')
    expect(second).toMatchObject({ text: '2222222222', dropped: false })
    expect(third).toMatchObject({ text: '3333333333', dropped: false })
    // What the record says besides the bodies stays.
    expect(first!.options).toEqual({})
  })

  it("stops counting the bodies of one service's messages once a reset of that service forgets them", () => {
    const { emulator } = createTestEmulator({ email: { content: { totalBytes: 25 } } })
    const send = sendFor(emulator)
    const kept = send('s-1', 1)
    send('s-2', 2)
    emulator.reset({ serviceId: 's-2' })
    // 10 bytes kept and 10 more: within 25, so nothing is dropped. Counting the forgotten 10 too
    // would have made 30, and dropped the body of a message the store still shows.
    send('s-1', 3)
    expect(record(emulator, kept).content).toMatchObject({ text: '1111111111', dropped: false })
  })

  it('keeps the bodies of every message the store still holds, whatever a reset of one service forgot (limits.maxMessages)', () => {
    const { emulator } = createTestEmulator({ limits: { maxMessages: 3 } })
    const send = sendFor(emulator)
    const first = send('s-1', 1)
    send('s-2', 2)
    send('s-2', 3)
    emulator.reset({ serviceId: 's-2' })
    const later = [send('s-1', 4), send('s-1', 5)]
    // The store holds three: the first message and the two later ones, each with its body.
    expect(emulator.messages().map((m) => m.messageId)).toEqual([first, ...later])
    expect(record(emulator, first).content).toMatchObject({ text: '1111111111', dropped: false })
    // One more, and the first leaves the store (its body with it); the rest keep theirs.
    send('s-1', 6)
    expect(emulator.message(first)).toBeUndefined()
    expect(emulator.messages().map((m) => (m as EmailMessage).content?.text)).toEqual([
      '4444444444',
      '5555555555',
      '6666666666',
    ])
  })

  it('keeps the bodies the store holds under totalBytes through sends of two channels, resets of one service and state files', () => {
    const held = (emulator: ReturnType<typeof createTestEmulator>['emulator']) =>
      emulator
        .messages()
        .reduce((sum, m) => sum + Buffer.byteLength((m as EmailMessage).content?.text ?? '', 'utf8'), 0)
    for (let seed = 1; seed <= 60; seed++) {
      const random = createRandom(seed)
      const pick = (n: number) => Math.floor(random() * n)
      const totalBytes = 30 + pick(50)
      const { emulator } = createTestEmulator({
        limits: { maxMessages: 1 + pick(6) },
        email: { content: { totalBytes } },
      })
      const ops: string[] = []
      for (let step = 0; step < 150; step++) {
        const op = ['email', 'email', 'sms', 'reset', 'state'][pick(5)]!
        const serviceId = `s-${pick(3)}`
        if (op === 'email')
          emulator.send(
            emailTo('ann@x.test', { content: { type: 'text', subject: 's', text: 'x'.repeat(1 + pick(40)) } }),
            { serviceId },
          )
        else if (op === 'sms')
          emulator.send(
            {
              channel: 'sms',
              from: '88979',
              to: [{ msisdn: ['+447700900001'] }],
              content: { type: 'text', text: 'Hi' },
            },
            { serviceId },
          )
        else if (op === 'reset') emulator.reset({ serviceId })
        else {
          const saved = JSON.parse(JSON.stringify(emulator.exportState()))
          emulator.reset()
          emulator.importState(saved)
        }
        ops.push(op)
        expect(held(emulator), `seed ${seed}, after ${ops.slice(-8).join(' ')}`).toBeLessThanOrEqual(totalBytes)
      }
    }
  })

  it('is kept in a snapshot, and a reset forgets the budget with the messages', () => {
    const { emulator } = createTestEmulator({ email: { content: { totalBytes: 15 } } })
    const { messageId } = emulator.send(
      emailTo('ann@x.test', { content: { type: 'text', subject: 's', text: 'x'.repeat(10) } }),
    )
    const { emulator: restored } = createTestEmulator()
    restored.importState(emulator.exportState())
    expect(record(restored, messageId).content).toMatchObject({ text: 'x'.repeat(10) })

    const budget = () =>
      (hostOf(emulator).channels.find((c) => c.definition.name === 'email')!.state as EmailState).contentBudget
    expect(budget().bytes).toBe(10)
    emulator.reset()
    // The forgotten messages' bodies are no longer counted (nor referenced).
    expect(budget().bytes).toBe(0)
  })
})

describe('one bound for every subject kept (email.content.maxSubject)', () => {
  it("cuts the message's subject and a template's subject at maxSubject characters, saying so", () => {
    const { emulator } = createTestEmulator({ email: { content: { maxSubject: 5 } } })
    const plain = emulator.send(
      emailTo('ann@x.test', { content: { type: 'text', subject: 'Hello there', text: 'Hi' } }),
    )
    expect(record(emulator, plain.messageId)).toMatchObject({ subject: 'Hello', subjectTruncated: 11 })
    expect(record(emulator, plain.messageId).content!.truncated).toBe(false)

    const templated = emulator.send(
      emailTo('ann@x.test', { content: undefined, template: { id: 7, subject: 'From a template' } }),
    )
    const kept = record(emulator, templated.messageId)
    expect(kept).toMatchObject({ subject: 'From ', subjectTruncated: 15 })
    expect(kept.content).toMatchObject({ template: { id: '7', subject: 'From ' }, truncated: true })

    const short = emulator.send(emailTo('ann@x.test', { content: undefined, template: { id: 8, subject: 'Hi' } }))
    expect(record(emulator, short.messageId)).not.toHaveProperty('subjectTruncated')
    expect(record(emulator, short.messageId).content).toMatchObject({ template: { subject: 'Hi' }, truncated: false })
  })

  it('never cuts between the halves of a character outside the BMP', () => {
    const { emulator } = createTestEmulator({ email: { content: { maxSubject: 3 } } })
    const { messageId } = emulator.send(
      emailTo('ann@x.test', { content: { type: 'text', subject: 'ab😀c', text: 'Hi' } }),
    )
    expect(record(emulator, messageId)).toMatchObject({ subject: 'ab', subjectTruncated: 5 })
  })

  it("keeps an inbound email's subject in the inbound log the same way; its webhooks carry it whole", async () => {
    const { emulator, sink } = createTestEmulator({
      webhooks: { targets: [{ url: 'http://app.test/hooks', events: ['mo'] }] },
    })
    const subject = 'S'.repeat(1500)
    const event = emulator.injectInboundEmail({ from: 'ann@x.test', to: 'support@brand.test', subject, text: 'Hi' })
    expect(event).toMatchObject({ subject: 'S'.repeat(1000), subjectTruncated: 1500 })
    expect(emulator.inbound()[0]).toMatchObject({ subject: 'S'.repeat(1000), subjectTruncated: 1500 })
    await emulator.runUntilIdle()
    expect(sink).toHaveLength(1)
    expect(JSON.stringify(sink[0]!.payload)).toContain(subject)
    const short = emulator.injectInboundEmail({ from: 'ann@x.test', to: 'support@brand.test', subject: 'Hi' })
    expect(short).not.toHaveProperty('subjectTruncated')
  })

  it("refuses an inbound email over 40 MB, SES's receiving limit, before anything is kept or posted", () => {
    const { emulator, sink } = createTestEmulator()
    const text = 'x'.repeat(40 * 1024 * 1024 - 1)
    expect(() =>
      emulator.injectInboundEmail({ from: 'ann@x.test', to: 'support@brand.test', subject: 'ab', text }),
    ).toThrow(/41943041 bytes together; SES receives mail of at most 40 MB/)
    expect(emulator.inbound()).toHaveLength(0)
    expect(sink).toHaveLength(0)
    // At the limit exactly, it is taken.
    emulator.injectInboundEmail({ from: 'ann@x.test', to: 'support@brand.test', subject: 'a', text })
    expect(emulator.inbound()).toHaveLength(1)
  })
})
