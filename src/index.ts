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

// Running the emulator
export type { Emulator, EmulatorOptions } from './runtime/create-emulator.js'
export { createEmulator } from './runtime/create-emulator.js'
export type { RunningServer, ServerOptions } from './http/serve.js'
export { startServer } from './http/serve.js'
export { createApp } from './http/create-app.js'
export type {
  IsolatedEmulator,
  IsolatedEmulatorOptions,
  IsolatedEvent,
  IsolatedListener,
  TenantEvent,
  TenantSummary,
} from './runtime/create-isolated-emulator.js'
export { createIsolatedEmulator } from './runtime/create-isolated-emulator.js'
export type { StateFile, StateFileOptions } from './state/state-file.js'
export { openStateFile } from './state/state-file.js'

// What it records
export type { MessageRecord, RecipientRecord } from './core/channels/registry.js'
export type { ReceiptRecord } from './core/kernel/message-store.js'
export type { Attempt, Delivery, DeliveryState } from './core/kernel/outbox.js'
export type { FaultName } from './core/kernel/webhook-faults.js'
export type { InboundRecord } from './core/kernel/inbound-log.js'
export type { StateSnapshot } from './core/schemas/state-snapshot.js'
export type { EmulatorEvent } from './core/kernel/events.js'

// Configuration and errors
export type { ChaosConfig, EmulatorConfig, EmulatorConfigInput, FaultsConfig } from './core/schemas/config.js'
export { configSchema } from './core/schemas/config.js'
export type { ErrorCode } from './core/kernel/errors.js'
export { EmulatorError, errorCodes } from './core/kernel/errors.js'

// The email channel's outcome grammar
export type { BounceSubtype, ComplaintType, Outcome } from './core/channels/email/outcomes/outcome.js'
export { bounceSubtypes, complaintTypes, parseOutcome } from './core/channels/email/outcomes/outcome.js'
