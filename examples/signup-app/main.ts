/**
 * @module Runs the example signup app on its own, against an emulator (or a real tenant):
 *
 *   npx webex-connect-emulator start &                 # the emulator on http://127.0.0.1:4600
 *   npm run example:signup                             # this app on http://127.0.0.1:3000
 *   curl -s localhost:3000/signup -H 'content-type: application/json' -d '{"email":"bob+bounce@customer.test"}'
 *   curl -s localhost:3000/users/bob+bounce@customer.test   # mailStatus: Submitted, then Bounce
 *
 * Environment: WEBEX_CONNECT_URL (default http://127.0.0.1:4600), WEBEX_CONNECT_KEY (default
 * "my-service-key"), PORT (default 3000; 0 picks a free one), PUBLIC_URL (where the emulator reaches
 * this app's webhook; default its own address), CONTENT_TYPE (html or text).
 */
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { createSignupApp } from './app.js'

const env = process.env
const port = Number(env.PORT ?? 3000)
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  process.stderr.write(`signup-app: PORT must be a port number (0 for any free one), got "${env.PORT}"\n`)
  process.exit(2)
}
const contentType = env.CONTENT_TYPE === 'text' ? 'text' : 'html'

// The app needs its own URL for notifyUrl, which with PORT=0 is known only once it listens.
let handle: ((request: Request) => Response | Promise<Response>) | undefined
const server = serve({ fetch: (request) => handle!(request), port, hostname: '127.0.0.1' }, (info: AddressInfo) => {
  const url = `http://127.0.0.1:${info.port}`
  const { app } = createSignupApp({
    apiBase: (env.WEBEX_CONNECT_URL ?? 'http://127.0.0.1:4600').replace(/\/+$/, ''),
    serviceKey: env.WEBEX_CONNECT_KEY ?? 'my-service-key',
    publicUrl: env.PUBLIC_URL ?? url,
    contentType,
  })
  handle = app.fetch
  process.stdout.write(`signup-app listening on ${url}\n`)
})
const stop = () => server.close(() => process.exit(0))
process.once('SIGINT', stop)
process.once('SIGTERM', stop)
