/**
 * @module The contract corpus: real public artefacts (recorded exchanges, real receivers' fixtures,
 * the vendor's own examples), each file naming its source, and the shapes real receivers require,
 * written from their code (cited), so the emulator's output can be fed to them.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'

/** Where an artefact comes from: a repository and path (and commit), or a page. */
interface ArtefactSource {
  repository?: string
  path?: string
  commit?: string
  page_url?: string
  [key: string]: unknown
}

export interface Artefact<T = any> {
  source: ArtefactSource
  artefact: T
}

const fixtures = join(import.meta.dirname, '../fixtures')

/** One artefact file, e.g. `load('hmrc/email-send-request.json')`; every file must say where it comes from. */
export function load<T = any>(name: string): Artefact<T> {
  const file = JSON.parse(readFileSync(join(fixtures, name), 'utf8')) as Artefact<T>
  if (!file.source || !(file.source.repository || file.source.page_url))
    throw new Error(`${name} does not name its source`)
  return file
}

/** Values for the vendor examples' `{{placeholders}}`; any other placeholder becomes its own name. */
const placeholderValues: Record<string, string> = {
  fromEmailAddress: 'news@brand.test',
  toEmailAddress: 'ann@customer.test',
  replyToEmailAddress: 'replies@brand.test',
  emailSendername: 'Brand News',
  subject: 'Your order has shipped',
  templateId: 'order-shipped',
}

/**
 * Fills `{{name}}` placeholders in every string (keys included) with valid values, and the examples'
 * empty `contactPolicyGroup` ("the GroupID to be applied. Required if any of the following options
 * are … true") with a group id, as a client filling in the template would.
 */
export function fillPlaceholders<T>(value: T): T {
  const fill = (text: string) => text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => placeholderValues[name] ?? name)
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return fill(v)
    if (Array.isArray(v)) return v.map(walk)
    if (v && typeof v === 'object')
      return Object.fromEntries(
        Object.entries(v).map(([k, x]) => [
          fill(k),
          k === 'contactPolicyGroup' && x === '' ? 'yk7_hM8eQQeFwA3zHyfRgg' : walk(x),
        ]),
      )
    return v
  }
  return walk(value) as T
}

/** Java's UUID.fromString: five groups of hex digits (no version check). */
const javaUuid = z
  .string()
  .regex(/^[0-9a-fA-F]{1,8}-[0-9a-fA-F]{1,4}-[0-9a-fA-F]{1,4}-[0-9a-fA-F]{1,4}-[0-9a-fA-F]{1,12}$/)

/** What Play's `Reads[LocalDateTime]` takes: an ISO date-time, any offset dropped. */
const localDateTime = z.string().regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d{1,9})?)?(Z|[+-]\d\d:\d\d)?$/)

/** HMRC's callbackData: base64 of a JSON object of strings (decoded in their Reads). */
const base64JsonObject = z.string().refine((text) => {
  try {
    const value = JSON.parse(Buffer.from(text, 'base64').toString('utf8'))
    return value !== null && typeof value === 'object' && Object.values(value).every((v) => typeof v === 'string')
  } catch {
    return false
  }
}, 'callbackData must be base64 of a JSON object of strings')

/**
 * The receipt HMRC's production receiver decodes (hmrc/email-events @ 97794d48,
 * app/uk/gov/hmrc/emailevents/models/controllers/*.scala: `RawEvent`, `DeliveryInfoNotification`,
 * `DeliveryInfo` Reads). Every key is read with `read[...]`, none with `readNullable`: a missing
 * key is a 400, which the vendor's retry policy does not retry, so the event is lost.
 */
export const hmrcRawEvent = z.object({
  deliveryInfoNotification: z.object({
    deliveryInfo: z.object({
      timeStamp: localDateTime,
      Description: z.string(),
      code: z.string(),
      deliveryChannel: z.string(),
      additionalInfo: z.string(),
      destination: z.string(),
      destinationType: z.string(),
      deliveryStatus: z.string(),
    }),
    subtid: z.string(),
    transid: javaUuid,
    callbackData: base64JsonObject,
    correlationid: javaUuid,
  }),
})

/** Statuses HMRC's receiver processes (200); any other is answered 202 and ignored (`DeliveryStatus`). */
export const hmrcProcessedStatuses = ['Submitted', 'Read', 'Delivered', 'Bounce', 'Failed', 'Complained']

/**
 * HMRC's sender parses a 201 as `ImiSendResponse` (hmrc/email, ImiConnector.scala and its Reads):
 * four required strings.
 */
export const hmrcSendResponse = z.object({
  requestTimestamp: z.string(),
  messageId: z.string(),
  correlationId: z.string(),
  status: z.string(),
})
