import { describe, expect, it } from 'vitest'
import type { AnyChannel, PlannedStep } from '../../../src/core/channels/channel.js'
import type { EmulatorEvent } from '../../../src/core/kernel/events.js'
import { createLifecycleRunner } from '../../../src/core/kernel/lifecycle-runner.js'
import type { BaseMessage, BaseRecipient } from '../../../src/core/kernel/message-store.js'
import { VirtualClock } from '../../../src/core/kernel/virtual-clock.js'

// The lifecycle runner on its own: a virtual clock, a channel that declares two receipts (and, in
// one test, an onStep effect), and a dispatcher and event sink that record what they are handed.
function runner({ maxReceiptsPerRecipient = 10, onStep }: { maxReceiptsPerRecipient?: number; onStep?: unknown } = {}) {
  const clock = new VirtualClock(1_000)
  const definition = {
    name: 'fax',
    receipts: {
      sent: { code: '7501', status: 'Submitted', requestedAs: ['sent'] },
      delivered: { code: '7500', status: 'Delivered', requestedAs: ['delivered'] },
    },
    ...(onStep ? { onStep } : {}),
  } as unknown as AnyChannel
  const state = { name: 'the channel state' }
  const dispatched: string[] = []
  const events: EmulatorEvent[] = []
  const lifecycle = createLifecycleRunner({
    clock,
    formatTimestamp: (at) => `t${at}`,
    maxReceiptsPerRecipient,
    channelOf: () => ({ definition, state }),
    dispatch: {
      receipt: (_message, recipient, receipt) => void dispatched.push(`${recipient.address} ${receipt.code}`),
    },
    emit: (event) => void events.push(event),
  })
  const recipient: BaseRecipient = {
    address: 'ann',
    correlationId: '',
    fate: 'deliver',
    status: 'Queued',
    receipts: [],
  }
  const message = {
    messageId: 'm1',
    channel: 'fax',
    startsAt: 5_000,
    recipients: [recipient],
  } as unknown as BaseMessage
  return { clock, lifecycle, message, recipient, dispatched, events, state }
}

const step = (kind: string, after: number, extra: Partial<PlannedStep> = {}): PlannedStep => ({
  kind,
  after,
  description: `${kind} text`,
  additionalInfo: '',
  ...extra,
})

describe('the lifecycle runner', () => {
  it("fires each step at the message's start plus its delay: the receipt recorded, the status set, dispatched and emitted", () => {
    const { clock, lifecycle, message, recipient, dispatched, events } = runner()
    lifecycle.start(message, recipient, [step('sent', 0), step('delivered', 2_000, { code: '7599' })], false)
    expect(lifecycle.size).toBe(2)
    while (clock.step(6_999));
    expect(recipient.status).toBe('Submitted')
    while (clock.step(7_000));
    expect(recipient.receipts).toEqual([
      {
        kind: 'sent',
        code: '7501',
        status: 'Submitted',
        description: 'sent text',
        additionalInfo: '',
        at: 5_000,
        timeStamp: 't5000',
      },
      // A step's own code wins over the receipt's.
      {
        kind: 'delivered',
        code: '7599',
        status: 'Delivered',
        description: 'delivered text',
        additionalInfo: '',
        at: 7_000,
        timeStamp: 't7000',
      },
    ])
    expect(recipient.status).toBe('Delivered')
    expect(dispatched).toEqual(['ann 7501', 'ann 7599'])
    expect(
      events.map((e) => e.type === 'receipt' && [e.message.messageId, e.recipient.address, e.receipt.code]),
    ).toEqual([
      ['m1', 'ann', '7501'],
      ['m1', 'ann', '7599'],
    ])
    expect(lifecycle.size).toBe(0)
  })

  it("lets the channel do a step's effects when it declares onStep, with its state", () => {
    const seen: unknown[] = []
    const { clock, lifecycle, message, recipient, state } = runner({
      onStep: (s: PlannedStep, _m: BaseMessage, r: BaseRecipient, st: unknown) => seen.push([s.kind, r.address, st]),
    })
    lifecycle.start(message, recipient, [step('sent', 0)], false)
    while (clock.step(Number.MAX_SAFE_INTEGER));
    expect(seen).toEqual([['sent', 'ann', state]])
  })

  it('keeps exactly maxReceiptsPerRecipient receipts, dropping the oldest, and counts the dropped', () => {
    const { clock, lifecycle, message, recipient } = runner({ maxReceiptsPerRecipient: 2 })
    lifecycle.start(message, recipient, [step('sent', 0), step('delivered', 1), step('delivered', 2)], false)
    while (clock.step(Number.MAX_SAFE_INTEGER));
    expect(recipient.receipts.map((r) => r.at)).toEqual([5_001, 5_002])
    expect(lifecycle.evictedReceipts).toBe(1)
  })

  it('knows which recipients are held, and act() replaces what was still planned with steps fired now', () => {
    const { clock, lifecycle, message, recipient, dispatched } = runner()
    const other: BaseRecipient = { ...recipient, address: 'bob', receipts: [] }
    lifecycle.start(message, recipient, [step('sent', 0), step('delivered', 60_000)], true)
    lifecycle.start(message, other, [step('sent', 0)], false)
    expect([lifecycle.isHeld(recipient), lifecycle.isHeld(other)]).toEqual([true, false])
    while (clock.step(5_000));
    lifecycle.act(message, recipient, [step('delivered', 0, { code: '7555' })])
    while (clock.step(Number.MAX_SAFE_INTEGER));
    expect(dispatched.filter((d) => d.startsWith('ann'))).toEqual(['ann 7501', 'ann 7555'])
    expect(lifecycle.size).toBe(0)
  })

  it('fires steps planned out of time order by their delays, equal delays in planned order', () => {
    const { clock, lifecycle, message, recipient } = runner()
    lifecycle.start(
      message,
      recipient,
      [step('delivered', 300, { code: '7503' }), step('sent', 0), step('delivered', 300, { code: '7504' })],
      false,
    )
    while (clock.step(Number.MAX_SAFE_INTEGER));
    expect(recipient.receipts.map((r) => [r.code, r.at])).toEqual([
      ['7501', 5_000],
      ['7503', 5_300],
      ['7504', 5_300],
    ])
  })

  it("fires two recipients' steps due at the same instant in the order they were planned", () => {
    const { clock, lifecycle, message, recipient, dispatched } = runner()
    const other: BaseRecipient = { ...recipient, address: 'bob', receipts: [] }
    lifecycle.start(message, recipient, [step('sent', 0), step('delivered', 100)], false)
    lifecycle.start(message, other, [step('delivered', 100), step('sent', 200)], false)
    while (clock.step(Number.MAX_SAFE_INTEGER));
    expect(dispatched).toEqual(['ann 7501', 'ann 7500', 'bob 7500', 'bob 7501'])
  })

  it('start() again for a recipient replaces the steps it still had planned; cancelSteps() counts them off', () => {
    const { clock, lifecycle, message, recipient, dispatched } = runner()
    lifecycle.start(message, recipient, [step('sent', 0), step('delivered', 100)], false)
    while (clock.step(5_000));
    lifecycle.start(message, recipient, [step('delivered', 500, { code: '7555' }), step('delivered', 900)], false)
    expect(lifecycle.size).toBe(2)
    while (clock.step(5_500));
    lifecycle.cancelSteps(recipient)
    expect(lifecycle.size).toBe(0)
    while (clock.step(Number.MAX_SAFE_INTEGER));
    expect(dispatched).toEqual(['ann 7501', 'ann 7555'])
  })

  it('cancelAll() cancels every timer it set', () => {
    const { clock, lifecycle, message, recipient, dispatched } = runner()
    lifecycle.start(message, recipient, [step('sent', 0), step('delivered', 10)], false)
    lifecycle.schedule(9_000, () => dispatched.push('auto-reply'))
    expect(lifecycle.size).toBe(3)
    lifecycle.cancelAll()
    expect(lifecycle.size).toBe(0)
    while (clock.step(Number.MAX_SAFE_INTEGER));
    expect(dispatched).toEqual([])
  })
})
