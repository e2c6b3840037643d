/**
 * @module The request bodies the load tests send: the vendor's send request with one or many
 * recipients, and the peer's (SES v2 SendEmail) equivalent.
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

/** POST /v2/messages for one SMS (a test number that is delivered), and the config that knows its sender. */
export function smsSendBody(): string {
  return JSON.stringify({
    channel: 'sms',
    from: '88979',
    to: [{ msisdn: ['+447700900001'], correlationId: 'order-42' }],
    content: { type: 'text', text: 'Your code is 123456' },
    callbackData: 'callbackdata',
  })
}
export const smsConfig = { sms: { senders: ['88979'] } }
