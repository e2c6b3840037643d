/**
 * MMS and RCS schedule as every channel of /v2/messages does (apis/v2-schedule.ts): `sendAt` starts
 * the lifecycle at its time on the emulator's clock, and `sendAt`/`expireAt` more than 7 days ahead
 * are refused with the vendor's 7004 naming the field.
 */
import { describe, expect, it } from 'vitest'
import { EmulatorError } from '../../../src/core/kernel/errors.js'
import { createTestEmulator } from '../../support/virtual-emulator.js'

const requests = {
  mms: {
    invalid: 'Invalid parameter:',
    channel: 'mms',
    from: '12345',
    to: [{ msisdn: ['+447700900123'] }],
    content: { subject: 'Hi', attachments: [{ type: 'text', messageText: 'Hello' }] },
  },
  rcs: {
    invalid: 'Invalid parameter -',
    channel: 'rcs',
    from: 'a_1570171',
    to: [{ msisdn: ['+447700900123'] }],
    content: { type: 'text', text: 'Your table is ready.' },
  },
}

describe.each(Object.entries(requests))('%s scheduling', (_channel, { invalid, ...request }) => {
  it('starts at sendAt on the emulator clock', async () => {
    const { emulator, clock, sink } = createTestEmulator()
    const sendAt = new Date(clock.now() + 3_600_000).toISOString()
    emulator.send({ ...request, sendAt })
    await emulator.advance(3_599_000)
    expect(sink).toEqual([])
    await emulator.advance(10_000)
    expect(sink.length).toBeGreaterThan(0)
  })

  // Each in its channel's words: the MMS page writes "Invalid parameter: sendAt", as its other refusals.
  it.each(['sendAt', 'expireAt'])('refuses %s more than 7 days ahead with 7004 naming it', (field) => {
    const { emulator, clock } = createTestEmulator()
    const at = new Date(clock.now() + 8 * 86_400_000).toISOString()
    let refused: unknown
    try {
      emulator.send({ ...request, [field]: at })
    } catch (error) {
      refused = error
    }
    expect(refused).toBeInstanceOf(EmulatorError)
    expect(refused).toMatchObject({ message: `${invalid} ${field}`, field })
  })
})
