/**
 * @module Receipts as the emulator recorded them, flat and in the order they happened, for
 * assertions: the MSW handle's `receipts()` and `waitForStatus()`.
 */
import type { EmulatorCore } from '../core/emulator.js'

/** A receipt, flattened for assertions. */
export interface ReceiptView {
  /** The channel of the message ("email", "sms", …). */
  channel: string
  messageId: string
  destination: string
  /** `deliveryStatus`: "Submitted", "Delivered", "Bounce", … */
  status: string
  code: string
  description: string
  additionalInfo: string
  timeStamp: string
  at: number
}

export function receiptViews(emulator: EmulatorCore): ReceiptView[] {
  return emulator
    .messages()
    .flatMap((message) =>
      message.recipients.flatMap((recipient) =>
        recipient.receipts.map((r) => ({
          channel: message.channel,
          messageId: message.messageId,
          destination: recipient.address,
          status: r.status,
          code: r.code,
          description: r.description,
          additionalInfo: r.additionalInfo,
          timeStamp: r.timeStamp,
          at: r.at,
        })),
      ),
    )
    .sort((a, b) => a.at - b.at)
}

/** One line per receipt, for failure messages. */
export function describeReceipts(receipts: readonly ReceiptView[]): string {
  return receipts.length === 0
    ? '  (none)'
    : receipts
        .map((r) => `  ${r.timeStamp}  ${r.code} ${r.status.padEnd(12)} ${r.destination}  ${r.description}`)
        .join('\n')
}
