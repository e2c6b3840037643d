import { describe, expect, it } from 'vitest'
import { smsFailureCodes } from '../../../src/core/channels/sms/codes.js'
import type { PhoneFailureCode } from '../../../src/core/channels/sms/lifecycle.js'
import { type PhoneActionTable, planPhoneAction, planSmsAction } from '../../../src/core/channels/sms/manual-actions.js'
import { smsReceipts } from '../../../src/core/channels/sms/receipts.js'
import type { BaseRecipient } from '../../../src/core/kernel/message-store.js'
import { refusal } from '../../support/refusal.js'

// Manual actions on a held number as plain functions: which steps fire now, in order, with every
// field a receipt is built from, and the words of each refusal.

const number = (status = 'Submitted'): BaseRecipient => ({
  address: '+447700900901',
  correlationId: '',
  fate: 'held (test number)',
  status,
  receipts: [],
})
const tracked = { link: 'https://shop.test/t/42', tracked: true }
const untracked = { link: 'https://shop.test/t/42', tracked: false }

const submitted = { kind: 'submitted', after: 0, description: 'Submitted', additionalInfo: '' }
const delivered = { kind: 'delivered', after: 0, description: 'Delivered', additionalInfo: '' }
const clicked = (url: string) => ({
  kind: 'clicked',
  after: 0,
  description: `${url}|192.0.2.1`,
  additionalInfo: expect.stringContaining('Mozilla/5.0'),
})

describe('SMS manual actions', () => {
  it('deliver fills in Submitted when it has not come yet, and only then', () => {
    expect(planSmsAction({ action: 'deliver' }, [], untracked, number('Queued'))).toEqual([submitted, delivered])
    expect(planSmsAction({ action: 'deliver' }, ['submitted'], untracked, number())).toEqual([delivered])
  })

  it('fail without a code fails at the operator (7201), after Submitted', () => {
    expect(planSmsAction({ action: 'fail' }, [], untracked, number('Queued'))).toEqual([
      submitted,
      { kind: 'undelivered', after: 0, code: '7201', description: 'Delivery failed at Operator', additionalInfo: '' },
    ])
    expect(planSmsAction({ action: 'fail' }, ['submitted'], untracked, number())).toEqual([
      { kind: 'undelivered', after: 0, code: '7201', description: 'Delivery failed at Operator', additionalInfo: '' },
    ])
  })

  it('a platform failure (Failed) comes instead of Submitted, not after it; short names in any case and spacing', () => {
    expect(planSmsAction({ action: 'fail', code: '7102' }, [], untracked, number('Queued'))).toEqual([
      { kind: 'failed', after: 0, code: '7102', description: 'Invalid address', additionalInfo: '' },
    ])
    expect(planSmsAction({ action: 'fail', code: '  Absent ' }, ['submitted'], untracked, number())).toEqual([
      {
        kind: 'undelivered',
        after: 0,
        code: '7207',
        description: 'Subscriber out of coverage area or not reachable',
        additionalInfo: '',
      },
    ])
  })

  it('click fills in Submitted and Delivered, and reports the given link, else the text’s first, else a placeholder', () => {
    expect(planSmsAction({ action: 'click' }, [], tracked, number('Queued'))).toEqual([
      submitted,
      delivered,
      clicked('https://shop.test/t/42'),
    ])
    expect(
      planSmsAction({ action: 'click', url: 'https://other.test/x' }, ['submitted', 'delivered'], tracked, number()),
    ).toEqual([clicked('https://other.test/x')])
    expect(planSmsAction({ action: 'click' }, ['submitted'], { link: undefined, tracked: true }, number())).toEqual([
      delivered,
      clicked('https://example.com/'),
    ])
  })

  it('refuses, in words, what cannot happen', () => {
    const address = '+447700900901'
    expect(
      refusal(() =>
        planSmsAction({ action: 'deliver' }, ['submitted', 'undelivered'], tracked, number('Un-Delivered')),
      ),
    ).toEqual({
      code: 'conflict',
      message: `${address} already ended Un-Delivered: nothing more can happen to it`,
      field: undefined,
    })
    expect(
      refusal(() => planSmsAction({ action: 'click' }, ['submitted', 'failed'], tracked, number('Failed'))),
    ).toMatchObject({
      code: 'conflict',
      message: `${address} already ended Failed: nothing more can happen to it`,
    })
    for (const action of [{ action: 'deliver' }, { action: 'fail', code: '7201' }] as const)
      expect(
        refusal(() => planSmsAction(action, ['submitted', 'delivered'], tracked, number('Delivered'))),
      ).toMatchObject({
        code: 'conflict',
        message: `${address} was already delivered`,
      })
    expect(refusal(() => planSmsAction({ action: 'click' }, ['submitted'], untracked, number()))).toMatchObject({
      code: 'conflict',
      message: `${address}'s message does not track clicks (options.trackClicks, and on SMS options.shortenLinks): clicks are not reported`,
    })
    expect(refusal(() => planSmsAction({ action: 'fail', code: 'nope' }, [], tracked, number()))).toEqual({
      code: 'invalid_request',
      message: `"nope" is not an SMS failure code: use one of ${[...smsFailureCodes.keys()].join(', ')} or a short name such as invalid-parameters, internal-error, invalid-sender`,
      field: 'code',
    })
  })

  it('reads the action strictly: unknown keys, unknown actions and a click URL that is not one are refused', () => {
    for (const input of [
      { action: 'deliver', code: '7201' },
      { action: 'bounce' },
      { action: 'click', url: 'not a url' },
      { action: 'fail', code: 7201 },
    ])
      expect(() => planSmsAction(input as never, [], tracked, number())).toThrow()
  })
})

describe('manual actions for another phone channel (its own table)', () => {
  // A table like RCS's: its own codes, one of them an operator report with status Failed.
  const codes: ReadonlyMap<string, PhoneFailureCode> = new Map([
    ['8001', { description: 'Refused by the platform', status: 'Failed' }],
    ['8002', { description: 'Reported by the operator', status: 'Failed', afterSubmitted: true }],
    [
      '8003',
      { description: 'Not reachable: {number}', status: 'Un-Delivered', additionalInfo: 'no route to {number}' },
    ],
  ] satisfies Array<[string, PhoneFailureCode]>)
  const table: PhoneActionTable = {
    channel: 'rcs',
    codes,
    aliases: new Map([['refused', '8001']]),
    receipts: smsReceipts,
    clicks: false,
  }

  it('a Failed code marked afterSubmitted follows Submitted; additional info names the number', () => {
    expect(planPhoneAction(table, { action: 'fail', code: '8002' }, [], tracked, number('Queued'))).toEqual([
      submitted,
      { kind: 'failed', after: 0, code: '8002', description: 'Reported by the operator', additionalInfo: '' },
    ])
    expect(planPhoneAction(table, { action: 'fail', code: 'REFUSED' }, [], tracked, number('Queued'))).toEqual([
      { kind: 'failed', after: 0, code: '8001', description: 'Refused by the platform', additionalInfo: '' },
    ])
    expect(planPhoneAction(table, { action: 'fail', code: '8003' }, ['submitted'], tracked, number())).toEqual([
      {
        kind: 'undelivered',
        after: 0,
        code: '8003',
        description: 'Not reachable: {number}',
        additionalInfo: 'no route to +447700900901',
      },
    ])
  })

  it('names the channel in its refusals, and refuses clicks where the channel reports none', () => {
    expect(refusal(() => planPhoneAction(table, { action: 'click' }, [], tracked, number()))).toMatchObject({
      code: 'conflict',
      message: 'RCS reports no clicks',
    })
    // A receipt kind the table does not know (another channel's Read) ends nothing.
    expect(
      refusal(() => planPhoneAction(table, { action: 'click' }, ['submitted', 'delivered', 'read'], tracked, number())),
    ).toMatchObject({ code: 'conflict', message: 'RCS reports no clicks' })
    // Called without a code (the channel's own schema fills in its default first), nothing is assumed.
    expect(refusal(() => planPhoneAction(table, { action: 'fail' }, [], tracked, number()))).toMatchObject({
      code: 'invalid_request',
      message: expect.stringMatching(/^"" is not an RCS failure code/),
    })
    expect(refusal(() => planPhoneAction(table, { action: 'fail', code: '7201' }, [], tracked, number()))).toEqual({
      code: 'invalid_request',
      message: '"7201" is not an RCS failure code: use one of 8001, 8002, 8003 or a short name such as refused',
      field: 'code',
    })
  })
})
