/**
 * @module The emulator: accepts sends, plays out each recipient's lifecycle on the injected clock,
 * hands receipts to the webhook outbox, and takes inbound events. It knows nothing of HTTP, MSW or
 * files; adapters drive it. This file wires the parts in emulator/ together and owns reset().
 */
import { createApiChaos } from './api-chaos.js'
import type { Clock } from './clock.js'
import { createDispatcher } from './dispatch.js'
import { createSendAcceptor } from './emulator/accept-send.js'
import { createRecipientActor } from './emulator/act-on-recipient.js'
import type { EmulatorEvent, Rejection, StateChange } from './emulator/emulator-event.js'
import { emulatorStats } from './emulator/emulator-stats.js'
import { createStepFirer } from './emulator/fire-step.js'
import { createInboundEvents } from './emulator/inbound-events.js'
import { createMessageSideTables } from './emulator/message-side-tables.js'
import { createRecipientTimers } from './emulator/recipient-timers.js'
import { createRuntimeControls } from './emulator/runtime-controls.js'
import { restoreState, snapshotState } from './emulator/state-snapshots.js'
import { clearTenantState, createTenantState, fateContextOf, loadConfiguredState } from './emulator/tenant-state.js'
import { EmulatorError } from './errors.js'
import { findMessages, type MessageQuery } from './find-messages.js'
import { createIdSource, createRandom } from './ids.js'
import { MessageStore } from './message-store.js'
import { type Delivery, Outbox, type WebhookTransport } from './outbox.js'
import { parseOutcome } from './outcomes/outcome.js'
import { parseConfig } from './parse-config.js'
import type { EmulatorConfig, EmulatorConfigInput } from './schemas/config.js'
import type { StateSnapshot } from './schemas/state-snapshot.js'
import { createTimeDriver } from './time-driver.js'
import { createTimestampFormatter } from './time-format.js'

export type { SendContext } from './emulator/accept-send.js'
export type { EmulatorEvent } from './emulator/emulator-event.js'
export type { InboundRecord } from './emulator/inbound-events.js'

export interface EmulatorOptions {
  config?: EmulatorConfigInput | undefined
  clock: Clock
  /** Does one webhook HTTP attempt. Looked up on every attempt, so it may be swapped at run time. */
  transport: WebhookTransport
  /** Seeds ids and randomness. Adapters pass `config.seed` or a random number. */
  seed: number
  /**
   * Mints delivery ids, which receivers see as Standard Webhooks' `webhook-id` and deduplicate on.
   * The runtime makes them unique across processes; without it they are "d1", "d2", … (unique
   * within this emulator only).
   */
  deliveryIds?: () => string
}

export type Emulator = ReturnType<typeof createEmulator>

/**
 * @example
 * const emulator = createEmulator({ clock: new VirtualClock(), transport: async () => ({ status: 200, latencyMs: 0 }), seed: 1 })
 * emulator.send({ channel: 'email', from: 'me@x.test', to: [{ email: ['ann+bounce@x.test'] }], content: { type: 'text', subject: 'Hi', text: 'Hi' } })
 * await emulator.runUntilIdle()
 */
export function createEmulator(options: EmulatorOptions) {
  const config: EmulatorConfig = parseConfig(options.config)
  const { clock } = options
  let ids = createIdSource(options.seed)
  /** How many snapshot imports led here; it reseeds ids, so a restored emulator mints no id twice. */
  let generation = 0
  const uuid = () => ids.uuid()
  const random = createRandom(options.seed ^ 0x9e3779b9)
  const chaos = createApiChaos(createRandom(options.seed ^ 0x5eed_c4a0), config.chaos)
  const formatTimestamp = createTimestampFormatter(config.timeZone)
  const defaultOutcome = parseOutcome(config.defaultOutcome)
  if (!defaultOutcome)
    throw new EmulatorError(
      'invalid_config',
      `defaultOutcome "${config.defaultOutcome}" is not an outcome (see "Outcomes" in the README)`,
      'defaultOutcome',
    )

  let transport = options.transport
  const listeners = new Set<(event: EmulatorEvent) => void>()
  const emit = (event: EmulatorEvent) => {
    for (const listener of listeners) listener(event)
  }
  const changed = (what: StateChange) => emit({ type: 'state', what })

  const store = new MessageStore(config.limits.maxMessages)
  const state = createTenantState(config, clock, chaos)
  const timers = createRecipientTimers(clock)
  const sideTables = createMessageSideTables()
  let deliverySeq = 0

  const outbox = new Outbox({
    clock,
    random,
    faultRandom: createRandom(options.seed ^ 0x0fa17),
    transport: () => transport,
    policy: () => ({
      timeoutMs: config.webhooks.timeout,
      retries: config.webhooks.retries,
      retryDelayMs: config.webhooks.retryDelay,
      backoffFactor: config.webhooks.backoffFactor,
      jitter: config.webhooks.jitter,
    }),
    concurrencyPerTarget: () => config.webhooks.concurrencyPerTarget,
    ordering: () => config.webhooks.ordering,
    faultsFor: (target) => (target.targetId === undefined ? undefined : state.targets.get(target.targetId)?.faults),
    maxDeliveries: config.limits.maxDeliveries,
    maxAttemptsPerDelivery: config.limits.maxAttemptsPerDelivery,
    newId: options.deliveryIds ?? (() => `d${++deliverySeq}`),
    onAttempt: (delivery, attempt) => emit({ type: 'attempt', delivery, attempt }),
  })
  const dispatch = createDispatcher({
    outbox,
    targets: state.targets,
    config,
    notifyUrlHeaders: (message) => sideTables.notifyUrlHeaders.get(message),
  })
  const time = createTimeDriver(clock, () => outbox.idle())

  loadConfiguredState(state, config, clock)

  const inbound = createInboundEvents({
    clock,
    config,
    formatTimestamp,
    uuid,
    dispatch,
    unsubscribes: state.unsubscribes,
    emit,
  })
  const steps = createStepFirer({
    clock,
    config,
    formatTimestamp,
    suppression: state.suppression,
    schedule: timers.schedule,
    autoReply: inbound.autoReply,
    dispatch,
    emit,
  })
  const send = createSendAcceptor({
    clock,
    config,
    formatTimestamp,
    uuid,
    fateContext: fateContextOf(state, defaultOutcome),
    store,
    sideTables,
    scheduleStep: (message, recipient, step, at) =>
      timers.scheduleStep(recipient, at, () => steps.fire(message, recipient, step)),
    emit,
  })
  const act = createRecipientActor({ store, sideTables, cancelSteps: timers.cancelSteps, fireStep: steps.fire })

  /** Forgets everything (or one service's messages and their deliveries) and restores the configured state. */
  function reset({ serviceId }: { serviceId?: string | undefined } = {}): void {
    if (serviceId !== undefined) {
      // The forgotten messages' lifecycles stop too: no receipt may follow a message nobody remembers.
      for (const message of store.list()) {
        if (message.serviceId !== serviceId) continue
        for (const recipient of message.recipients) timers.cancelSteps(recipient)
      }
      const forgotten = new Set(store.forget((m) => m.serviceId === serviceId))
      outbox.forget((d) => forgotten.has(d.transid))
      emit({ type: 'reset', serviceId })
      return
    }
    timers.cancelAll()
    outbox.clear()
    store.clear()
    clearTenantState(state)
    inbound.clear()
    loadConfiguredState(state, config, clock)
    emit({ type: 'reset', serviceId: undefined })
  }

  /** The state worth keeping across restarts: lists, sandbox, rules and the most recent messages. */
  function exportState(options: { maxMessages?: number } = {}): StateSnapshot {
    return snapshotState(state, store, { savedAt: clock.now(), generation }, options)
  }

  /**
   * Restores a snapshot over the configured state. Restored messages are records only: their
   * remaining lifecycle steps and webhooks are not replayed. Throws `invalid_config` when it is not a snapshot.
   */
  function importState(input: unknown): void {
    generation = restoreState(state, store, input) + 1
    ids = createIdSource((options.seed + generation * 0x9e37) | 0)
    changed('suppression')
  }

  return {
    ...createRuntimeControls({ state, config, clock, formatTimestamp, outbox, changed }),
    ...time,
    async advance(ms: number): Promise<void> {
      await time.advance(ms)
      changed('clock')
    },
    config,
    clock,
    send,
    act,
    injectInboundEmail: inbound.injectEmail,
    injectSubscription: inbound.injectSubscription,
    reset,
    now: () => clock.now(),
    formatTimestamp,
    messages: () => store.list(),
    /** Newest first, filtered, one page; see find-messages.ts. */
    findMessages: (query: MessageQuery) => findMessages(store.list(), query),
    message: (messageId: string) => store.get(messageId),
    deliveries: () => outbox.list(),
    delivery: (id: string) => outbox.get(id),
    inbound: inbound.list,
    suppressed: () => state.suppression.list(),
    isSuppressed: (address: string) => state.suppression.has(address.trim().toLowerCase()),
    unsubscribed: () => state.unsubscribes.list(),
    /** Resolves once no webhook attempt is in flight. */
    idle: () => outbox.idle(),
    stats: () =>
      emulatorStats({
        store,
        outbox,
        inbound,
        evictedReceipts: steps.evictedReceipts,
        pendingTimers: timers.size,
        eventSubscribers: listeners.size,
        chaos,
        meter: state.meter,
      }),
    /** Decides whether a vendor-API request meets injected chaos. */
    chaosDecision: () => chaos.decide(),
    /** Meters a vendor-API request arriving at wall time `wallNow` against the rate limit and quota. */
    meter: (wallNow: number) => state.meter.admit(wallNow, clock.now()),
    /** Shutting down: no new webhook attempt starts; those in flight may still finish. */
    drain: () => outbox.drain(),
    /** Ends every unfinished delivery as failed and interrupted (after `drain()` and a grace period). */
    interrupt: (reason: string, elapsedMs?: (delivery: Delivery) => number | undefined) =>
      outbox.interrupt(reason, elapsedMs),
    exportState,
    importState,
    setTransport(next: WebhookTransport) {
      transport = next
    },
    /** The HTTP layer reports a vendor-API request it refused, for the log and the web console to show. */
    reportRejection(rejection: Rejection): void {
      emit({ type: 'rejected', rejection })
    },
    subscribe(listener: (event: EmulatorEvent) => void): () => void {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}
