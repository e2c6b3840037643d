/**
 * @module The Send Message API v2 request for the email channel, as documented in the vendor's
 * "Email API" reference. Unknown fields are ignored, as the vendor does.
 */
import { z } from 'zod'
import {
  callbackDataSchema,
  dateTimeSchema,
  httpUrl,
  looseBoolean,
  nonBlankString,
  optional,
  refuseExpireAtWithValidity,
  substitutionsSchema as substitutions,
  validitySecondsSchema,
} from '../../../apis/v2-schemas.js'
import { contactPolicyRequestSchema } from '../../../kernel/contact-policy.js'
import { overBytes, utf8Length } from '../../../kernel/text-size.js'
import { requestedReceiptNames } from '../receipts.js'

/**
 * Vendor size limits (Email API reference): `content.html` "Up to 500 KB in size"; "The default
 * email size limit for AWS SES based email assets … is 10 MB … including the email text, images,
 * attachments" — attachments are URLs here, so subject, text and html are what count.
 */
const emailLimits = { htmlBytes: 500 * 1024, totalBytes: 10 * 1024 * 1024 } as const

/**
 * What is wrong with an address the vendor hands to SES as one (`from`, `content.replyTo`,
 * `options.unsubscribeEmailAddress`), or undefined. The vendor sends from an address on a domain
 * "registered with Webex Connect under the Apps section" (help.webexconnect.io/docs/email), so a
 * blank one or a bare name ("Newsletter") can be on none. Nothing says how strictly the address
 * itself is read, so this asks only for one (local@domain, no spaces): a development domain
 * ("noreply@localhost") passes, as it did before this check. SES takes 7-bit ASCII only ("Amazon SES
 * does not support the SMTPUTF8 extension … you must encode the domain using Punycode", SES API
 * reference, Destination), so an internationalised domain is written in punycode.
 */
function addressProblem(address: string, expected: string): string | undefined {
  if (!/^[^\s@<>]+@[^\s@<>]+$/.test(address)) return `expected ${expected}`
  // A control character (U+0000–U+001F, U+007F) is ASCII, but in no address: punycode would be the
  // wrong advice.
  if (/[^\x20-\x7e\u0080-\uffff]/.test(address)) return `expected ${expected}, without control characters`
  if (!/^[\x21-\x7e]+$/.test(address))
    return `not 7-bit ASCII, which SES requires: write an internationalised domain in punycode ("news@xn--bcher-kva.example"); SES takes no Unicode in the local part`
  return undefined
}

/**
 * An address field: its address (`addressOf`: a `from` or `replyTo` may be a name-addr, "News
 * <news@brand.test>", which SES takes for both) must pass `addressProblem`; `expected` says what goes there.
 * Kept trimmed, as it is checked: " news@brand.test " was checked as the address and kept with its
 * spaces, which the console and the message's record then showed.
 */
const addressField = (expected: string, addressOf: (value: string) => string = (value) => value) =>
  z
    .string()
    .trim()
    .superRefine((value, ctx) => {
      const problem = addressProblem(addressOf(value), expected)
      if (problem) ctx.addIssue({ code: 'custom', message: problem })
    })

/**
 * The address in a `from`: the one inside the angle brackets of a name-addr ("News
 * <news@brand.test>" → "news@brand.test"), else the whole value, trimmed. A sender's unsubscribe
 * list is keyed by it, however the request writes the sender.
 */
export function senderAddress(from: string): string {
  const trimmed = from.trim()
  return /^[^<>]*<([^<>]*)>$/.exec(trimmed)?.[1]?.trim() ?? trimmed
}

const toEntry = z.object({
  email: z.array(z.string()).min(1, 'needs at least one address'),
  substitutions: substitutions.optional(),
  correlationId: optional(z.string()),
})

/** cc/bcc entries: plain addresses, or `{ email: [...] }` objects like `to`. */
const copyEntry = z.union([z.string(), z.object({ email: z.array(z.string()).min(1, 'needs at least one address') })])

/** "mandatory" for a field not sent, zod's own words for a value of another type. */
const mandatory = (what: string) => ({
  error: (issue: { input: unknown }) => (issue.input === undefined ? `mandatory: ${what}` : undefined),
})

/** A name or MIME type of only spaces names nothing, as an empty one does. */
const given = (what: string) =>
  z.string(mandatory(what)).refine((value) => value.trim() !== '', `${what}: empty or only white space`)

/**
 * Vendor ("Send Email with Attachments"): `mimetype`, `name` and `mediaUrl` are "Mandatory"; `cid`
 * is optional. Its own sample sends `"mediaUrl": ""` as a placeholder, taken as written (decision
 * 011), so a mediaUrl is an http(s) URL or "", and it must be there.
 */
const attachment = z.object({
  mimetype: given('a MIME type such as "application/pdf"'),
  name: given("the attachment's name"),
  // "Direct URL pointing to the media file".
  mediaUrl: z.string(mandatory('the http(s) URL of the file')).superRefine((url, ctx) => {
    if (url === '') return
    for (const issue of httpUrl.safeParse(url).error?.issues ?? [])
      ctx.addIssue({ code: 'custom', message: issue.message })
  }),
  cid: optional(z.string()),
})

const content = z
  .object({
    // In any case, white space around it aside, as RCS's content.type and every requestedReceipts
    // are: the vendor's table says "Text or HTML", its examples "text" and "html" (decision 016).
    type: z.preprocess(
      (value) => (typeof value === 'string' ? value.trim().toLowerCase() : value),
      z.enum(['text', 'html'], { message: 'expected "text" or "html"' }),
    ),
    // Vendor: "Mandatory. Subject of the email"; "" or only spaces says nothing (decision 016).
    subject: nonBlankString('the subject'),
    // An address as `from` is, the name-addr form too: SES's ReplyToAddresses take mailboxes as its
    // Source does, and the vendor has no reply-to name field beside it.
    replyTo: optional(
      addressField(
        'one email address to reply to, such as "help@your-domain.tld" or "Help <help@your-domain.tld>"',
        senderAddress,
      ),
    ),
    text: z.string().optional(),
    html: z.string().optional(),
    attachments: z.array(attachment).optional(),
  })
  .superRefine((value, ctx) => {
    // Vendor: "text" is mandatory for text emails, "html" for html emails. The vendor's own
    // attachments example sends type "html" with only "text", and it is accepted: the text is the
    // body (docs/decisions/011).
    const bodyField = value.type === 'html' && value.html !== undefined ? 'html' : 'text'
    const body = value[bodyField]
    if (body === undefined)
      ctx.addIssue({ code: 'custom', path: [value.type], message: `mandatory when type is "${value.type}"` })
    // A body that is empty or only white space is a mail with nothing in it, refused as a blank SMS
    // text is (decision 016); a blank fallback text beside an HTML body is harmless.
    else if (!/\S/.test(body))
      ctx.addIssue({ code: 'custom', path: [bodyField], message: `the ${bodyField} body: empty or only white space` })
    if (value.html !== undefined && overBytes(value.html, emailLimits.htmlBytes)) {
      ctx.addIssue({
        code: 'custom',
        path: ['html'],
        message: `content.html is ${utf8Length(value.html)} bytes; the vendor takes HTML "up to 500 KB in size" (${emailLimits.htmlBytes} bytes)`,
      })
    }
    const total = utf8Length(value.subject) + utf8Length(value.text ?? '') + utf8Length(value.html ?? '')
    if (total > emailLimits.totalBytes) {
      ctx.addIssue({
        code: 'custom',
        message: `subject, text and html are ${total} bytes together; an SES email asset's limit is 10 MB for the whole email (${emailLimits.totalBytes} bytes)`,
      })
    }
  })

/**
 * `"html": ""` beside a text is no html, as `null` is (decision 011: an optional field sent empty is
 * not given, and a client that writes every field of its request type sends one so): the text is
 * the body, as in the vendor's attachments sample. Beside no text it is a blank body, refused.
 */
const withoutEmptyHtml = (value: unknown) => {
  const content = value as Record<string, unknown> | null
  if (typeof content !== 'object' || content?.html !== '' || typeof content.text !== 'string') return value
  const { html: _, ...rest } = content
  return rest
}

/** Vendor: `template.id` is mandatory, "Unique identifier of the email template". */
const template = z.object({
  id: z.union([z.string().refine((id) => id.trim() !== '', 'a template id cannot be blank'), z.number()]),
  // It replaces the template's own subject, so one of only white space would be the mail's: refused
  // as a blank content.subject is; "" is not given (the template keeps its own).
  subject: optional(nonBlankString("the subject that replaces the template's")),
})

const options = z.object({
  fromName: optional(z.string()),
  trackClicks: optional(looseBoolean),
  trackOpens: optional(looseBoolean),
  shortenLinks: optional(looseBoolean),
  domain: optional(z.string()),
  tag1: optional(z.string()),
  tag2: optional(z.string()),
  allowFallbackURL: optional(looseBoolean),
  // The List-Unsubscribe URL the mail carries (RFC 8058 one-click: an HTTPS URI).
  listUnsubscribeUrl: optional(httpUrl),
  // The address of a `mailto:` List-Unsubscribe header (RFC 2369): a bare address, no name.
  unsubscribeEmailAddress: optional(
    addressField(
      'the email address unsubscribe requests are mailed to, such as "unsubscribe@your-domain.tld" (no display name)',
    ),
  ),
  unsubscribeEmailSubject: optional(z.string()),
})

/**
 * The body of POST /v2/messages (email), with the vendor's rules; for checking what your code
 * sends, or typing it with `SendRequestInput`.
 * @example
 * import { sendRequestSchema } from 'webex-connect-emulator/payloads'
 *
 * const result = sendRequestSchema.safeParse({ channel: 'email', from: 'me@x.test', to: [{ email: ['ann@x.test'] }] })
 * result.success // false: send either "content" or "template"
 */
export const sendRequestSchema = z
  .object({
    channel: z.literal('email', { message: 'this emulator serves the "email" channel' }),
    from: addressField(
      'the sender\'s email address, such as "news@your-domain.tld" (the display name goes in options.fromName)',
      senderAddress,
    ),
    to: z.array(toEntry).min(1, 'needs at least one recipient'),
    substitutions: substitutions.optional(),
    cc: z.array(copyEntry).optional(),
    bcc: z.array(copyEntry).optional(),
    multipleToRecipients: optional(looseBoolean),
    options: options.optional(),
    content: z.preprocess(withoutEmptyHtml, content).optional(),
    template: template.optional(),
    // In any case, as every channel's (decision 016): the vendor writes them lower case for email,
    // UPPERCASE for SMS and Title case for RCS.
    requestedReceipts: z
      .array(
        z.preprocess(
          (value) => (typeof value === 'string' ? value.trim().toLowerCase() : value),
          z.enum(requestedReceiptNames, {
            message: `expected one of ${requestedReceiptNames.map((n) => `"${n}"`).join(', ')}`,
          }),
        ),
      )
      .optional(),
    callbackData: callbackDataSchema,
    notifyUrl: optional(httpUrl),
    notifyUrlAuthId: optional(z.string()),
    contactPolicy: contactPolicyRequestSchema.optional(),
    sendAt: optional(dateTimeSchema),
    expireAt: optional(dateTimeSchema),
    validity: optional(validitySecondsSchema),
  })
  .superRefine((value, ctx) => {
    if (!value.content && !value.template)
      ctx.addIssue({ code: 'custom', path: ['content'], message: 'send either "content" or "template"' })
    refuseExpireAtWithValidity(value, ctx)
  })

/** A parsed send request (loose booleans turned into booleans). */
export type SendRequest = z.infer<typeof sendRequestSchema>
/** A send request as you write it. */
export type SendRequestInput = z.input<typeof sendRequestSchema>
