import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { vendorJson, vendorJsonAnswer } from '../../src/http/vendor-json.js'

// Both ways of answering: through hono's c.body() (errors, and answers after c.header()), and the
// send routes' Response made directly (vendorJsonAnswer). They must write the same answer.
const answers = {
  vendorJson: (body: unknown, headers?: Record<string, string>) =>
    new Hono().get('/', (c) => vendorJson(c, body, 201, headers)),
  vendorJsonAnswer: (body: unknown, headers: Record<string, string> = {}) =>
    new Hono().get('/', () => vendorJsonAnswer(body, 201, headers)),
}

describe.each(Object.entries(answers))('%s', (_, answerWith) => {
  it('answers ISO-8859-1 JSON with the headers given, its own content type winning over theirs', async () => {
    const app = answerWith({ text: 'café ☕' }, { 'content-type': 'text/plain', 'x-rate-limit-limit': '30' })
    const response = await app.request('/')
    expect(response.status).toBe(201)
    expect(response.headers.get('content-type')).toBe('application/json;charset=ISO-8859-1')
    expect(response.headers.get('x-rate-limit-limit')).toBe('30')
    // é is Latin-1; the cup is not, and is written "?" as the vendor's Latin-1 answers do.
    expect(Buffer.from(await response.arrayBuffer()).toString('latin1')).toBe('{"text":"café ?"}')
  })

  it('answers ASCII JSON byte for byte the same, whichever way it is written', async () => {
    // Printable ASCII, a line break (which JSON escapes) and DEL (which it does not).
    for (const body of [{ messageId: 'a1', text: 'plain ~ text\n', n: 1 }, { text: 'del \u007f' }]) {
      const response = await answerWith(body).request('/')
      expect(response.headers.get('content-type')).toBe('application/json;charset=ISO-8859-1')
      expect(Buffer.from(await response.arrayBuffer()).equals(Buffer.from(JSON.stringify(body), 'latin1'))).toBe(true)
    }
  })
})

it('keeps a header set with c.header() before a vendorJson answer (the error answers rely on it)', async () => {
  const app = new Hono().get('/', (c) => {
    c.header('Retry-After', '1')
    return vendorJson(c, { code: '7020' }, 429)
  })
  expect((await app.request('/')).headers.get('retry-after')).toBe('1')
})
