/**
 * @module Realistic SMTP diagnostics for `additionalInfo` on Bounce receipts, in the vendor's
 * "<enhanced status>|<action>|<diagnostic>" form. Permanent_NoEmail is the seed's own text, including
 * the vendor's literal "\n" and "\/" escapes.
 */
import type { BounceSubtype } from './outcome.js'

export const bounceDiagnostics: Record<BounceSubtype, string> = {
  Permanent_General: '5.1.1|failed|smtp; 550 5.1.1 user unknown',
  Permanent_NoEmail:
    "5.1.1|failed|smtp; 550-5.1.1 The email account that you tried to reach does not exist. Please try\\n550-5.1.1 double-checking the recipient's email address for typos or\\n550-5.1.1 unnecessary spaces. For more information, go to\\n550 5.1.1  https:\\/\\/support.google.com\\/mail\\/?p=NoSuchUser e16-20020a056402089000b0056023119210si1660773edy.317 - gsmtp",
  Permanent_Suppressed:
    '5.1.1|failed|Amazon SES has suppressed sending to this address because it has a recent history of bouncing as an invalid address.',
  Transient_General:
    '4.4.7|failed|smtp; 421 4.4.7 Message expired: unable to deliver in 840 minutes.<421 4.4.0 Unable to lookup DNS for domain>',
  Transient_MailboxFull:
    "5.2.2|failed|smtp; 552-5.2.2 The recipient's inbox is out of storage space. Please direct the\\n552-5.2.2 recipient to\\n552 5.2.2  https:\\/\\/support.google.com\\/mail\\/?p=OverQuotaTemp - gsmtp",
  Transient_MessageTooLarge: '5.3.4|failed|smtp; 552 5.3.4 Message size exceeds fixed maximum message size',
  Transient_ContentRejected:
    '5.7.1|failed|smtp; 550-5.7.1 Our system has detected that this message is likely unsolicited mail. To\\n550 5.7.1 reduce the amount of spam sent to Gmail, this message has been blocked. - gsmtp',
  Transient_AttachmentRejected:
    '5.7.0|failed|smtp; 552-5.7.0 This message was blocked because its content presents a potential\\n552-5.7.0 security issue. - gsmtp',
  Undetermined: "5.0.0|failed|smtp; 550 5.0.0 Unrecognised response from the recipient's mail server",
}
