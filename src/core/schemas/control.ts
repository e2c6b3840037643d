/**
 * @module Request bodies of the control API (/_emulator) and the matching programmatic calls.
 */
import { z } from 'zod'
import { durationSchema } from '../duration.js'
import { webhookTargetSchema } from './config.js'

export const inboundEmailInputSchema = z.object({
  /** The customer writing in. */
  from: z.string().min(1),
  /** Your app's address(es) the mail was sent to. */
  to: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).transform((to) => (Array.isArray(to) ? to : [to])),
  subject: z.string().default(''),
  text: z.string().default(''),
  html: z.string().default(''),
  /** Reply-to address ("returnPath"); the sender when absent. */
  replyTo: z.string().optional(),
  attachments: z
    .array(
      z.object({
        name: z.string().min(1),
        contentType: z.string().default('application/octet-stream'),
        content: z.string().default(''),
        url: z.string().optional(),
      }),
    )
    .default([]),
})
export type InboundEmailInput = z.input<typeof inboundEmailInputSchema>

export const subscriptionInputSchema = z.object({
  /** The customer who (un)subscribes. */
  from: z.string().min(1),
  /** The sender address they (un)subscribe from. */
  senderId: z.string().min(1),
  correlationId: z.string().default(''),
})
export type SubscriptionInput = z.input<typeof subscriptionInputSchema>

export const suppressInputSchema = z.object({
  address: z.string().min(1),
  /** How long it stays listed; the configured bounce retention when absent, "never" for no expiry. */
  for: z.union([z.literal('never'), durationSchema]).optional(),
  reason: z.string().default('added by hand'),
})

export const unsubscribeInputSchema = z.object({ sender: z.string().min(1), address: z.string().min(1) })

export const sandboxInputSchema = z.object({ enabled: z.boolean().optional(), verified: z.array(z.string().min(1)).optional() })

export const advanceInputSchema = z.object({ by: durationSchema })

export const clockModeInputSchema = z.object({ mode: z.enum(['real', 'virtual']) })

export const targetPatchSchema = webhookTargetSchema.partial()

export const resetInputSchema = z.object({ serviceId: z.string().min(1).optional() }).default({})
