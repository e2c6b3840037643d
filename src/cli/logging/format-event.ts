/**
 * @module One log line per thing the emulator does — a send, a receipt, a webhook attempt, an
 * inbound event — as a record (for --log-format json) that a human formatter can colour.
 */
import type { EmulatorEvent } from '../../core/emulator.js'

export type LogLevel = 'info' | 'warn' | 'debug'

export interface LogRecord {
  level: LogLevel
  /** What happened; "tenant" when a tenant of an isolated emulator came or went. */
  event: EmulatorEvent['type'] | 'tenant'
  /** The emulator's clock, ISO 8601. */
  time: string
  message: string
  [field: string]: unknown
}

/** Receipts that mean something went wrong for the recipient, worth a warning colour. */
const troubleStatuses = new Set(['Bounce', 'Complaint', 'Failed', 'Un-Delivered', 'Not Verified', 'Invalid'])

/** An event's level, cheaply, so a quiet logger skips building records it would not print. */
export function levelOf(event: EmulatorEvent): LogLevel {
  switch (event.type) {
    case 'receipt':
      return troubleStatuses.has(event.receipt.status) ? 'warn' : 'info'
    case 'attempt':
      return event.attempt.verdict === 'delivered' ? 'info' : 'warn'
    case 'state':
      return 'debug'
    case 'rejected':
      return 'warn'
    default:
      return 'info'
  }
}

/** What a message record may carry besides the base, whatever its channel: a subject, a text, parts. */
type MessageDetail = {
  subject?: unknown
  text?: unknown
  encoding?: unknown
  recipients: ReadonlyArray<{ messageCount?: unknown }>
}

const excerpt = (text: string, max = 60) => {
  const flat = text.replace(/\s+/g, ' ').trim()
  return `"${flat.length > max ? `${flat.slice(0, max - 1)}…` : flat}"`
}

/**
 * What a send line says of the content, read from the record's shape rather than its channel: the
 * subject, or the text with its part count and encoding ("sms, 2 parts GSM-7: "Your order…"").
 */
function describeContent(message: EmulatorEvent & { type: 'message' }): {
  detail: string
  fields: Record<string, unknown>
} {
  const m = message.message as typeof message.message & MessageDetail
  const recipients: MessageDetail['recipients'] = m.recipients
  const counts = recipients.map((r) => r.messageCount).filter((n): n is number => typeof n === 'number')
  const low = Math.min(...counts)
  const high = Math.max(...counts)
  const parts =
    counts.length === 0 ? undefined : `${low === high ? low : `${low}–${high}`} part${high === 1 ? '' : 's'}`
  const encoding = typeof m.encoding === 'string' ? m.encoding : undefined
  const said =
    typeof m.subject === 'string' ? excerpt(m.subject) : typeof m.text === 'string' ? excerpt(m.text) : undefined
  const how = [parts, encoding].filter(Boolean).join(' ')
  const detail = `${m.channel}${how ? `, ${how}` : ''}${said ? `: ${said}` : ''}`
  return {
    detail,
    fields: {
      ...(typeof m.subject === 'string' ? { subject: m.subject } : {}),
      ...(counts.length > 0 ? { messageCount: high } : {}),
      ...(encoding ? { encoding } : {}),
    },
  }
}

export function toLogRecord(event: EmulatorEvent, now: number): LogRecord {
  const time = new Date(now).toISOString()
  switch (event.type) {
    case 'message': {
      const { message } = event
      const to = message.recipients.map((r) => r.address)
      const shown = to.length > 3 ? `${to.slice(0, 3).join(', ')} +${to.length - 3} more` : to.join(', ')
      const { detail, fields } = describeContent(event)
      return {
        level: 'info',
        event: 'message',
        time,
        message: `send ${message.messageId} from ${message.from} to ${shown} (${detail})`,
        messageId: message.messageId,
        from: message.from,
        to,
        channel: message.channel,
        ...fields,
      }
    }
    case 'receipt': {
      const { receipt, recipient, message } = event
      return {
        level: levelOf(event),
        event: 'receipt',
        time,
        message: `${receipt.status} ${receipt.code} ${recipient.address}${receipt.description && receipt.description !== receipt.status ? ` (${receipt.description})` : ''}`,
        messageId: message.messageId,
        channel: message.channel,
        destination: recipient.address,
        status: receipt.status,
        code: receipt.code,
        description: receipt.description,
      }
    }
    case 'attempt': {
      const { delivery, attempt } = event
      const answer = attempt.status === undefined ? (attempt.error ?? 'no answer') : String(attempt.status)
      const faults = attempt.faults?.length ? ` [fault: ${attempt.faults.join(', ')}]` : ''
      return {
        level: levelOf(event),
        event: 'attempt',
        time,
        message: `webhook ${delivery.event} → ${delivery.target.url} ${answer} in ${Math.round(attempt.latencyMs)} ms, attempt ${attempt.number}: ${attempt.verdict}${faults}`,
        deliveryId: delivery.id,
        messageId: delivery.transid,
        url: delivery.target.url,
        status: attempt.status,
        error: attempt.error,
        latencyMs: attempt.latencyMs,
        attempt: attempt.number,
        verdict: attempt.verdict,
      }
    }
    case 'inbound': {
      const { inbound } = event
      return {
        level: 'info',
        event: 'inbound',
        time,
        message: `${inbound.channel} ${inbound.event} from ${inbound.from} to ${inbound.to.join(', ')}${inbound.subject ? `: ${excerpt(inbound.subject)}` : ''}`,
        tid: inbound.tid,
        channel: inbound.channel,
        from: inbound.from,
        to: inbound.to,
      }
    }
    case 'state':
      return { level: 'debug', event: 'state', time, message: `${event.what} changed`, what: event.what }
    case 'rejected': {
      const { method, path, status, code, message, detail } = event.rejection
      const said = message ? ` ${code} ${message}` : ''
      return {
        level: 'warn',
        event: 'rejected',
        time,
        message: `${method} ${path} → ${status}${said}${detail ? `: ${detail}` : ''}`,
        method,
        path,
        status,
        code,
        answer: message,
        detail,
      }
    }
    case 'reset':
      return {
        level: 'info',
        event: 'reset',
        time,
        message: event.serviceId ? `reset service ${event.serviceId}` : 'reset all state',
        serviceId: event.serviceId,
      }
  }
}
