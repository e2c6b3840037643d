/**
 * @module The scenario's receivers as a real HTTP server on 127.0.0.1, for runs against a running
 * emulator: it answers each webhook as the receivers' `fail` rules say. What was posted is read back
 * from the emulator's own delivery records, so the receiver keeps nothing.
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { ReceiverSpec } from '../schema.js'
import { createReceiverResponder } from './driver.js'

export interface LocalReceiver {
  url: string
  close(): Promise<void>
}

export async function startLocalReceiver(receivers: readonly ReceiverSpec[]): Promise<LocalReceiver> {
  let respond: (url: string) => number = () => 200
  const server = createServer((req, res) => {
    req
      .resume()
      .on('end', () => res.writeHead(respond(`${url}${req.url ?? '/'}`), { 'content-type': 'text/plain' }).end())
  })
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  respond = createReceiverResponder(receivers, url)
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
