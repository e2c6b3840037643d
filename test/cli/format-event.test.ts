import { describe, expect, it } from 'vitest'
import { formatPretty } from '../../src/cli/logging/create-event-logger.js'
import { type LogRecord, toLogRecord } from '../../src/cli/logging/format-event.js'
import { createTestEmulator, emailTo } from '../support/virtual-emulator.js'

/** Every log record the emulator's events make while `act` runs to idle. */
async function logged(act: (emulator: ReturnType<typeof createTestEmulator>['emulator']) => void) {
  const { emulator } = createTestEmulator({
    webhooks: { targets: [{ url: 'http://app.test/hooks', events: ['inbound', 'delivered', 'undelivered'] }] },
  })
  const records: LogRecord[] = []
  emulator.subscribe((event) => records.push(toLogRecord(event, emulator.now())))
  act(emulator)
  await emulator.runUntilIdle()
  return records.map((record) => ({ record, line: formatPretty(record, false).slice(13) }))
}

const sms = (to: string[], text: string) => ({
  channel: 'sms',
  from: '88979',
  to: [{ msisdn: to }],
  content: { type: 'text', text },
})

describe('the CLI event log shows SMS as sensibly as email', () => {
  it('a send names the channel, its numbers, the part count, the encoding and the start of the text', async () => {
    const text = `Your order 42 has shipped. ${'x'.repeat(150)}`
    const lines = await logged((emulator) => emulator.send(sms(['+447700900123', '+447700900207'], text)))
    const send = lines.find((l) => l.record.event === 'message')!
    expect(send.line).toMatch(
      /^message send [0-9a-f-]{36} from 88979 to \+447700900123, \+447700900207 \(sms, 2 parts GSM-7: "Your order 42 has shipped\. x+…"\)$/,
    )
    expect(send.record).toMatchObject({
      channel: 'sms',
      messageCount: 2,
      encoding: 'GSM-7',
      to: ['+447700900123', '+447700900207'],
    })
    expect(lines.map((l) => l.line)).toEqual(
      expect.arrayContaining([
        'receipt Submitted 7501 +447700900123',
        'receipt Delivered 7500 +447700900123',
        'receipt Un-Delivered 7207 +447700900207 (Subscriber out of coverage area or not reachable)',
      ]),
    )
    expect(lines.find((l) => l.record.status === 'Un-Delivered')!.record).toMatchObject({
      level: 'warn',
      channel: 'sms',
    })
  })

  it('a Unicode text says UCS-2; one part says "1 part"', async () => {
    const [send] = await logged((emulator) => emulator.send(sms(['+447700900123'], 'Привет')))
    expect(send!.line).toMatch(/\(sms, 1 part UCS-2: "Привет"\)$/)
  })

  it('an MO names its channel, the numbers and the text', async () => {
    const lines = await logged((emulator) =>
      emulator.inject('sms', 'mo', { from: '+447700900123', to: '56263', text: 'STOP' }),
    )
    expect(lines[0]!.line).toBe('inbound sms MO from +447700900123 to 56263: "STOP"')
    expect(lines[0]!.record).toMatchObject({ channel: 'sms', from: '+447700900123' })
  })

  it('an email send keeps its line and adds its channel and subject', async () => {
    const [send] = await logged((emulator) =>
      emulator.send(emailTo('ann@x.test', { content: { type: 'text', subject: 'Welcome aboard', text: 'Hi' } })),
    )
    expect(send!.line).toMatch(/^message send [0-9a-f-]{36} from \S+ to ann@x\.test \(email: "Welcome aboard"\)$/)
    expect(send!.record).toMatchObject({ channel: 'email', subject: 'Welcome aboard' })
    expect(send!.record).not.toHaveProperty('messageCount')
  })
})
