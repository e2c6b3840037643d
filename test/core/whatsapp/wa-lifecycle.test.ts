import { describe, expect, it } from 'vitest'
import { whatsappConfigSchema } from '../../../src/core/channels/whatsapp/config.js'
import { failedStep, planWaLifecycle } from '../../../src/core/channels/whatsapp/lifecycle.js'
import type { WaOutcome } from '../../../src/core/channels/whatsapp/outcome.js'

// A WhatsApp recipient's timeline as the planner writes it, for each outcome and setting.

const config = (input: Record<string, unknown> = {}) =>
  whatsappConfigSchema.parse({
    delays: { submitted: 100, delivered: 1_000, read: 5_000, failed: 700, slow: 60_000 },
    ...input,
  })
const played = (outcome: WaOutcome) => ({ kind: 'played', outcome }) as const
const delivered = (extra: Partial<{ slow: boolean; read: boolean; click: boolean }> = {}) =>
  played({ kind: 'delivered', slow: false, read: false, click: false, ...extra })

const timeline = (steps: ReadonlyArray<{ kind: string; after: number; code?: string }>) =>
  steps.map((s) => `${s.kind}@${s.after}${s.code ? ` ${s.code}` : ''}`)

describe('the WhatsApp lifecycle', () => {
  it('is Submitted, Delivered and Read by default, each with its text', () => {
    expect(planWaLifecycle(delivered(), config())).toEqual([
      { kind: 'submitted', after: 100, description: 'Submitted', additionalInfo: '' },
      { kind: 'delivered', after: 1_000, description: 'Delivered', additionalInfo: '' },
      { kind: 'read', after: 5_000, description: 'Read', additionalInfo: '' },
    ])
  })

  it('reads only when whatsapp.read is on or the outcome is read, and never an unread one', () => {
    expect(timeline(planWaLifecycle(delivered(), config({ read: false })))).toEqual(['submitted@100', 'delivered@1000'])
    expect(timeline(planWaLifecycle(delivered({ read: true }), config({ read: false })))).toEqual([
      'submitted@100',
      'delivered@1000',
      'read@5000',
    ])
    expect(timeline(planWaLifecycle(played({ kind: 'unread' }), config()))).toEqual(['submitted@100', 'delivered@1000'])
  })

  it('delivers a slow number at the slow delay and reads it after, never before', () => {
    expect(timeline(planWaLifecycle(delivered({ slow: true }), config()))).toEqual([
      'submitted@100',
      'delivered@60000',
      'read@60000',
    ])
  })

  it('never runs backwards: Delivered and a reported failure come no earlier than Submitted', () => {
    const late = config({ delays: { submitted: 9_000, delivered: 1_000, read: 5_000, failed: 700, slow: 60_000 } })
    expect(timeline(planWaLifecycle(delivered(), late))).toEqual(['submitted@9000', 'delivered@9000', 'read@9000'])
    expect(timeline(planWaLifecycle(played({ kind: 'failure', code: '7713' }), late))).toEqual([
      'submitted@9000',
      'failed@9000 7713',
    ])
  })

  it('holds and never-reported numbers stop at Submitted; a failure Meta reports follows it', () => {
    expect(timeline(planWaLifecycle(played({ kind: 'hold' }), config()))).toEqual(['submitted@100'])
    expect(timeline(planWaLifecycle(played({ kind: 'submitted' }), config()))).toEqual(['submitted@100'])
    expect(planWaLifecycle(played({ kind: 'failure', code: '7200' }), config())).toEqual([
      { kind: 'submitted', after: 100, description: 'Submitted', additionalInfo: '' },
      {
        kind: 'failed',
        after: 700,
        code: '7200',
        description: 'Unknown Status',
        additionalInfo:
          '(#131049)  | In order to maintain a healthy ecosystem engagement, the message failed to be delivered.',
      },
    ])
  })

  it('a failure the platform finds before sending is one Failed receipt, with no Submitted', () => {
    expect(planWaLifecycle({ kind: 'rejected', failure: { code: '7710' } }, config())).toEqual([
      {
        kind: 'failed',
        after: 700,
        code: '7710',
        description: 'Re-engagement message',
        additionalInfo:
          'Message failed to send because more than 24 hours have passed since the customer last replied to this number',
      },
    ])
  })
})

describe('a Failed step', () => {
  it('takes its text from the code table, its own additional info over the table’s, and a generic text for an unknown code', () => {
    expect(failedStep({ code: '7714' }, 5)).toEqual({
      kind: 'failed',
      after: 5,
      code: '7714',
      description: 'Message too long',
      additionalInfo: 'Length of the message exceeds 4096 characters',
    })
    expect(failedStep({ code: '7714', additionalInfo: 'body is 5000 characters' }, 5).additionalInfo).toBe(
      'body is 5000 characters',
    )
    expect(failedStep({ code: '7010' }, 0)).toMatchObject({
      description: 'Service provider exception',
      additionalInfo: '',
    })
    expect(failedStep({ code: '1234' }, 0)).toMatchObject({
      code: '1234',
      description: 'Generic error',
      additionalInfo: '',
    })
  })
})
