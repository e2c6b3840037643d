// Issue 19, finding 5: memory is bounded by bytes, not only by message count. The vendor's size
// limits are enforced at the door (content.html up to 500 KB, the whole email up to 10 MB), and what
// is kept of each message is bounded whatever it was sent with (60 messages with 10 MB subjects held
// 766 MB before).
import { describe, expect, it } from 'vitest'
import { createEmulator } from '../../src/runtime/create-emulator.js'
import { controlApp, mail } from './control/control-app.js'

const kb = 1024
const html = (bytes: number) => `<p>${'x'.repeat(bytes - 7)}</p>`

describe('the vendor size limits, at the door', () => {
  it('takes content.html of exactly 500 KB and refuses a byte more with 7004 naming the limit', async () => {
    const { send, emulator } = controlApp()
    const ok = await send(mail('a@x.test', { content: { type: 'html', subject: 'Hi', html: html(500 * kb) } }))
    expect(ok.status).toBe(201)
    const refused = await send(mail('a@x.test', { content: { type: 'html', subject: 'Hi', html: html(500 * kb + 1) } }))
    expect(refused.status).toBe(400)
    expect(refused.body).toEqual({ code: '7004', message: 'Invalid parameter - content.html' })
    expect(refused.headers.get('x-emulator-detail')).toMatch(/up to 500 KB/)
    expect(emulator.messages()).toHaveLength(1)
  })

  it('counts UTF-8 bytes, not characters', async () => {
    const { send } = controlApp()
    const euros = '€'.repeat(Math.floor((500 * kb) / 3) + 1) // 3 bytes each: just over 500 KB
    const refused = await send(mail('a@x.test', { content: { type: 'html', subject: 'Hi', html: euros } }))
    expect(refused.status).toBe(400)
  })

  it('refuses an email whose subject, text and html pass 10 MB together', async () => {
    const { send, emulator } = controlApp()
    const text = 'x'.repeat(10 * kb * kb - 100)
    const refused = await send(mail('a@x.test', { content: { type: 'text', subject: 's'.repeat(101), text } }))
    expect(refused.status).toBe(400)
    expect(refused.body).toEqual({ code: '7004', message: 'Invalid parameter - content' })
    expect(refused.headers.get('x-emulator-detail')).toMatch(/10 MB/)
    expect((await send(mail('a@x.test', { content: { type: 'text', subject: 's'.repeat(100), text } }))).status).toBe(
      201,
    )
    expect(emulator.messages()).toHaveLength(1)
  })
})

describe('what is kept of a message', () => {
  it('keeps a subject up to 1,000 characters, marking one that was cut', async () => {
    const emulator = createEmulator({ clock: 'virtual' })
    const long = 'S'.repeat(2 * kb * kb)
    emulator.send(mail('a@x.test', { content: { type: 'text', subject: long, text: 'Hi' } }))
    emulator.send(mail('b@x.test', { content: { type: 'text', subject: 'Short', text: 'Hi' } }))
    const [cut, kept] = emulator.messages() as Array<{ subject: string; subjectTruncated?: number }>
    expect(cut!.subject).toBe('S'.repeat(1000))
    expect(cut!.subjectTruncated).toBe(long.length)
    expect(kept!.subject).toBe('Short')
    expect(kept).not.toHaveProperty('subjectTruncated')
  })

  it('the reproduction: 60 messages with 2 MB subjects keep well under a megabyte between them', async () => {
    const emulator = createEmulator({ clock: 'virtual' })
    const subject = 's'.repeat(2 * kb * kb) // the report's were 10 MB; 2 MB make the point faster
    for (let i = 0; i < 60; i++) emulator.send(mail(`u${i}@x.test`, { content: { type: 'text', subject, text: 'x' } }))
    await emulator.runUntilIdle()
    const kept = JSON.stringify({
      messages: emulator.messages(),
      deliveries: emulator.deliveries(),
      state: emulator.exportState(),
    })
    expect(kept.length).toBeLessThan(1024 * kb)
  }, 60_000)
})
