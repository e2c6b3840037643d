/**
 * @module Facts the emulator keeps beside its message and recipient records, not in them: the
 * records are what the control API shows and a snapshot saves. Weak, so they go when a message is
 * forgotten.
 */

import type { MailFacts } from '../channels/email/lifecycle.js'
import type { MessageRecord, RecipientRecord } from '../kernel/message-store.js'

export interface MessageSideTables {
  /** What a manual action needs to plan its steps (sender, HTML or text, the first link). */
  mailFacts: WeakMap<MessageRecord, Omit<MailFacts, 'destination'>>
  /** Recipients whose outcome is `hold`: they wait for manual actions, and only they take them. */
  held: WeakSet<RecipientRecord>
  /** Auth headers for a message's notifyUrl deliveries. */
  notifyUrlHeaders: WeakMap<MessageRecord, Record<string, string>>
}

export function createMessageSideTables(): MessageSideTables {
  return { mailFacts: new WeakMap(), held: new WeakSet(), notifyUrlHeaders: new WeakMap() }
}
