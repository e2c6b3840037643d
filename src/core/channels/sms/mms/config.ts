/**
 * @module The MMS channel's config slice (`mms: { … }`): the tenant's MMS-enabled numbers, the
 * default outcome and the lifecycle's delays.
 */
import { z } from 'zod'
import { durationSchema } from '../../../kernel/duration.js'
import { defaultsOf } from '../../../kernel/hot-schema.js'
import { senderIdsSchema } from '../../../kernel/list-limits.js'

const delaysSchema = z.strictObject({
  submitted: durationSchema.default(0),
  delivered: durationSchema.default(3_000),
  /** Read (7524) after the message starts, for numbers whose outcome is "read" or "click". */
  read: durationSchema.default(6_000),
  failed: durationSchema.default(500),
  /** Clicked (7525) after the message starts, with options.trackClicks and a link in a slide. */
  clicked: durationSchema.default(10_000),
  slow: durationSchema.default(60_000),
})

export const mmsConfigSchema = z.strictObject({
  /**
   * The tenant's MMS-enabled numbers ("The from number can only be one of the MMS enabled numbers
   * provisioned for the account"); another `from` answers 400 `{"code":"7101","message":"Invalid
   * sender ID"}`. Empty: any is accepted.
   */
  senders: senderIdsSchema(z.string().trim().min(1)).default([]),
  /** Outcome for numbers no rule or test number decides. */
  defaultOutcome: z.string().default('delivered'),
  delays: delaysSchema.default(defaultsOf(delaysSchema)),
})

export type MmsConfig = z.infer<typeof mmsConfigSchema>
