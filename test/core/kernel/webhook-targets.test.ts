import { describe, expect, it } from 'vitest'
import type { ReceiptSpec } from '../../../src/core/channels/channel.js'
import { WebhookTargets, wantsChannel, wantsInbound, wantsReceipt } from '../../../src/core/kernel/webhook-targets.js'
import type { WebhookTargetConfig } from '../../../src/core/schemas/config.js'

// A receipt two names select (an email bounce answers to "bounced" and "failed").
const bounce: ReceiptSpec = { code: '7505', status: 'Bounced', requestedAs: ['bounced', 'failed'] }
const target = (url: string) => ({ url, format: 'webhook' }) as WebhookTargetConfig

describe('what a target wants', () => {
  it('takes every receipt without an events filter, else a receipt any one of whose names it lists', () => {
    expect(wantsReceipt(undefined, bounce)).toBe(true)
    expect(wantsReceipt(['failed'], bounce)).toBe(true)
    expect(wantsReceipt(['bounced', 'delivered'], bounce)).toBe(true)
    expect(wantsReceipt(['delivered'], bounce)).toBe(false)
    expect(wantsReceipt([], bounce)).toBe(false)
  })

  it('takes inbound events only when asked: "inbound" for all, or the event by name', () => {
    expect(wantsInbound(undefined, 'mo')).toBe(false)
    expect(wantsInbound(['inbound'], 'mo')).toBe(true)
    expect(wantsInbound(['mo'], 'mo')).toBe(true)
    expect(wantsInbound(['delivered', 'unsubscribe'], 'mo')).toBe(false)
  })

  it('takes every channel without a channels filter, else only those it lists', () => {
    expect(wantsChannel(undefined, 'sms')).toBe(true)
    expect(wantsChannel(['sms'], 'sms')).toBe(true)
    expect(wantsChannel(['email'], 'sms')).toBe(false)
  })
})

describe('the target list', () => {
  it('numbers targets t1, t2, … and starts again at t1 once cleared', () => {
    const targets = new WebhookTargets()
    expect([targets.add(target('http://a.test')).id, targets.add(target('http://b.test')).id]).toEqual(['t1', 't2'])
    targets.clear()
    expect(targets.list()).toEqual([])
    expect(targets.add(target('http://c.test')).id).toBe('t1')
  })

  it('changes only the keys given, removes those set to null, and finds targets by id only', () => {
    const targets = new WebhookTargets()
    targets.add(target('http://a.test'))
    const b = targets.add({ ...target('http://b.test'), events: ['delivered'], hubSecret: 's' })
    expect(targets.update('t9', { url: 'http://x.test' })).toBeUndefined()
    expect(targets.update('t2', { url: 'http://b2.test', events: null, hubSecret: undefined })).toBe(b)
    expect(targets.get('t2')).toEqual({ url: 'http://b2.test', format: 'webhook', hubSecret: 's', id: 't2' })
    expect(targets.get('t1')!.url).toBe('http://a.test')
    expect(targets.get('t3')).toBeUndefined()
  })

  it('removes by id, saying whether it had the target', () => {
    const targets = new WebhookTargets()
    targets.add(target('http://a.test'))
    targets.add(target('http://b.test'))
    expect(targets.remove('t1')).toBe(true)
    expect(targets.remove('t1')).toBe(false)
    expect(targets.current().map((t) => t.id)).toEqual(['t2'])
  })
})
