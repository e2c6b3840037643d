import { describe, expect, it } from 'vitest'
import { EmulatorError } from '../../../src/core/kernel/errors.js'
import { createTestEmulator } from '../../support/virtual-emulator.js'

// Substitutions on /v2/messages for SMS, MMS and RCS, side by side: which names fill what, and
// what a refused one says. Bodies go through JSON.parse, as a request's do: an object literal's
// "__proto__" would set the prototype instead of making a key.

const to = (substitutions?: unknown) => [
  { msisdn: ['+447700900001'], ...(substitutions === undefined ? {} : { substitutions }) },
]
const bodies = {
  sms: (text: string, global?: unknown, own?: unknown) => ({
    channel: 'sms',
    from: '88979',
    to: to(own),
    content: { type: 'text', text },
    ...(global === undefined ? {} : { substitutions: global }),
  }),
  mms: (text: string, global?: unknown, own?: unknown) => ({
    channel: 'mms',
    from: '15550001000',
    to: to(own),
    content: { subject: 'Sale', attachments: [{ type: 'text', messageText: text }] },
    ...(global === undefined ? {} : { substitutions: global }),
  }),
  rcs: (text: string, global?: unknown, own?: unknown) => ({
    channel: 'rcs',
    from: 'a_1570171',
    to: to(own),
    content: { type: 'text', text },
    ...(global === undefined ? {} : { substitutions: global }),
  }),
}
type Channel = keyof typeof bodies

function send(body: unknown) {
  const { emulator } = createTestEmulator()
  const { messageId } = emulator.send(JSON.parse(JSON.stringify(body)))
  return emulator.message(messageId) as unknown as Record<string, any>
}

function refusal(body: unknown) {
  const { emulator } = createTestEmulator()
  try {
    emulator.send(body)
  } catch (error) {
    if (error instanceof EmulatorError) return { message: error.message, detail: error.detail }
    throw error
  }
  throw new Error('expected the request to be refused')
}

/** The text each channel keeps with the request's substitutions made (SMS: none, see below). */
const keptText = (channel: Channel, message: Record<string, any>): string =>
  channel === 'mms' ? message.slides[0].messageText : message.text

describe('a substitution named __proto__', () => {
  it.each(['mms', 'rcs'] as const)('is a name like any other in the request’s substitutions (%s)', (channel) => {
    const body = JSON.parse(
      JSON.stringify(bodies[channel]('Hi $(__proto__), $(name)', {})).replace(
        '"substitutions":{}',
        '"substitutions":{"__proto__":"Ann","name":"Bo"}',
      ),
    )
    expect(keptText(channel, send(body))).toBe('Hi Ann, Bo')
  })

  it('stays one once the request schema is compiled (after its first 16 parses)', () => {
    const { emulator } = createTestEmulator()
    const body = JSON.stringify(bodies.rcs('Hi $(__proto__)', {})).replace(
      '"substitutions":{}',
      '"substitutions":{"__proto__":"Ann"}',
    )
    const texts = Array.from({ length: 20 }, () => {
      const { messageId } = emulator.send(JSON.parse(body))
      return (emulator.message(messageId) as unknown as { text: string }).text
    })
    expect(new Set(texts)).toEqual(new Set(['Hi Ann']))
  })

  it('fills an SMS number’s text from its own to entry: 170 characters are two parts', () => {
    const body = JSON.parse(
      JSON.stringify(bodies.sms('$(__proto__)', undefined, {})).replace(
        '"substitutions":{}',
        `"substitutions":{"__proto__":"${'a'.repeat(170)}"}`,
      ),
    )
    expect(send(body).recipients[0].messageCount).toBe(2)
  })

  it.each([
    ['sms', 'Invalid parameter - substitutions.__proto__'],
    ['mms', 'Invalid parameter: substitutions.__proto__'],
    ['rcs', 'Invalid parameter - substitutions.__proto__'],
  ] as const)('has its value checked as any other’s: an object is 400 7004 (%s)', (channel, message) => {
    const body = JSON.parse(
      JSON.stringify(bodies[channel]('Hi', {})).replace('"substitutions":{}', '"substitutions":{"__proto__":{"x":1}}'),
    )
    expect(refusal(body)).toEqual({ message, detail: 'expected a string, a number or a boolean' })
  })
})

describe('names and values', () => {
  it.each(['mms', 'rcs'] as const)(
    'fill as docs/sms.md says: key forms, names with spaces, no second pass, numbers and booleans as text (%s)',
    (channel) => {
      const values = { '$(a)': '$(b)', '{{b}}': 'B', 'c d': 'CD', '': 'E', n: 5, t: true }
      const text = '$(a) $(b) $(c d) $() $(n) $(t) $(missing)'
      expect(keptText(channel, send(bodies[channel](text, values)))).toBe('$(b) B $(c d) $() 5 true $(missing)')
    },
  )
})

describe('many substitutions', () => {
  it.each(['sms', 'mms', 'rcs'] as const)(
    // Read once per request, not once per number (301b63c: 10 s for this request before, ~0.1 s
    // after); how long it takes is the bench's to measure, not a test's (bench/PROFILE.md).
    'take 5,000 names to 1,000 numbers, each with its own (%s)',
    (channel) => {
      const globals = Object.fromEntries(Array.from({ length: 5_000 }, (_, i) => [`k${i}`, `v${i}`]))
      const body = {
        ...bodies[channel]('Hi $(own), $(k4999)', globals),
        to: Array.from({ length: 1_000 }, (_, i) => ({
          msisdn: [`+4477009${String(i).padStart(5, '0')}`],
          substitutions: { own: `n${i}` },
        })),
      }
      const message = send(body)
      expect(message.recipients).toHaveLength(1_000)
    },
  )
})
