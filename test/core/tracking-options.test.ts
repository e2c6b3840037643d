import { describe, expect, it } from 'vitest'
import { createTestEmulator, emailTo } from '../support/virtual-emulator.js'

const statuses = (emulator: ReturnType<typeof createTestEmulator>['emulator'], messageId: string) =>
  emulator.message(messageId)!.recipients.map((r) => r.receipts.map((x) => x.status))

describe('options.trackOpens and options.trackClicks', () => {
  it('keeps Read and Clicked when the options are absent', async () => {
    const { emulator } = createTestEmulator()
    const { messageId } = emulator.send(emailTo('ann+click@a.test'))
    await emulator.runUntilIdle()
    expect(statuses(emulator, messageId)).toEqual([['Submitted', 'Delivered', 'Read', 'Clicked']])
  })

  it('trackOpens false: no Read; trackClicks false: no Clicked — whatever the address asks for', async () => {
    const { emulator } = createTestEmulator()
    const noOpens = emulator.send(emailTo('ann+click@a.test', { options: { trackOpens: false } }))
    const noClicks = emulator.send(emailTo('bob+click@a.test', { options: { trackClicks: false } }))
    const neither = emulator.send(emailTo('cid+click@a.test', { options: { trackOpens: false, trackClicks: false } }))
    await emulator.runUntilIdle()
    expect(statuses(emulator, noOpens.messageId)).toEqual([['Submitted', 'Delivered', 'Clicked']])
    expect(statuses(emulator, noClicks.messageId)).toEqual([['Submitted', 'Delivered', 'Read']])
    expect(statuses(emulator, neither.messageId)).toEqual([['Submitted', 'Delivered']])
    expect(emulator.message(neither.messageId)!.recipients[0]!.fate).toBe(
      'clicked (magic address); no Read: options.trackOpens is false; no Clicked: options.trackClicks is false',
    )
  })

  it('takes the options as strings too ("false"), as the vendor examples write booleans', async () => {
    const { emulator } = createTestEmulator()
    const { messageId } = emulator.send(
      emailTo('ann+read-2@a.test', { options: { trackOpens: 'false', trackClicks: 'true' } }),
    )
    await emulator.runUntilIdle()
    expect(statuses(emulator, messageId)).toEqual([['Submitted', 'Delivered']])
  })

  it('refuses a manual read or click when the message turned tracking off', async () => {
    const { emulator } = createTestEmulator()
    const { messageId } = emulator.send(
      emailTo('ann+hold@a.test', { options: { trackOpens: false, trackClicks: false } }),
    )
    await emulator.advance(0)
    expect(() => emulator.act(messageId, 'ann+hold@a.test', { action: 'read' })).toThrow(/trackOpens false/)
    expect(() => emulator.act(messageId, 'ann+hold@a.test', { action: 'click' })).toThrow(/trackClicks false/)
    emulator.act(messageId, 'ann+hold@a.test', { action: 'deliver' })
    expect(statuses(emulator, messageId)).toEqual([['Submitted', 'Delivered']])
  })
})

describe('the Clicked URL', () => {
  const clicked = async (html: string) => {
    const { emulator } = createTestEmulator()
    const { messageId } = emulator.send(emailTo('ann+click@a.test', { content: { type: 'html', subject: 'S', html } }))
    await emulator.runUntilIdle()
    return emulator.message(messageId)!.recipients[0]!.receipts.at(-1)!.description
  }

  it('is the link as the browser follows it: entities in the href decoded', async () => {
    expect(await clicked('<a href="https://shop.test/o?id=42&amp;utm=mail&#38;x=1">Order</a>')).toBe(
      'https://shop.test/o?id=42&utm=mail&x=1|192.0.2.1',
    )
  })

  it("is an anchor's link, never a stylesheet's <link href> in the head", async () => {
    const html =
      '<head><link href="https://fonts.test/a.css" rel="stylesheet"></head><body><a href=https://shop.test/sale>Sale</a></body>'
    expect(await clicked(html)).toBe('https://shop.test/sale|192.0.2.1')
  })
  it('reads the anchor as a browser does: a ">" or an "href=" inside a quoted attribute value is text', async () => {
    expect(await clicked('<a title="Save > 50%" href="https://shop.test/sale">Sale</a>')).toBe(
      'https://shop.test/sale|192.0.2.1',
    )
    expect(await clicked(`<a title='see href=https://other.test' href=https://shop.test/a>A</a>`)).toBe(
      'https://shop.test/a|192.0.2.1',
    )
  })
})

describe('links tagged no-track-connect', () => {
  it('are tagged by an attribute of that name or the word in another attribute, never by a URL that contains it (and a link in a comment is none)', async () => {
    const { emulator } = createTestEmulator()
    const first = async (html: string) => {
      const { messageId } = emulator.send(
        emailTo('ann+click@a.test', { content: { type: 'html', subject: 'S', html } }),
      )
      await emulator.runUntilIdle()
      return emulator.message(messageId)!.recipients[0]!.receipts.at(-1)!.description
    }
    expect(await first('<!-- <a href="https://old.test/">old</a> --><a href="https://shop.test/new">New</a>')).toBe(
      'https://shop.test/new|192.0.2.1',
    )
    expect(await first('<a href="https://help.test/no-track-connect-guide">Guide</a>')).toBe(
      'https://help.test/no-track-connect-guide|192.0.2.1',
    )
    expect(
      await first(
        '<a class="btn no-track-connect" href="https://shop.test/unsubscribe">Unsubscribe</a><a href="https://shop.test/sale">Sale</a>',
      ),
    ).toBe('https://shop.test/sale|192.0.2.1')
  })

  it('are never the Clicked URL: the first tracked link is', async () => {
    const { emulator } = createTestEmulator()
    const html =
      '<a no-track-connect href="https://shop.test/unsubscribe">Unsubscribe</a> <a href="https://shop.test/sale">Sale</a>'
    const { messageId } = emulator.send(emailTo('ann+click@a.test', { content: { type: 'html', subject: 'S', html } }))
    await emulator.runUntilIdle()
    const receipts = emulator.message(messageId)!.recipients[0]!.receipts
    expect(receipts.at(-1)!.description).toBe('https://shop.test/sale|192.0.2.1')
  })
})

describe('an HTML with no tracked link', () => {
  const noLinks = (address: string) =>
    emailTo(address, {
      content: {
        type: 'html',
        subject: 'S',
        html: '<p>Hello</p><a no-track-connect href="https://shop.test/unsubscribe">Unsubscribe</a>',
      },
    })

  it('has nothing to click: no Clicked, and the fate says why', async () => {
    const { emulator } = createTestEmulator()
    const { messageId } = emulator.send(noLinks('ann+click@a.test'))
    await emulator.runUntilIdle()
    expect(statuses(emulator, messageId)).toEqual([['Submitted', 'Delivered', 'Read']])
    expect(emulator.message(messageId)!.recipients[0]!.fate).toBe(
      'clicked (magic address); no Clicked: the HTML has no tracked link',
    )
  })

  it('refuses a manual click that names no url, and takes one that does', async () => {
    const { emulator } = createTestEmulator()
    const { messageId } = emulator.send(noLinks('ann+hold@a.test'))
    await emulator.advance(0)
    expect(() => emulator.act(messageId, 'ann+hold@a.test', { action: 'click' })).toThrow(/no tracked link to click/)
    emulator.act(messageId, 'ann+hold@a.test', { action: 'click', url: 'https://shop.test/sale' })
    await emulator.runUntilIdle()
    const receipts = emulator.message(messageId)!.recipients[0]!.receipts
    expect(receipts.at(-1)).toMatchObject({ status: 'Clicked', description: 'https://shop.test/sale|192.0.2.1' })
  })

  it("is not a template's mail, whose links the emulator cannot know: a click follows a placeholder", async () => {
    const { emulator } = createTestEmulator()
    const { messageId } = emulator.send(emailTo('ann+click@a.test', { content: undefined, template: { id: 't1' } }))
    await emulator.runUntilIdle()
    const receipts = emulator.message(messageId)!.recipients[0]!.receipts
    expect(receipts.at(-1)).toMatchObject({ status: 'Clicked', description: 'https://example.com/|192.0.2.1' })
  })
})
