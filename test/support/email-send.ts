/**
 * The smallest email send the vendor takes (one recipient, a text body), and a POST of it as an app
 * makes it, for tests that need a send and nothing particular about it.
 */
const emailSend = {
  channel: 'email',
  from: 'a@shop.test',
  to: [{ email: ['ann@example.com'] }],
  content: { type: 'text', subject: 's', text: 't' },
}

/**
 * POSTs a send to `url` (a `/v2/messages` URL) with an API key; `to` replaces the recipient. `fetch`
 * is looked up at each call, so MSW's, once it listens, answers.
 */
export function postEmailSend(url: string, to = 'ann@example.com'): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { key: 'k', 'content-type': 'application/json' },
    body: JSON.stringify({ ...emailSend, to: [{ email: [to] }] }),
  })
}
