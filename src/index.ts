/**
 * @module webex-connect-emulator — run the emulator from code: in this process on virtual time, or
 * served over HTTP on a real port; plus the config schema, the error type and the outcome grammar.
 *
 * Other entry points: `webex-connect-emulator/msw` (MSW handlers for unit tests),
 * `webex-connect-emulator/payloads` (zod schemas and types of every wire shape) and
 * `webex-connect-emulator/scenarios` (run scenario files from code). Reference: docs/api.md.
 *
 * @example
 * import { createEmulator, startServer } from 'webex-connect-emulator'
 *
 * const emulator = createEmulator({ config: { webhooks: { targets: [{ url: 'http://127.0.0.1:3000/webhooks' }] } } })
 * const server = await startServer(emulator, { port: 0 })
 * // point your app's Webex Connect base URL at server.url, then:
 * await server.close()
 */

export type { BounceSubtype, ComplaintType, Outcome } from './core/channels/email/outcomes/outcome.js'
export { bounceSubtypes, complaintTypes, parseOutcome } from './core/channels/email/outcomes/outcome.js'
export type { EmulatorEvent } from './core/emulator.js'
export type { ErrorCode } from './core/kernel/errors.js'
export { EmulatorError, errorCodes } from './core/kernel/errors.js'
// What it records
export type { MessageRecord, ReceiptRecord, RecipientRecord } from './core/kernel/message-store.js'
export type { Attempt, Delivery, DeliveryState } from './core/kernel/outbox.js'
export type { FaultName } from './core/kernel/webhook-faults.js'
export type { ChaosConfig, EmulatorConfig, EmulatorConfigInput, FaultsConfig } from './core/schemas/config.js'
// Configuration and errors
export { configSchema } from './core/schemas/config.js'
export type { StateSnapshot } from './core/schemas/state-snapshot.js'
export { createApp } from './http/create-app.js'
export type { RunningServer, ServerOptions } from './http/serve.js'
export { startServer } from './http/serve.js'
export type {
  RuntimeEmulator as Emulator,
  RuntimeEmulatorOptions as EmulatorOptions,
} from './runtime/create-runtime-emulator.js'
// Running the emulator
export { createRuntimeEmulator as createEmulator } from './runtime/create-runtime-emulator.js'
export type { StateFile, StateFileOptions } from './state/state-file.js'
export { openStateFile } from './state/state-file.js'
