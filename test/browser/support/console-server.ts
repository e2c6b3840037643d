/**
 * @module The real server a browser test drives: an emulator (options chosen per file) with a real
 * webhook receiver, on port 0.
 */
import { type RunningServer, type ServerOptions, startServer } from '../../../src/http/serve.js'
import { createEmulator, type Emulator, type EmulatorOptions } from '../../../src/runtime/create-emulator.js'
import { startWebhookReceiver, type WebhookReceiver } from '../../support/webhook-receiver.js'

export interface ConsoleServer {
  receiver: WebhookReceiver
  emulator: Emulator
  server: RunningServer
}

/** `options` gets the receiver's base URL, for webhook targets that point at it. */
export async function startConsoleServer(
  options: (receiverUrl: string) => EmulatorOptions,
  serverOptions: ServerOptions = {},
): Promise<ConsoleServer> {
  const receiver = await startWebhookReceiver()
  const emulator = createEmulator(options(receiver.url))
  const server = await startServer(emulator, { port: 0, host: '127.0.0.1', ...serverOptions })
  return { receiver, emulator, server }
}

/** Close the page or browser first: its open event stream would hold the server open. */
export async function stopConsoleServer(env: Partial<ConsoleServer>): Promise<void> {
  await env.server?.close()
  await env.receiver?.close()
}
