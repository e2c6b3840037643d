/**
 * @module An example app that sends mail through Webex Connect: POST /signup sends a welcome email,
 * POST /webhooks/email records delivery receipts, GET /users/:email shows what the app knows.
 * The tests drive it through MSW, over real HTTP, and from scenarios — as a user's app would be.
 */
import { Hono } from 'hono'
import { webhookReceiptSchema } from '../../src/core/channels/email/schemas/delivery-receipt.js'

export interface SignupAppOptions {
  /** Where Webex Connect lives, e.g. "https://api.us.webexconnect.io" or the emulator's URL. */
  apiBase: string
  serviceKey: string
  /** This app's own public URL, for the notifyUrl it sends with each email. */
  publicUrl: string
  contentType?: 'text' | 'html'
}

export interface User {
  email: string
  messageId: string | undefined
  mailStatus: string
  history: string[]
}

export function createSignupApp({ apiBase, serviceKey, publicUrl, contentType = 'html' }: SignupAppOptions) {
  const users = new Map<string, User>()
  const app = new Hono()

  app.post('/signup', async (c) => {
    const { email, cc } = await c.req.json<{ email: string; cc?: string[] }>()
    const response = await fetch(`${apiBase}/v2/messages`, {
      method: 'POST',
      headers: { key: serviceKey, 'content-type': 'application/json' },
      body: JSON.stringify({
        channel: 'email',
        from: 'welcome@shop.test',
        to: [{ email: [email], correlationId: `signup:${email}` }],
        ...(cc ? { cc } : {}),
        content:
          contentType === 'html'
            ? {
                type: 'html',
                subject: 'Welcome!',
                html: '<p>Welcome! <a href="https://shop.test/start">Get started</a></p>',
              }
            : { type: 'text', subject: 'Welcome!', text: 'Welcome!' },
        notifyUrl: `${publicUrl}/webhooks/email`,
        callbackData: email,
      }),
    })
    const body = (await response.json().catch(() => undefined)) as { messageId?: string } | undefined
    if (response.status !== 201) return c.json({ error: 'mail refused', upstream: body }, 502)
    users.set(email.toLowerCase(), { email, messageId: body?.messageId, mailStatus: 'Queued', history: [] })
    return c.json({ messageId: body?.messageId }, 201)
  })

  app.post('/webhooks/email', async (c) => {
    const parsed = webhookReceiptSchema.safeParse(await c.req.json().catch(() => undefined))
    if (!parsed.success) return c.text('bad payload', 400)
    const { deliveryInfo, callbackData } = parsed.data.deliveryInfoNotification
    const user = users.get(callbackData.toLowerCase())
    if (user && deliveryInfo.destination === callbackData.toLowerCase()) {
      user.mailStatus = deliveryInfo.deliveryStatus
      user.history.push(deliveryInfo.deliveryStatus)
    }
    return c.body(null, 200)
  })

  app.get('/users/:email', (c) => {
    const user = users.get(c.req.param('email').toLowerCase())
    return user ? c.json(user) : c.json({ error: 'no such user' }, 404)
  })

  return { app, users }
}
