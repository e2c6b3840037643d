import { describe, expect, it } from 'vitest'
import { clickUserAgent } from '../../src/core/channels/email/lifecycle.js'
import { planManualAction } from '../../src/core/channels/email/manual-actions.js'
import type { ReceiptKind } from '../../src/core/channels/email/receipts.js'
import { htmlMail } from '../support/mail-facts.js'
import { refusal } from '../support/refusal.js'

// Manual actions on an email recipient as a plain function: the steps each fires, and each refusal.

const html = htmlMail
const step = (kind: string, description: string, additionalInfo = '') => ({
  kind,
  after: 0,
  description,
  additionalInfo,
})
const submitted = step('submitted', 'Submitted')
const delivered = step('delivered', 'Delivered')

describe('email manual actions', () => {
  it('fills in Submitted and Delivered before a read, a click or a complaint, and only what has not come', () => {
    expect(planManualAction({ action: 'read' }, [], html)).toEqual([submitted, delivered, step('read', 'Read')])
    expect(planManualAction({ action: 'complain' }, ['submitted'], html)).toEqual([
      delivered,
      step('complaint', 'abuse'),
    ])
    expect(planManualAction({ action: 'complain', type: 'not-spam' }, ['submitted', 'delivered'], html)).toEqual([
      step('complaint', 'not-spam'),
    ])
    expect(planManualAction({ action: 'click' }, ['submitted', 'delivered', 'read'], html)).toEqual([
      step('clicked', 'https://shop.test/a|192.0.2.1', clickUserAgent),
    ])
    expect(planManualAction({ action: 'click', url: 'https://shop.test/b' }, ['submitted', 'delivered'], html)).toEqual(
      [step('clicked', 'https://shop.test/b|192.0.2.1', clickUserAgent)],
    )
    expect(planManualAction({ action: 'deliver' }, ['submitted'], html)).toEqual([delivered])
  })

  it('bounces with the subtype (general by default, short or full names) and its diagnostic; permanent ones suppress', () => {
    expect(planManualAction({ action: 'bounce' }, [], html)).toEqual([
      submitted,
      { ...step('bounce', 'Permanent_General', '5.1.1|failed|smtp; 550 5.1.1 user unknown'), effects: ['suppress'] },
    ])
    const [full] = planManualAction({ action: 'bounce', type: 'mailboxfull' }, ['submitted'], html)
    expect(full).toMatchObject({ kind: 'bounce', description: 'Transient_MailboxFull' })
    expect(full).not.toHaveProperty('effects')
    expect(planManualAction({ action: 'bounce', type: 'Transient_MailboxFull' }, ['submitted'], html)[0]).toMatchObject(
      {
        description: 'Transient_MailboxFull',
      },
    )
  })

  it('refuses bad types before looking at the recipient, naming the choices', () => {
    const ended: ReceiptKind[] = ['submitted', 'bounce']
    expect(refusal(() => planManualAction({ action: 'bounce', type: 'nope' }, ended, html))).toEqual({
      code: 'invalid_request',
      message:
        '"nope" is not a bounce type: use general, noemail, suppressed, transient, mailboxfull, toolarge, contentrejected, attachmentrejected or undetermined',
      field: 'type',
    })
    expect(refusal(() => planManualAction({ action: 'complain', type: 'nope' }, ended, html))).toEqual({
      code: 'invalid_request',
      message: '"nope" is not a complaint type: use abuse, auth-failure, fraud, not-spam, other or virus',
      field: 'type',
    })
  })

  it('refuses, in words, what cannot happen', () => {
    const at = 'ann@customer.test'
    expect(refusal(() => planManualAction({ action: 'read' }, ['submitted', 'bounce'], html)).message).toBe(
      `${at} already ended with a bounce: nothing more can happen to it`,
    )
    expect(refusal(() => planManualAction({ action: 'deliver' }, ['invalidAddress'], html)).message).toBe(
      `${at} already ended with a invalidAddress failure: nothing more can happen to it`,
    )
    expect(refusal(() => planManualAction({ action: 'bounce' }, ['submitted', 'delivered'], html))).toMatchObject({
      code: 'conflict',
      message: `${at} was already delivered; it can still be read, clicked or complained about`,
    })
    expect(refusal(() => planManualAction({ action: 'deliver' }, ['submitted', 'delivered'], html)).message).toBe(
      `${at} was already delivered`,
    )
    for (const action of [{ action: 'read' }, { action: 'click' }] as const)
      expect(refusal(() => planManualAction(action, ['submitted'], { ...html, isHtml: false })).message).toBe(
        `${at} got a text email: text mail is never read or clicked (SES tracks both in HTML only)`,
      )
    expect(refusal(() => planManualAction({ action: 'read' }, [], { ...html, trackOpens: false })).message).toBe(
      `${at}'s message has options.trackOpens false: opens are not reported`,
    )
    expect(refusal(() => planManualAction({ action: 'click' }, [], { ...html, trackClicks: false })).message).toBe(
      `${at}'s message has options.trackClicks false: clicks are not reported`,
    )
    // Text mail can still be delivered and complained about; untracked mail still clicked or read the other way.
    expect(planManualAction({ action: 'complain' }, ['submitted'], { ...html, isHtml: false })).toHaveLength(2)
    expect(planManualAction({ action: 'click' }, ['submitted'], { ...html, trackOpens: false })).toHaveLength(2)
  })
})
