import { describe, expect, it } from 'vitest'
import { bounceDiagnostics } from '../../src/core/channels/email/outcomes/bounce-diagnostics.js'
import { type bounceSubtypes, complaintTypes } from '../../src/core/channels/email/outcomes/outcome.js'
import { createTestEmulator, emailTo } from '../support/virtual-emulator.js'

describe('recipient outcomes', () => {
  it('delivers an ordinary address: Submitted then Delivered 1.5 s later', async () => {
    const { emulator, sink, receipts } = createTestEmulator()
    emulator.send(emailTo('ann@example.test'))
    await emulator.runUntilIdle()
    expect(receipts()).toEqual([
      ['ann@example.test', 'Submitted', 'Submitted'],
      ['ann@example.test', 'Delivered', 'Delivered'],
    ])
    expect(sink[1]!.at - sink[0]!.at).toBe(1_500)
  })

  it('reads and clicks html mail for +click, with the first link and a user agent', async () => {
    const { emulator, sink, receipts } = createTestEmulator()
    emulator.send(emailTo('ann+click@example.test'))
    await emulator.runUntilIdle()
    expect(receipts().map((r) => r[1])).toEqual(['Submitted', 'Delivered', 'Read', 'Clicked'])
    const clicked = sink[3]!.payload.deliveryInfoNotification.deliveryInfo
    expect(clicked.Description).toBe('https://brand.test/offer|192.0.2.1')
    expect(clicked.additionalInfo).toMatch(/^Mozilla\/5\.0 .*Chrome/)
  })

  it('never sends Read or Clicked for text mail', async () => {
    const { emulator, receipts } = createTestEmulator()
    emulator.send(
      emailTo('ann+click@example.test', { content: { type: 'text', subject: 'Hi', text: 'https://brand.test' } }),
    )
    await emulator.runUntilIdle()
    expect(receipts().map((r) => r[1])).toEqual(['Submitted', 'Delivered'])
  })

  it('repeats Read for +read-3', async () => {
    const { emulator, receipts } = createTestEmulator()
    emulator.send(emailTo('ann+read-3@example.test'))
    await emulator.runUntilIdle()
    expect(receipts().map((r) => r[1])).toEqual(['Submitted', 'Delivered', 'Read', 'Read', 'Read'])
  })

  it.each([
    ['bounce', 'Permanent_General'],
    ['bounce-general', 'Permanent_General'],
    ['bounce-noemail', 'Permanent_NoEmail'],
    ['bounce-suppressed', 'Permanent_Suppressed'],
    ['bounce-transient', 'Transient_General'],
    ['bounce-mailboxfull', 'Transient_MailboxFull'],
    ['bounce-toolarge', 'Transient_MessageTooLarge'],
    ['bounce-contentrejected', 'Transient_ContentRejected'],
    ['bounce-attachmentrejected', 'Transient_AttachmentRejected'],
    ['bounce-undetermined', 'Undetermined'],
  ])('bounces +%s as %s with an SMTP diagnostic', async (label, subtype) => {
    const { emulator, sink, receipts } = createTestEmulator()
    emulator.send(emailTo(`ann+${label}@example.test`))
    await emulator.runUntilIdle()
    expect(receipts()).toEqual([
      [`ann+${label}@example.test`, 'Submitted', 'Submitted'],
      [`ann+${label}@example.test`, 'Bounce', subtype],
    ])
    const info = sink[1]!.payload.deliveryInfoNotification.deliveryInfo
    expect(info.code).toBe('7520')
    expect(info.additionalInfo).toBe(bounceDiagnostics[subtype as (typeof bounceSubtypes)[number]])
    expect(info.additionalInfo).toMatch(/^\d\.\d\.\d+\|failed\|/)
  })

  it.each(complaintTypes)('reports a %s complaint after delivery', async (type) => {
    const { emulator, receipts } = createTestEmulator()
    emulator.send(emailTo(`ann+complaint-${type}@example.test`))
    await emulator.runUntilIdle()
    expect(receipts().map((r) => [r[1], r[2]])).toEqual([
      ['Submitted', 'Submitted'],
      ['Delivered', 'Delivered'],
      ['Complaint', type],
    ])
  })

  it.each([
    ['success@simulator.amazonses.com', ['Submitted', 'Delivered']],
    ['bounce@simulator.amazonses.com', ['Submitted', 'Bounce']],
    ['ooto@simulator.amazonses.com', ['Submitted', 'Delivered']],
    ['complaint@simulator.amazonses.com', ['Submitted', 'Delivered', 'Complaint']],
    ['suppressionlist@simulator.amazonses.com', ['Failed']],
    ['success+label@simulator.amazonses.com', ['Submitted', 'Delivered']],
  ])('plays the SES mailbox simulator address %s', async (address, statuses) => {
    const { emulator, receipts } = createTestEmulator()
    emulator.send(emailTo(address))
    await emulator.runUntilIdle()
    expect(receipts().map((r) => r[1])).toEqual(statuses)
  })

  it('delivers +slow addresses after the slow delay', async () => {
    const { emulator, sink } = createTestEmulator()
    emulator.send(emailTo('ann+slow@example.test'))
    await emulator.runUntilIdle()
    expect(sink[1]!.at - sink[0]!.at).toBe(30_000)
  })

  it('treats unknown plus-labels as ordinary addresses', async () => {
    const { emulator, receipts } = createTestEmulator()
    emulator.send(emailTo('ann+newsletter@example.test'))
    await emulator.runUntilIdle()
    expect(receipts().map((r) => r[1])).toEqual(['Submitted', 'Delivered'])
  })

  it('lets config rules win over magic addresses: exact, domain, glob and regex', async () => {
    const { emulator, receipts } = createTestEmulator({
      rules: [
        { address: 'vip+bounce@example.test', outcome: 'delivered' },
        { domain: 'full.test', outcome: 'bounce-mailboxfull' },
        { glob: 'spam*@*', outcome: 'complaint-abuse' },
        { regex: '^old-\\d+@', outcome: 'bounce-noemail' },
      ],
    })
    emulator.send(emailTo(['vip+bounce@example.test', 'x@full.test', 'spammy@a.test', 'old-12@a.test']))
    await emulator.runUntilIdle()
    const last = new Map(receipts().map(([address, , description]) => [address, description]))
    expect(Object.fromEntries(last)).toEqual({
      'vip+bounce@example.test': 'Delivered',
      'x@full.test': 'Transient_MailboxFull',
      'spammy@a.test': 'abuse',
      'old-12@a.test': 'Permanent_NoEmail',
    })
  })

  it('uses the configured default outcome', async () => {
    const { emulator, receipts } = createTestEmulator({ defaultOutcome: 'read' })
    emulator.send(emailTo('ann@example.test'))
    await emulator.runUntilIdle()
    expect(receipts().map((r) => r[1])).toEqual(['Submitted', 'Delivered', 'Read'])
  })

  it('refuses config with an unknown outcome, naming the rule', () => {
    expect(() => createTestEmulator({ rules: [{ domain: 'a.test', outcome: 'explode' }] })).toThrow(
      /rules\[0\]\.outcome "explode"/,
    )
  })
})

describe('request-time failures', () => {
  it('fails an invalid address with 7523 and no Submitted', async () => {
    const { emulator, sink } = createTestEmulator()
    emulator.send(emailTo('destination@invalid'))
    await emulator.runUntilIdle()
    expect(sink).toHaveLength(1)
    expect(sink[0]!.payload.deliveryInfoNotification.deliveryInfo).toMatchObject({
      code: '7523',
      deliveryStatus: 'Failed',
      Description: 'Invalid email address',
    })
  })

  it('takes an internationalised domain in punycode, and fails one in Unicode or a Unicode local part with 7523, as SES takes 7-bit ASCII only', async () => {
    const { emulator, receipts } = createTestEmulator()
    emulator.send(emailTo(['user@xn--bcher-kva.example', 'user@bücher.example', 'üser@example.test']))
    await emulator.runUntilIdle()
    expect(receipts()).toEqual([
      ['user@xn--bcher-kva.example', 'Submitted', 'Submitted'],
      ['user@bücher.example', 'Failed', 'Invalid email address'],
      ['üser@example.test', 'Failed', 'Invalid email address'],
      ['user@xn--bcher-kva.example', 'Delivered', 'Delivered'],
    ])
  })

  it("fails the seed's over-long address with 7524", async () => {
    const { emulator, sink } = createTestEmulator()
    const longLocal = 'a'.repeat(65)
    emulator.send(
      emailTo([
        `${longLocal}@domain.tld`,
        `b@${'d'.repeat(60)}.${'e'.repeat(60)}.${'f'.repeat(60)}.${'g'.repeat(60)}.${'h'.repeat(20)}.tld`,
      ]),
    )
    await emulator.runUntilIdle()
    expect(sink.map((r) => r.payload.deliveryInfoNotification.deliveryInfo.code)).toEqual(['7524', '7524'])
    expect(sink[0]!.payload.deliveryInfoNotification.deliveryInfo.Description).toBe('Email address max length reached')
  })

  it('fails sandboxed sends to unverified addresses with 7522, but lets verified addresses, domains and the simulator through', async () => {
    const { emulator, receipts } = createTestEmulator({
      sandbox: { enabled: true, verified: ['me@team.test', 'verified.test'] },
    })
    emulator.send(emailTo(['me@team.test', 'you@team.test', 'any@verified.test', 'success@simulator.amazonses.com']))
    await emulator.runUntilIdle()
    const statuses = new Map(receipts().map(([address, status]) => [address, status]))
    expect(Object.fromEntries(statuses)).toEqual({
      'me@team.test': 'Delivered',
      'you@team.test': 'Not Verified',
      'any@verified.test': 'Delivered',
      'success@simulator.amazonses.com': 'Delivered',
    })
  })

  it('fails unsubscribed recipients with 7241 naming the sender, only for that sender', async () => {
    const { emulator, sink } = createTestEmulator({
      unsubscribed: [{ sender: 'news@brand.test', address: 'ann@example.test' }],
    })
    emulator.send(emailTo('ann@example.test'))
    emulator.send(emailTo('ann@example.test', { from: 'billing@brand.test' }))
    await emulator.runUntilIdle()
    const infos = sink.map((r) => r.payload.deliveryInfoNotification.deliveryInfo)
    expect(infos[0]).toMatchObject({
      code: '7241',
      deliveryStatus: 'Failed',
      Description: 'unsubscribed : news@brand.test',
    })
    expect(infos.slice(1).map((i) => i.deliveryStatus)).toEqual(['Submitted', 'Delivered'])
  })

  it('fails them with 7241 also when the request writes the sender as a name-addr ("News <news@brand.test>")', async () => {
    const { emulator } = createTestEmulator({
      unsubscribed: [{ sender: 'news@brand.test', address: 'ann@example.test' }],
    })
    emulator.inject('email', 'unsubscribe', { from: 'bob@example.test', senderId: 'news@brand.test' })
    const { messageId } = emulator.send(
      emailTo(['ann@example.test', 'bob@example.test'], { from: 'News <News@Brand.test>' }),
    )
    expect(emulator.message(messageId)!.recipients.map((r) => r.fate)).toEqual(['rejected (7241)', 'rejected (7241)'])
  })
})

describe('recipient outcomes: labels', () => {
  it('reads the SES simulator mailbox before a label on it, and a read count of two digits', () => {
    const { emulator } = createTestEmulator()
    const { messageId } = emulator.send(
      emailTo(['bounce+mine@simulator.amazonses.com', 'ann+read-12@example.test', 'bob+read-123@example.test']),
    )
    expect(emulator.message(messageId)!.recipients.map((r) => r.fate)).toEqual([
      'bounce Permanent_General (magic address)',
      'read x12 (magic address)',
      'delivered (default)',
    ])
  })
})
