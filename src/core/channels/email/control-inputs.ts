/**
 * @module The email channel's control-API inputs — inbound mail, (un)subscribe events, the bounce
 * list, unsubscribes and the sandbox — strict, so a misspelt key is refused by name.
 */
import { z } from 'zod'
import { parseDuration } from '../../kernel/duration.js'
import { utf8Length } from '../../kernel/text-size.js'
import { maxDurationMs } from '../../kernel/time-bounds.js'

/**
 * The most an injected inbound email may hold: SES, which receives the vendor's inbound mail, takes
 * "the maximum email size (including headers) is 40 MB" (Amazon SES API reference, receipt rule
 * actions); counted here as the UTF-8 bytes of subject, text, html and attachment contents.
 */
const maxInboundEmailBytes = 40 * 1024 * 1024

/** Base64 as RFC 4648 writes it (padded), wrapped over lines or not. */
function isBase64(text: string): boolean {
  const compact = text.replace(/[\r\n]/g, '')
  return compact.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(compact)
}

/** An address, trimmed as the lists keep it: a blank one was listed as "" (and matched nothing). */
/** An address on one of the email lists: trimmed, and never blank (a blank one would match nothing). */
export const listedAddress = z.string().trim().min(1, 'an address cannot be blank')
const address = listedAddress
/** A sandbox-verified address or domain ("@shop.test" or "shop.test"). */
export const verifiedEntry = address.refine((entry) => entry !== '@', 'a domain cannot be blank')

const inboundEmailShape = z.strictObject({
  /** The customer writing in. */
  from: address,
  /** Your app's address(es) the mail was sent to. */
  to: z.union([address, z.array(address).min(1)]).transform((to) => (Array.isArray(to) ? to : [to])),
  subject: z.string().default(''),
  text: z.string().default(''),
  html: z.string().default(''),
  /** Reply-to address ("returnPath"); the sender when absent. */
  replyTo: z.string().optional(),
  attachments: z
    .array(
      z.strictObject({
        name: z.string().min(1),
        contentType: z.string().default('application/octet-stream'),
        /**
         * Base64 content, sent in the outbound-webhook format, which says so
         * (`"contentTransferEncoding": "base64"`, seed 000): plain text there would decode to garbage
         * in the receiver under test. Line breaks, as MIME wraps base64, are allowed.
         */
        content: z
          .string()
          .refine(
            isBase64,
            'expected base64 (the webhook says "contentTransferEncoding": "base64"): encode the file\'s bytes, e.g. Buffer.from(text).toString(\'base64\')',
          )
          .default(''),
        /** Where the data-stream format says the file is; a placeholder URL when absent. */
        url: z.string().optional(),
      }),
    )
    .default([]),
})

export const inboundEmailInputSchema = inboundEmailShape.superRefine((mail, ctx) => {
  let total = utf8Length(mail.subject) + utf8Length(mail.text) + utf8Length(mail.html)
  for (const attachment of mail.attachments) total += utf8Length(attachment.content)
  if (total > maxInboundEmailBytes)
    ctx.addIssue({
      code: 'custom',
      message: `subject, text, html and attachments are ${total} bytes together; SES receives mail of at most 40 MB (${maxInboundEmailBytes} bytes)`,
    })
})

export const subscriptionInputSchema = z.strictObject({
  /** The customer who (un)subscribes. */
  from: address,
  /** The sender address they (un)subscribe from. */
  senderId: address,
  correlationId: z.string().default(''),
})
export type SubscriptionInput = z.input<typeof subscriptionInputSchema>

/** A duration in ms, or "never" (null): how long an address stays on the bounce list. */
const retentionSchema = z.union([z.number(), z.string()]).transform((value, ctx) => {
  if (value === 'never') return null
  const ms = parseDuration(value)
  if (ms === undefined) {
    ctx.addIssue({
      code: 'custom',
      message: `"${value}" is not a duration: use milliseconds, a string like "1h" or "7d", or "never"`,
    })
    return z.NEVER
  }
  if (ms > maxDurationMs) {
    ctx.addIssue({
      code: 'custom',
      message: `"${value}" is longer than 366 days, the longest duration the emulator takes; "never" keeps it listed until removed`,
    })
    return z.NEVER
  }
  return ms
})

export const suppressInputSchema = z.strictObject({
  address,
  /** How long it stays listed; the configured bounce retention when absent, "never" for no expiry. */
  for: retentionSchema.optional(),
  reason: z.string().default('added by hand'),
})

export const unsubscribeInputSchema = z.strictObject({ sender: address, address })

/**
 * What `suppress()` takes from JavaScript (`emulator.email`, the MSW handle): the address as the
 * control API takes it, and a retention already in milliseconds (null: never expires).
 */
export const suppressCallSchema = z.strictObject({
  address,
  retentionMs: z.number().nonnegative().max(maxDurationMs, 'at most 366 days (in milliseconds)').nullable().optional(),
  reason: z.string().optional(),
})

/** One address, as `unsuppress()` and `unverify()` take it from JavaScript. */
export const addressCallSchema = z.strictObject({ address })

/** `verified` adds addresses or domains; DELETE /_emulator/sandbox/verified/:address removes one. */
export const sandboxInputSchema = z.strictObject({
  enabled: z.boolean().optional(),
  verified: z.array(verifiedEntry).optional(),
})
