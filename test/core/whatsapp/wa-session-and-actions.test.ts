import { describe, expect, it } from 'vitest'
import { planWaAction } from '../../../src/core/channels/whatsapp/manual-actions.js'
import { sessionText, waSessionSchema } from '../../../src/core/channels/whatsapp/session.js'
import { contactName, shownOfSession } from '../../../src/core/channels/whatsapp/shown.js'
import type { BaseRecipient } from '../../../src/core/kernel/message-store.js'
import { refusal } from '../../support/refusal.js'

// What a session message keeps as its text and shows besides it, and manual actions on a held
// WhatsApp recipient — as plain functions.

const session = (input: unknown) => waSessionSchema.parse(input)

describe('a session message’s text and what it shows', () => {
  it('keeps the text, the caption, the list or reply body, the place name, or nothing', () => {
    expect(sessionText(session({ type: 'text', text: { body: 'Hi' } }))).toBe('Hi')
    expect(sessionText(session({ type: 'image', image: { url: 'https://x.test/a.jpg', caption: 'Menu' } }))).toBe(
      'Menu',
    )
    expect(sessionText(session({ type: 'document', document: { url: 'https://x.test/a.pdf' } }))).toBe('')
    expect(sessionText(session({ type: 'location', location: { latitude: 1, longitude: 2, name: 'Bistro' } }))).toBe(
      'Bistro',
    )
    expect(sessionText(session({ type: 'location', location: { latitude: 1, longitude: 2 } }))).toBe('')
    expect(
      sessionText(
        session({
          type: 'reply',
          reply: {
            body: { text: 'Still coming?' },
            action: { buttons: [{ type: 'reply', reply: { id: 'y', title: 'Yes' } }] },
          },
        }),
      ),
    ).toBe('Still coming?')
    expect(
      sessionText(
        session({
          type: 'list',
          list: {
            body: { text: 'Pick one' },
            action: { button: 'Open', sections: [{ rows: [{ id: '1', title: 'A' }] }] },
          },
        }),
      ),
    ).toBe('Pick one')
    expect(sessionText(session({ type: 'contacts', contacts: [{ name: 'Ann' }] }))).toBe('')
    expect(sessionText(session({ type: 'hsm', hsm: { element_name: 'order_update' } }))).toBe('')
  })

  it('shows media, a place, contact cards, a list and reply buttons; nothing for text', () => {
    expect(shownOfSession(session({ type: 'text', text: { body: 'Hi' } }))).toBeUndefined()
    expect(shownOfSession(session({ type: 'hsm', hsm: { element_name: 'x' } }))).toBeUndefined()
    expect(
      shownOfSession(
        session({
          type: 'document',
          document: { url: 'https://x.test/a.pdf', mimeType: 'application/pdf', filename: 'a.pdf', caption: 'c' },
        }),
      ),
    ).toEqual({ media: { url: 'https://x.test/a.pdf', mimeType: 'application/pdf', filename: 'a.pdf' } })
    expect(
      shownOfSession(
        session({
          type: 'location',
          location: { latitude: 51.5, longitude: -0.12, name: 'Bistro', address: 'High St' },
        }),
      ),
    ).toEqual({ place: { latitude: '51.5', longitude: '-0.12', name: 'Bistro', address: 'High St' } })
    expect(
      shownOfSession(
        session({
          type: 'contacts',
          contacts: [{ name: { formatted_name: 'Ann Lee', first_name: 'Ann' } }, { name: { first_name: 'Bob' } }, {}],
        }),
      ),
    ).toEqual({ contacts: ['Ann Lee', 'Bob', 'contact'] })
    expect(
      shownOfSession(
        session({
          type: 'list',
          list: {
            header: { type: 'text', text: 'Menu' },
            body: { text: 'Pick one' },
            footer: { text: 'Thanks' },
            action: {
              button: 'Open',
              sections: [
                { title: 'Mains', rows: [{ id: '1', title: 'Pasta' }] },
                {
                  title: 'Starters',
                  rows: [
                    { id: '2', title: 'Soup' },
                    { id: '3', title: 'Salad' },
                  ],
                },
              ],
            },
          },
        }),
      ),
    ).toEqual({ header: 'Menu', footer: 'Thanks', button: 'Open', choices: ['Pasta', 'Soup', 'Salad'] })
    expect(
      shownOfSession(
        session({
          type: 'reply',
          reply: {
            body: { text: 'Still coming?' },
            action: {
              buttons: [
                { type: 'reply', reply: { id: 'y', title: 'Yes' } },
                { type: 'reply', reply: { id: 'n', title: 'No' } },
              ],
            },
          },
        }),
      ),
    ).toEqual({ header: undefined, footer: undefined, choices: ['Yes', 'No'] })
  })

  it('names a contact card as Meta writes it, or by a plain name, else "contact"', () => {
    expect(contactName({ name: 'Ann' })).toBe('Ann')
    expect(contactName({ name: { formatted_name: 'Ann Lee' } })).toBe('Ann Lee')
    expect(contactName({ name: { first_name: 'Ann' } })).toBe('Ann')
    expect(contactName(null)).toBe('contact')
    expect(contactName({ name: 42 })).toBe('contact')
  })
})

describe('manual actions on a held WhatsApp recipient', () => {
  const held = (status = 'Submitted'): BaseRecipient => ({
    address: '447700900901',
    correlationId: '',
    fate: 'held (test number)',
    status,
    receipts: [],
  })
  const step = (kind: string, description: string) => ({ kind, after: 0, description, additionalInfo: '' })

  it('fills in the steps before the one asked for, and only those not yet played', () => {
    expect(planWaAction({ action: 'read' }, [], held('Queued'))).toEqual([
      step('submitted', 'Submitted'),
      step('delivered', 'Delivered'),
      step('read', 'Read'),
    ])
    expect(planWaAction({ action: 'read' }, ['submitted', 'delivered'], held('Delivered'))).toEqual([
      step('read', 'Read'),
    ])
    expect(planWaAction({ action: 'deliver' }, ['submitted'], held())).toEqual([step('delivered', 'Delivered')])
  })

  it('fails with a code or its short name (any case), 7713 by default, even after Delivered', () => {
    expect(planWaAction({ action: 'fail' }, ['submitted'], held())).toEqual([
      { kind: 'failed', after: 0, code: '7713', description: 'Generic error', additionalInfo: '' },
    ])
    expect(planWaAction({ action: 'fail', code: '7714' }, [], held('Queued'))).toEqual([
      step('submitted', 'Submitted'),
      {
        kind: 'failed',
        after: 0,
        code: '7714',
        description: 'Message too long',
        additionalInfo: 'Length of the message exceeds 4096 characters',
      },
    ])
    const [alias] = planWaAction({ action: 'fail', code: ' Re-Engagement ' }, ['submitted', 'delivered'], held())
    expect(alias).toMatchObject({ kind: 'failed', code: '7710' })
  })

  it('refuses, in words, what cannot happen', () => {
    for (const ended of ['failed', 'read'])
      expect(refusal(() => planWaAction({ action: 'deliver' }, ['submitted', ended], held('Read')))).toEqual({
        code: 'conflict',
        message: '447700900901 already ended Read: nothing more can happen to it',
        field: undefined,
      })
    expect(refusal(() => planWaAction({ action: 'deliver' }, ['submitted', 'delivered'], held('Delivered')))).toEqual({
      code: 'conflict',
      message: '447700900901 was already delivered',
      field: undefined,
    })
    expect(refusal(() => planWaAction({ action: 'fail', code: 'nope' }, [], held()))).toEqual({
      code: 'invalid_request',
      message: '"nope" is not a WhatsApp failure code (GET /_emulator/whatsapp/codes)',
      field: 'code',
    })
    expect(() => planWaAction({ action: 'click' }, [], held())).toThrow()
    expect(() => planWaAction({ action: 'read', code: '7713' }, [], held())).toThrow()
  })
})
