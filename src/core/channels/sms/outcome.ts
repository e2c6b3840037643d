/**
 * @module The phone outcome grammar SMS, MMS and RCS read with their code tables; it lives in the
 * kernel (kernel/phone-outcome.ts) because WhatsApp reads it too.
 */
export {
  type CodeTable,
  describePhoneOutcome,
  type PhoneOutcome,
  parsePhoneOutcome,
  playedOutcome,
} from '../../kernel/phone-outcome.js'
