import { describe, expect, it } from 'vitest'
import { createApp } from '../../../src/http/create-app.js'
import { createEmulator } from '../../../src/runtime/create-emulator.js'

const app = 'a_157967534853754560'
const wa = (waid: string, message: Record<string, unknown>) => ({
  deliverychannel: 'whatsapp',
  appid: app,
  destination: [{ waid: [waid] }],
  channels: { 'OTT-Messaging': { wa: message } },
})

/** The control API on virtual time from Monday 6 January 2025, 09:30 UTC. */
function conversationApp() {
  const emulator = createEmulator({
    clock: 'virtual',
    startAt: Date.UTC(2025, 0, 6, 9, 30),
    config: { seed: 1, whatsapp: { apps: [app, 'a_other'], templates: { order_update: { parameters: [] } } } },
  })
  const http = createApp(emulator)
  async function call(method: string, path: string, body?: unknown) {
    const response = await http.request(path, {
      method,
      ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
    })
    const text = await response.text()
    return { status: response.status, body: text ? JSON.parse(text) : null }
  }
  return { emulator, call }
}

describe('GET /_emulator/whatsapp/conversations/:appId/:waid', () => {
  it("shows one app's chat with one user in time order, with what each message shows and the window", async () => {
    const { call, emulator } = conversationApp()
    const get = async (waid = '447700900002', appId = app) =>
      (await call('GET', `/_emulator/whatsapp/conversations/${appId}/${waid}`)).body

    // Nothing yet: closed, never written.
    expect(await get()).toEqual({
      appId: app,
      waid: '447700900002',
      now: '2025-01-06T09:30:00.000Z',
      window: { open: false, lastInboundAt: null, closesAt: null, closesIn: null, enforced: true },
      entries: [],
    })

    // Outside the window a session message fails with 7710; a template goes.
    emulator.sendV1(wa('447700900002', { type: 'text', text: { body: 'Your table is ready' } }))
    emulator.sendV1({ ...wa('447700900002', {}), channels: undefined, message: { template: 'order_update' } })
    await emulator.advance(60_000)
    await call('POST', '/_emulator/inbound/whatsapp', {
      waid: '+44 7700 900002',
      type: 'image',
      attachments: [{ mime_type: 'image/jpeg', url: 'https://x.test/menu.jpg', caption: 'This one?' }],
    })
    await call('POST', '/_emulator/inbound/whatsapp', { waid: '447700900003', text: 'someone else' })
    await call('POST', '/_emulator/inbound/whatsapp', { waid: '447700900002', appId: 'a_other', text: 'other app' })
    await emulator.advance(60_000)
    emulator.sendV1(
      wa('447700900002', {
        type: 'list',
        list: {
          header: { type: 'text', text: 'Tables' },
          body: { text: 'Pick one' },
          action: {
            button: 'Choose',
            sections: [
              {
                rows: [
                  { id: 't1', title: 'Window' },
                  { id: 't2', title: 'Garden' },
                ],
              },
            ],
          },
        },
      }),
    )
    await emulator.advance(10_000)
    await call('POST', '/_emulator/inbound/whatsapp/list', {
      waid: '447700900002',
      listRowIdentifier: 't2',
      listRowTitle: 'Garden',
      listRowDescription: 'outside',
    })

    const c = await get()
    expect(c.window).toEqual({
      open: true,
      lastInboundAt: '2025-01-06T09:32:10.000Z',
      closesAt: '2025-01-07T09:32:10.000Z',
      closesIn: 86_400_000,
      enforced: true,
    })
    expect(
      c.entries.map((e: any) => [e.direction, e.ts, e.type, e.text, e.status ?? '', e.code ?? '', e.shown ?? null]),
    ).toEqual([
      ['out', '2025-01-06T09:30:00.000Z', 'text', 'Your table is ready', 'Failed', '7710', null],
      ['out', '2025-01-06T09:30:00.000Z', 'template', '', 'Read', '', null],
      [
        'in',
        '2025-01-06T09:31:00.000Z',
        'image',
        'This one?',
        '',
        '',
        { media: { url: 'https://x.test/menu.jpg', mimeType: 'image/jpeg' } },
      ],
      [
        'out',
        '2025-01-06T09:32:00.000Z',
        'list',
        'Pick one',
        'Read',
        '',
        { header: 'Tables', button: 'Choose', choices: ['Window', 'Garden'] },
      ],
      ['in', '2025-01-06T09:32:10.000Z', 'list_reply', 'Garden', '', '', { description: 'outside' }],
    ])
    expect(c.entries[1]).toMatchObject({ kind: 'template', templateId: 'order_update' })
    expect(c.entries[0]).toMatchObject({ description: 'Re-engagement message' })

    // The same user by another app is another conversation.
    expect((await get('447700900002', 'a_other')).entries.map((e: any) => e.text)).toEqual(['other app'])

    // 24 hours after the user's last message the window closes.
    await call('POST', '/_emulator/clock/advance', { by: '24h' })
    expect((await get()).window).toEqual({
      open: false,
      lastInboundAt: '2025-01-06T09:32:10.000Z',
      closesAt: '2025-01-07T09:32:10.000Z',
      closesIn: null,
      enforced: true,
    })
  })

  it('orders what happened at one instant (a frozen virtual clock) as it happened', async () => {
    const { call, emulator } = conversationApp()
    const say = (text: string) => call('POST', '/_emulator/inbound/whatsapp', { waid: '447700900002', text })
    await say('one')
    emulator.sendV1(wa('447700900002', { type: 'text', text: { body: 'two' } }))
    emulator.sendV1(wa('447700900002', { type: 'text', text: { body: 'three' } }))
    await say('four')
    await say('five')
    emulator.sendV1(wa('447700900002', { type: 'text', text: { body: 'six' } }))
    const { body } = await call('GET', `/_emulator/whatsapp/conversations/${app}/447700900002`)
    expect(body.entries.map((e: any) => `${e.direction} ${e.text}`)).toEqual([
      'in one',
      'out two',
      'out three',
      'in four',
      'in five',
      'out six',
    ])
  })

  it('keeps what users wrote in the state file, and forgets it on reset', async () => {
    const { call, emulator } = conversationApp()
    await call('POST', '/_emulator/inbound/whatsapp', {
      waid: '447700900002',
      location: { latitude: 51.5, longitude: -0.12, name: 'Home' },
    })
    const saved = emulator.exportState()
    await call('POST', '/_emulator/reset', {})
    expect((await call('GET', `/_emulator/whatsapp/conversations/${app}/447700900002`)).body.entries).toEqual([])
    emulator.importState(JSON.parse(JSON.stringify(saved)))
    const { body } = await call('GET', `/_emulator/whatsapp/conversations/${app}/447700900002`)
    expect(body.entries).toMatchObject([
      { direction: 'in', type: 'location', shown: { place: { latitude: '51.5', longitude: '-0.12', name: 'Home' } } },
    ])
  })
})
