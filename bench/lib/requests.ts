/**
 * @module The request bodies the load tests send: the vendor's send request with one or many
 * recipients (an email, or an SMS), and the peer's (SES v2 SendEmail) equivalent.
 */

export const sendHeaders = { key: 'bench-key' }

/** POST /v2/messages, `recipients` addresses in `to`, default lifecycle (Submitted, Delivered). */
export function sendBody(recipients = 1): string {
  return JSON.stringify({
    channel: 'email',
    from: 'orders@shop.test',
    to: [
      { email: Array.from({ length: recipients }, (_, i) => `customer${i}@example.com`), correlationId: 'order-42' },
    ],
    content: { type: 'text', subject: 'Your order', text: 'Simple text content' },
    callbackData: 'callbackdata',
  })
}

/**
 * POST /v2/messages for SMS: one ordinary number (no test number: default lifecycle, Submitted then
 * Delivered), a two-part GSM-7 text so segment counting is in the measured path.
 */
export function smsSendBody(): string {
  return JSON.stringify({
    channel: 'sms',
    from: '88979',
    to: [{ msisdn: ['+447911123456'], correlationId: 'order-42' }],
    content: {
      type: 'text',
      text: 'Your order 42 has shipped and will arrive on Tuesday between 9am and 1pm. Track it with code 42-ABC-99 at https://shop.test/t/42. Reply HELP for help. Thank you!',
    },
    callbackData: 'callbackdata',
  })
}

/** SES v2 SendEmail (POST /v2/email/outbound-emails) with the same mail; any AWS-style auth header passes. */
export const sesPath = '/v2/email/outbound-emails'
export const sesHeaders = {
  authorization:
    'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20250101/us-east-1/ses/aws4_request, SignedHeaders=host, Signature=0',
}
export const sesBody = JSON.stringify({
  FromEmailAddress: 'orders@shop.test',
  Destination: { ToAddresses: ['customer0@example.com'] },
  Content: { Simple: { Subject: { Data: 'Your order' }, Body: { Text: { Data: 'Simple text content' } } } },
})
