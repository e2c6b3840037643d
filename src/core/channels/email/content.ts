/**
 * @module What the emulator keeps of an email — sent (the record's subject and content) or received
 * (the inbound log's subject) — bounded in one place by `email.content`: a subject (and a template's
 * subject) is kept up to `maxSubject` characters (`subjectTruncated` says how long it was), each body
 * part up to `maxBytes` (marked `truncated`), and all kept bodies together stay under `totalBytes` by
 * dropping the oldest messages' bodies first (marked `dropped`), so a server that runs for days never
 * holds more than that (issue 19).
 */
import { z } from 'zod'
import { ownKeysRecord } from '../../kernel/own-keys-record.js'
import type { SendRequest } from './schemas/send-request.js'

export const emailContentSchema = z.object({
  fromName: z.string().optional(),
  replyTo: z.string().optional(),
  cc: z.array(z.string()),
  bcc: z.array(z.string()),
  text: z.string().optional(),
  html: z.string().optional(),
  attachments: z.array(
    z.object({ name: z.string(), mimetype: z.string(), mediaUrl: z.string(), cid: z.string().optional() }),
  ),
  template: z.object({ id: z.string(), subject: z.string().optional() }).optional(),
  /** The request's global substitutions (each recipient's own are on its `to` entry). */
  substitutions: ownKeysRecord(z.string()).optional(),
  /** The request's options as sent (tags, tracking, unsubscribe headers, …), as strings. */
  options: z.record(z.string(), z.string()),
  /**
   * A body part was longer than `email.content.maxBytes`, or the template's subject longer than
   * `email.content.maxSubject` characters, and was cut there.
   */
  truncated: z.boolean(),
  /** The bodies were dropped to keep all kept bodies under `email.content.totalBytes`. */
  dropped: z.boolean(),
})
/** What an email said, as its record keeps it. */
export type EmailContent = z.infer<typeof emailContentSchema>

export const contentLimitsSchema = z.strictObject({
  /** Each body part (text, html) is kept up to this many bytes (UTF-8). */
  maxBytes: z
    .number()
    .int()
    .min(0)
    .default(256 * 1024),
  /** All kept bodies together; past it the oldest messages' bodies are dropped. */
  totalBytes: z
    .number()
    .int()
    .min(0)
    .default(32 * 1024 * 1024),
  /**
   * A subject (the message's, a template's, an inbound mail's) is kept up to this many characters;
   * 1,000 is past the 998 a header line may have (RFC 5322).
   */
  maxSubject: z.number().int().min(0).default(1000),
})
export type ContentLimits = z.infer<typeof contentLimitsSchema>

/** Cuts `text` to at most `max` UTF-8 bytes, never inside a character. */
function cutBytes(text: string, max: number): { text: string; cut: boolean } {
  if (text.length <= max / 3) return { text, cut: false } // even all 3-byte characters fit
  const bytes = Buffer.from(text, 'utf8')
  if (bytes.byteLength <= max) return { text, cut: false }
  let end = max
  while (end > 0 && (bytes[end]! & 0xc0) === 0x80) end--
  return { text: bytes.subarray(0, end).toString('utf8'), cut: true }
}

/** Cuts `text` to at most `max` characters (UTF-16 units), never between a surrogate pair's halves. */
function cutChars(text: string, max: number): { text: string; cut: boolean } {
  if (text.length <= max) return { text, cut: false }
  const end = max > 0 && /[\ud800-\udbff]/.test(text[max - 1]!) ? max - 1 : max
  return { text: text.slice(0, end), cut: true }
}

/**
 * A subject as a record keeps it: up to `limits.maxSubject` characters; when it was cut,
 * `subjectTruncated` is how long it was (a number beside the text, not a marker inside it, which a
 * test comparing subjects could take for content).
 */
export function keptSubject(subject: string, limits: ContentLimits): { subject: string; subjectTruncated?: number } {
  const kept = cutChars(subject, limits.maxSubject)
  return kept.cut ? { subject: kept.text, subjectTruncated: subject.length } : { subject }
}

const addresses = (entries: SendRequest['cc']) =>
  (entries ?? []).flatMap((entry) => (typeof entry === 'string' ? [entry] : entry.email))

const stringValues = (record: Record<string, unknown>): Record<string, string> =>
  Object.fromEntries(
    Object.entries(record)
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => [key, String(value)]),
  )

/**
 * What a sent email's record keeps: its subject (`keptSubject`) and its content, each body part cut
 * at `limits.maxBytes` and a template's subject at `limits.maxSubject`. `budget` then counts the
 * bodies against `limits.totalBytes`.
 */
export function keepSentEmail(
  request: SendRequest,
  limits: ContentLimits,
  budget: ContentBudget | undefined,
): { subject: string; subjectTruncated?: number; content: EmailContent } {
  const content = captureContent(request, limits)
  budget?.add(content)
  // The subject spread last: a key added after a spread costs V8 a new hidden class (see plan.ts).
  return { content, ...keptSubject(request.content?.subject ?? request.template?.subject ?? '', limits) }
}

/** The content of an accepted request, each body part cut at `limits.maxBytes`. */
function captureContent(request: SendRequest, limits: ContentLimits): EmailContent {
  const text = request.content?.text === undefined ? undefined : cutBytes(request.content.text, limits.maxBytes)
  const html = request.content?.html === undefined ? undefined : cutBytes(request.content.html, limits.maxBytes)
  const templateSubject =
    request.template?.subject === undefined ? undefined : cutChars(request.template.subject, limits.maxSubject)
  const options = stringValues(request.options ?? {})
  return {
    ...(request.options?.fromName ? { fromName: request.options.fromName } : {}),
    ...(request.content?.replyTo ? { replyTo: request.content.replyTo } : {}),
    cc: addresses(request.cc),
    bcc: addresses(request.bcc),
    ...(text ? { text: text.text } : {}),
    ...(html ? { html: html.text } : {}),
    attachments: (request.content?.attachments ?? []).map((a) => ({
      name: a.name ?? '',
      mimetype: a.mimetype ?? '',
      mediaUrl: a.mediaUrl ?? '',
      ...(a.cid ? { cid: a.cid } : {}),
    })),
    ...(request.template
      ? {
          template: {
            id: String(request.template.id),
            ...(templateSubject?.text ? { subject: templateSubject.text } : {}),
          },
        }
      : {}),
    ...(request.substitutions ? { substitutions: stringValues(request.substitutions) } : {}),
    options,
    truncated: Boolean(text?.cut || html?.cut || templateSubject?.cut),
    dropped: false,
  }
}

const bodyBytes = (content: EmailContent) =>
  Buffer.byteLength(content.text ?? '', 'utf8') + Buffer.byteLength(content.html ?? '', 'utf8')

/**
 * Keeps the bodies of the newest messages within a byte budget: the oldest lose theirs first. At
 * most `maxEntries` are tracked (the message store keeps no more messages than that, so an older
 * entry's record is gone anyway, as are those `forget` is told of).
 */
export class ContentBudget {
  #entries: Array<{ content: EmailContent; bytes: number }> = []
  #head = 0
  #bytes = 0

  constructor(
    private readonly limits: () => ContentLimits,
    private readonly maxEntries: number,
  ) {}

  /** Bytes of bodies kept now. */
  get bytes(): number {
    return this.#bytes
  }

  add(content: EmailContent): void {
    const bytes = bodyBytes(content)
    this.#entries.push({ content, bytes })
    this.#bytes += bytes
    const { totalBytes } = this.limits()
    while (this.#bytes > totalBytes || this.#entries.length - this.#head > this.maxEntries) {
      // Past `maxEntries`, the oldest entry's message has left the store already (see `forget`): its
      // bodies went with it. Deleting them anyway was work for nothing at every send of a busy server,
      // and each delete turned the content into a slow dictionary (bench/PROFILE.md).
      const forgotten = this.#entries.length - this.#head > this.maxEntries
      const oldest = this.#entries[this.#head++]!
      this.#bytes -= oldest.bytes
      if (oldest.bytes > 0 && !forgotten) {
        delete oldest.content.text
        delete oldest.content.html
        oldest.content.dropped = true
      }
    }
    // Compact now and then, so the array does not keep dropped entries' slots forever.
    if (this.#head > 1024 && this.#head * 2 > this.#entries.length) {
      this.#entries = this.#entries.slice(this.#head)
      this.#head = 0
    }
  }

  /**
   * Stops counting the contents of messages the store forgot (a reset of one service). Their
   * bodies no longer crowd out the kept messages' under `totalBytes`, and an entry past `maxEntries`
   * is then always one whose message the store has let go of: messages are forgotten only oldest
   * first past the store's cap, or here.
   */
  forget(contents: ReadonlySet<EmailContent>): void {
    const kept: Array<{ content: EmailContent; bytes: number }> = []
    for (let index = this.#head; index < this.#entries.length; index++) {
      const entry = this.#entries[index]!
      if (contents.has(entry.content)) this.#bytes -= entry.bytes
      else kept.push(entry)
    }
    this.#entries = kept
    this.#head = 0
  }

  clear(): void {
    this.#entries = []
    this.#head = 0
    this.#bytes = 0
  }
}
