/**
 * @module The engine: accepts sends through the vendor APIs, has each message's channel plan its
 * recipients, plays their lifecycles on the injected clock, hands receipts to the webhook outbox and
 * takes inbound events. It knows nothing of HTTP, MSW or files, and nothing of any one channel:
 * channels come from the registry. Adapters drive it through the `EmulatorCore` face and, for what only
 * they need, its host (`hostOf`).
 */
import { createV1Messaging } from './apis/v1-messaging.js'
import { createApiRunner, createV2Messages, type SendContext, v2RequestSchema } from './apis/v2-messages.js'
import type {
  AnyChannel,
  ChannelContext,
  ChannelState,
  PlannedMessage,
  PlannedRecipient,
  PlannedStep,
} from './channels/channel.js'
import {
  type ChannelFaces,
  type ChannelShortcuts,
  channels,
  type MessageRecord,
  type RecipientRecord,
} from './channels/registry.js'
import { createContactPolicyControls } from './emulator/contact-policy-controls.js'
import { createControls } from './emulator/controls.js'
import { restoreSnapshot, takeSnapshot } from './emulator/snapshots.js'
import { engineStats } from './emulator/stats.js'
import type { EmulatorCore, EngineFace, ManualAction } from './emulator-api.js'
import { isPhoneNumber, sameAddress } from './kernel/addresses.js'
import { createApiChaos } from './kernel/api-chaos.js'
import { createApiMeter } from './kernel/api-meter.js'
import type { Clock } from './kernel/clock.js'
import { ContactPolicy } from './kernel/contact-policy.js'
import type { ControlRoute } from './kernel/control-route.js'
import { createDispatcher } from './kernel/dispatch.js'
import { EmulatorError } from './kernel/errors.js'
import { type EmulatorEvent, type Rejection, reraiseListenerError } from './kernel/events.js'
import { findMessages } from './kernel/find-messages.js'
import { createIdSource, createRandom } from './kernel/ids.js'
import { InboundLog, type InboundRecord } from './kernel/inbound-log.js'
import { createLifecycleRunner } from './kernel/lifecycle-runner.js'
import { type BaseMessage, type BaseRecipient, MessageStore } from './kernel/message-store.js'
import { Outbox, type WebhookTransport } from './kernel/outbox.js'
import { compileRules, type RuleBook } from './kernel/rules.js'
import { createTimeDriver } from './kernel/time-driver.js'
import { createTimestampFormatter } from './kernel/time-format.js'
import { WebhookTargets } from './kernel/webhook-targets.js'
import { parseOrThrow } from './kernel/zod-issues.js'
import type { EmulatorConfig } from './schemas/config.js'

export type { EmulatorCore } from './emulator-api.js'
export type { EmulatorEvent } from './kernel/events.js'

export interface EngineOptions {
  /** The parsed config (see `parseConfig`): parsed once, at the edge. */
  config: EmulatorConfig
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
  /** Real milliseconds, for the latency of attempts cut off by `interrupt()` (see the outbox's `realNow`). */
  realNow?: () => number
  /** Where a `subscribe()` listener's throw goes (default `reraiseListenerError`: an unhandled rejection). */
  reportListenerError?: (error: unknown) => void
}

/** A channel as this emulator runs it: its definition and its state. */
export interface ChannelRuntime {
  definition: AnyChannel
  state: ChannelState
}

/** What only adapters use: the HTTP layer, the runtime, the CLI. */
export interface EngineHost {
  /** The clock it runs on (the state file moves a restored one to the snapshot's time). */
  clock: Clock
  channels: readonly ChannelRuntime[]
  /** The request schema of POST /v2/messages, every channel's (for OpenAPI). */
  v2Schema: ReturnType<typeof v2RequestSchema>
  /** Every channel's own control routes. */
  channelRoutes(): ControlRoute[]
  /** Decides whether a vendor-API request meets injected chaos. */
  chaosDecision(): ReturnType<ReturnType<typeof createApiChaos>['decide']>
  /** Meters a vendor-API request arriving at wall time `wallNow` against the rate limit and quota. */
  meter(wallNow: number): ReturnType<ReturnType<typeof createApiMeter>['admit']>
  /** A vendor-API request the HTTP layer refused, for the log and the web console. */
  reportRejection(rejection: Rejection): void
  /** Resolves once no webhook attempt is in flight. */
  idle(): Promise<void>
  /** Shutting down: no new webhook attempt starts; those in flight may still finish. */
  drain(): void
  /** Ends every unfinished delivery as failed and interrupted (after `drain()` and a grace period). */
  interrupt(reason: string): number
  setTransport(next: WebhookTransport): void
}

const hosts = new WeakMap<EmulatorCore, EngineHost>()

/** The adapter-only side of an emulator. */
export function hostOf(emulator: EmulatorCore): EngineHost {
  const host = hosts.get(emulator)
  if (!host) throw new Error('not an emulator made by createEngine()')
  return host
}

/**
 * The pure engine on an injected clock and transport: what `createEmulator()` (the runtime) wraps.
 * @example
 * const emulator = createEngine({ config: parseConfig({}), clock: new VirtualClock(), transport: async () => ({ status: 200, latencyMs: 0 }), seed: 1 })
 * emulator.send(request) // a Send Message API v2 body, as docs/vendor-api.md shows for each channel
 * await emulator.runUntilIdle()
 */
export function createEngine({
  config,
  clock,
  transport: initialTransport,
  seed,
  deliveryIds,
  realNow,
  reportListenerError = reraiseListenerError,
}: EngineOptions): EmulatorCore {
  let ids = createIdSource(seed)
  /** How many snapshot imports led here; it reseeds ids, so a restored emulator mints no id twice. */
  let generation = 0
  const uuid = () => ids.uuid()
  const formatTimestamp = createTimestampFormatter(config.timeZone)
  const chaos = createApiChaos(createRandom(seed ^ 0x5eed_c4a0), config.chaos)
  const meter = createApiMeter(config.rateLimit)

  let transport = initialTransport
  const listeners = new Set<(event: EmulatorEvent) => void>()
  const emit = (event: EmulatorEvent) => {
    for (const listener of listeners) {
      try {
        listener(event)
      } catch (error) {
        reportListenerError(error)
      }
    }
  }
  const changed = (what: string) => emit({ type: 'state', what })

  const store = new MessageStore<MessageRecord & BaseMessage>(config.limits.maxMessages)
  const targets = new WebhookTargets()
  const inboundLog = new InboundLog(config.limits.maxInbound)
  const contactPolicy = new ContactPolicy(config.contactPolicy, {
    maxGroups: config.limits.maxConsentGroups,
    maxMembers: config.limits.maxConsentMembers,
  })
  let rules: RuleBook = compileRules(config.rules, channels)
  let deliverySeq = 0
  /** Headers for each message's notifyUrl deliveries (from its notifyUrlAuthId). */
  const notifyAuth = new WeakMap<BaseMessage, Record<string, string>>()
  /**
   * What a message's channel needs for manual actions later, beside the record: kept only for
   * messages with a held recipient, the only ones that take actions. An entry for every send made
   * the WeakMap's table (an ephemeron table the collector traces) grow with the store, and setting it
   * was a tenth of a busy server's send (bench/PROFILE.md).
   */
  const facts = new WeakMap<BaseMessage, unknown>()

  const outbox = new Outbox({
    clock,
    random: createRandom(seed ^ 0x9e3779b9),
    faultRandom: createRandom(seed ^ 0x0fa17),
    transport: () => transport,
    policy: Object.freeze({
      timeoutMs: config.webhooks.timeout,
      retries: config.webhooks.retries,
      retryDelayMs: config.webhooks.retryDelay,
      backoffFactor: config.webhooks.backoffFactor,
      jitter: config.webhooks.jitter,
    }),
    concurrencyPerTarget: config.webhooks.concurrencyPerTarget,
    ordering: config.webhooks.ordering,
    faultsFor: (target) => (target.targetId === undefined ? undefined : targets.get(target.targetId)?.faults),
    maxDeliveries: config.limits.maxDeliveries,
    maxDeliveryBodyChars: config.limits.maxDeliveryBodyChars,
    maxAttemptsPerDelivery: config.limits.maxAttemptsPerDelivery,
    newId: deliveryIds ?? (() => `d${++deliverySeq}`),
    onAttempt: (delivery, attempt) => emit({ type: 'attempt', delivery, attempt }),
    realNow,
  })

  const runtimes: ChannelRuntime[] = []
  const channelOf = (name: string): ChannelRuntime => {
    // A loop, not find(): asked several times for every receipt, and a callback is a closure each time.
    for (const runtime of runtimes) if (runtime.definition.name === name) return runtime
    throw new EmulatorError('invalid_parameter', `No channel "${name}"`, 'channel')
  }
  const dispatch = createDispatcher({
    outbox,
    targets,
    config,
    channelOf,
    notifyUrlHeaders: (message) => notifyAuth.get(message),
  })
  const runner = createLifecycleRunner({
    clock,
    formatTimestamp,
    maxReceiptsPerRecipient: config.limits.maxReceiptsPerRecipient,
    channelOf,
    dispatch,
    emit,
  })

  function inject(channel: string, kind: string, input: unknown): InboundRecord {
    const { definition, state } = channelOf(channel)
    const spec = definition.inbound && Object.hasOwn(definition.inbound, kind) ? definition.inbound[kind] : undefined
    if (!spec) {
      const kinds = Object.keys(definition.inbound ?? {})
      throw new EmulatorError(
        'not_found',
        `The ${channel} channel has no inbound event "${kind}"${kinds.length ? `: use ${kinds.join(', ')}` : ''}`,
      )
    }
    const parsed = parseOrThrow(spec.schema, input, 'invalid_request', 'request body')
    const at = clock.now()
    const tid = uuid()
    const ts = formatTimestamp(at)
    const built = spec.build(parsed as never, state, { tid, ts, at })
    if (built.changed) changed(built.changed)
    const deliveries = dispatch.inbound({
      channel,
      targetEvent: built.targetEvent,
      event: built.event,
      tid,
      from: built.from,
      payloads: built.payloads,
    })
    const record: InboundRecord = {
      tid,
      channel,
      event: built.event,
      from: built.from,
      to: built.to,
      subject: built.subject,
      ...(built.subjectTruncated === undefined ? {} : { subjectTruncated: built.subjectTruncated }),
      at,
      ts,
      deliveries,
    }
    inboundLog.add(record)
    emit({ type: 'inbound', inbound: record })
    return record
  }

  for (const definition of channels as readonly AnyChannel[]) {
    const context: ChannelContext<unknown> = {
      clock,
      config: (config as unknown as Record<string, unknown>)[definition.name],
      formatTimestamp,
      tenant: config.tenant,
      maxMessages: config.limits.maxMessages,
      uuid,
      rules: () => rules.forChannel(definition.name),
      changed,
      schedule: (at, fire) => void runner.schedule(at, fire),
      inject: (kind, input) => void inject(definition.name, kind, input),
      messages: () => store.list().filter((m) => m.channel === definition.name),
      send(channel, body, context) {
        const runtime = channelOf(channel)
        if (!runtime.definition.v2)
          throw new EmulatorError('not_found', `The ${channel} channel is not on /v2/messages`)
        return runApi(runtime, runtime.definition.v2, body, context)
      },
      contactPolicy: {
        check: (request, address, now, forced) =>
          contactPolicy.check(request, definition.consentChannel, address, now, forced),
        record: (groups, address) =>
          void contactPolicy.setMembers(
            groups.map(({ groupId, consent }) => ({
              groupId,
              input: { channel: definition.consentChannel, address, consent, reason: 'incoming keyword' },
            })),
            clock.now(),
          ),
      },
    }
    runtimes.push({ definition, state: definition.createState(context) })
  }

  /** Records an accepted, planned message and starts its recipients' lifecycles. */
  function accept(channel: string, planned: PlannedMessage, context: SendContext): BaseMessage {
    const now = clock.now()
    const messageId = context.messageId ?? uuid()
    const message = {
      messageId,
      channel,
      acceptedAt: now,
      requestTimestamp: formatTimestamp(now),
      startsAt: planned.startsAt,
      serviceId: context.serviceId ?? '',
      from: planned.from,
      correlationId: planned.correlationId,
      callbackData: planned.callbackData,
      notifyUrl: planned.notifyUrl,
      requestedReceipts: planned.requestedReceipts,
      gtrid: uuid(),
      ...planned.fields,
      recipients: planned.recipients.map((r) => ({
        address: r.address,
        correlationId: r.correlationId,
        fate: r.fate,
        status: 'Queued',
        receipts: [],
        ...r.fields,
      })),
    } as unknown as MessageRecord & BaseMessage
    // The id is the sender's text: only the configured entries count, never Object.prototype's.
    const authId = planned.notifyUrlAuthId
    const auth =
      authId && Object.hasOwn(config.webhooks.notifyUrlAuth, authId) ? config.webhooks.notifyUrlAuth[authId] : undefined
    if (auth) notifyAuth.set(message, auth)
    if (anyHeld(planned.recipients)) facts.set(message, planned.facts)
    store.add(message)
    for (const [index, recipient] of message.recipients.entries()) {
      const plan = planned.recipients[index]!
      runner.start(message, recipient, plan.steps, plan.held === true)
    }
    emit({ type: 'message', message })
    return message
  }

  const apiRunner = createApiRunner(accept, () => clock.now())
  // A request is accepted or refused whole: one refused half-way takes back its cap counts too.
  const runApi: typeof apiRunner = (...args) => contactPolicy.atomically(() => apiRunner(...args))
  const send = createV2Messages(runtimes, runApi)
  const v1 = createV1Messaging(runtimes, runApi)
  const sendV1: EmulatorCore['sendV1'] = (body, context) => {
    const { message, correlationid } = v1(body, context)
    return { message: message as MessageRecord & BaseMessage, correlationid }
  }

  /** A request on one of a channel's other vendor APIs (`apis`), e.g. the Send SMS API v1. */
  function submit(channel: string, api: string, body: unknown, context: SendContext = {}): MessageRecord {
    const runtime = channelOf(channel)
    const binding = runtime.definition.apis?.[api]
    if (!binding) throw new EmulatorError('not_found', `The ${channel} channel has no API "${api}"`)
    return runApi(runtime, binding, body, context) as MessageRecord & BaseMessage
  }
  const time = createTimeDriver(
    clock,
    () => outbox.idle(),
    () => outbox.inFlight > 0,
  )

  function loadConfigured(): void {
    for (const target of config.webhooks.targets) targets.add(target)
    rules = compileRules(config.rules, channels)
    chaos.set(config.chaos)
    meter.set(config.rateLimit)
    contactPolicy.load(clock.now())
    for (const { state } of runtimes) state.load()
  }
  loadConfigured()

  const controls = createControls({
    config,
    clock,
    formatTimestamp,
    outbox,
    targets,
    chaos,
    meter,
    changed,
    rules: {
      list: () => [...rules.sources],
      replace: (next) => {
        rules = compileRules(next, channels)
      },
    },
  })

  function act(messageId: string, address: string, action: ManualAction): RecipientRecord {
    const message = store.get(messageId)
    if (!message)
      throw new EmulatorError(
        'not_found',
        `No message with id "${messageId}" (it may never have existed, or been evicted past limits.maxMessages)`,
      )
    const { definition } = channelOf(message.channel)
    const matches = recipientsAt(message, address)
    if (matches.length === 0)
      throw new EmulatorError(
        'not_found',
        `Message ${messageId} has no recipient "${address}"; its recipients are ${message.recipients.map((r) => r.address).join(', ')}`,
      )
    if (!definition.actions)
      throw new EmulatorError('conflict', `The ${message.channel} channel takes no manual actions`)
    const parsed = parseOrThrow(definition.actions.schema, action, 'invalid_request', 'action')
    // A request may name one address twice: the action goes to the first recipient of that address
    // that can take it. When none can, a held one's refusal says why better than "not held".
    let refusal: EmulatorError | undefined
    let notHeld: EmulatorError | undefined
    for (const recipient of matches) {
      if (!runner.isHeld(recipient)) {
        notHeld ??= new EmulatorError(
          'conflict',
          `${recipient.address} is not waiting for a manual action: its fate is ${recipient.fate}. Only recipients with the "hold" outcome take actions — send to a +hold address (ann+hold@x.test) or add a rule with outcome "hold"`,
        )
        continue
      }
      let steps: PlannedStep[]
      try {
        steps = definition.actions.plan(
          parsed as never,
          recipient.receipts.map((r) => r.kind),
          facts.get(message),
          recipient,
        )
      } catch (error) {
        if (!(error instanceof EmulatorError) || error.code !== 'conflict') throw error
        refusal ??= error
        continue
      }
      runner.act(message, recipient, steps)
      return recipient as RecipientRecord
    }
    throw (refusal ?? notHeld)!
  }

  /** Forgets everything (or one service's messages and their deliveries) and restores the configured state. */
  function reset({ serviceId }: { serviceId?: string | undefined } = {}): void {
    if (serviceId !== undefined) {
      // The forgotten messages' lifecycles stop too: no receipt may follow a message nobody remembers.
      const leaving = store.list().filter((message) => message.serviceId === serviceId)
      for (const message of leaving) for (const recipient of message.recipients) runner.cancelSteps(recipient)
      const forgotten = new Set(store.forget((m) => m.serviceId === serviceId))
      outbox.forget((d) => forgotten.has(d.transid))
      for (const { definition, state } of runtimes)
        state.forgetMessages?.(leaving.filter((message) => message.channel === definition.name))
      emit({ type: 'reset', serviceId })
      return
    }
    runner.cancelAll()
    outbox.clear()
    store.clear()
    targets.clear()
    inboundLog.clear()
    contactPolicy.clear()
    for (const { state } of runtimes) state.clear()
    loadConfigured()
    emit({ type: 'reset', serviceId: undefined })
  }

  const engineFace: EngineFace = {
    config,
    send,
    submit,
    sendV1,

    now: () => clock.now(),
    formatTimestamp,
    advance: async (ms) => {
      await time.advance(ms)
      changed('clock')
    },
    advanceUntil: time.advanceUntil,
    runUntilIdle: time.runUntilIdle,
    clockState: controls.clockState,
    setClockMode: controls.setClockMode,

    messages: () => store.list(),
    message: (messageId) => store.get(messageId),
    findMessages: (query) => findMessages(store.list(), query),
    deliveries: () => outbox.list(),
    delivery: (id) => outbox.get(id),
    inbound: () => inboundLog.list(),
    stats: () =>
      engineStats({
        store,
        outbox,
        inbound: inboundLog,
        evictedReceipts: runner.evictedReceipts,
        pendingTimers: runner.size,
        eventSubscribers: listeners.size,
        chaos,
        meter,
      }),
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },

    act,
    inject,

    rules: controls.rules,
    addRule: controls.addRule,
    removeRule: controls.removeRule,
    targets: controls.targets,
    addTarget: controls.addTarget,
    updateTarget: controls.updateTarget,
    removeTarget: controls.removeTarget,
    setFaults: controls.setFaults,
    replay: controls.replay,
    replayFailed: controls.replayFailed,

    contactPolicy: createContactPolicyControls(contactPolicy, clock, changed),

    rateLimit: controls.rateLimit,
    setRateLimit: controls.setRateLimit,
    chaos: controls.chaos,
    setChaos: controls.setChaos,

    reset,
    exportState: (options = {}) =>
      takeSnapshot({ savedAt: clock.now(), generation, rules: rules.sources, contactPolicy, runtimes, store }, options),
    importState(snapshot) {
      const restored = restoreSnapshot(snapshot, runtimes, contactPolicy)
      rules = compileRules(restored.rules, channels)
      for (const message of restored.messages) store.add(message as MessageRecord & BaseMessage)
      for (const { definition, state } of runtimes)
        state.adoptMessages?.(restored.messages.filter((message) => message.channel === definition.name))
      generation = restored.generation + 1
      ids = createIdSource((seed + generation * 0x9e37) | 0)
      changed('suppression')
    },
  }
  const emulator: EmulatorCore = Object.assign(engineFace, channelFaces(runtimes, inject, engineFace))

  hosts.set(emulator, {
    clock,
    channels: runtimes,
    v2Schema: v2RequestSchema(channels),
    channelRoutes: () => runtimes.flatMap(({ definition, state }) => definition.routes?.(state) ?? []),
    chaosDecision: () => chaos.decide(),
    meter: (wallNow) => meter.admit(wallNow, clock.now()),
    reportRejection: (rejection) => emit({ type: 'rejected', rejection }),
    idle: () => outbox.idle(),
    drain: () => outbox.drain(),
    interrupt: (reason) => outbox.interrupt(reason),
    setTransport(next) {
      transport = next
    },
  })
  return emulator
}

/**
 * What the channels add to the face (`emulator.<channel name>`, a channel's shortcuts, …), from each one's
 * `face`. A shortcut that took a name of the engine's own face would hide it: refused here, once.
 */
function channelFaces(
  runtimes: readonly ChannelRuntime[],
  inject: (channel: string, kind: string, input: unknown) => InboundRecord,
  engineFace: EngineFace,
): ChannelFaces & ChannelShortcuts {
  const faces: Record<string, unknown> = {}
  for (const { definition, state } of runtimes) {
    const face = definition.face?.(state, (kind, input) => inject(definition.name, kind, input))
    if (!face) continue
    for (const name of [definition.name, ...Object.keys(face.shortcuts ?? {})]) {
      if (Object.hasOwn(faces, name) || Object.hasOwn(engineFace, name))
        throw new Error(`channel ${definition.name}: its face's "${name}" is taken`)
    }
    Object.assign(faces, { [definition.name]: face.controls }, face.shortcuts)
  }
  return faces as ChannelFaces & ChannelShortcuts
}

/** Whether any recipient waits for manual actions (a loop: asked at every send, and a callback is a closure). */
function anyHeld(recipients: readonly PlannedRecipient[]): boolean {
  for (const recipient of recipients) if (recipient.held === true) return true
  return false
}

/**
 * The recipients `address` names: a phone number however it is written (its digits); another id as
 * the message keeps it (some channels' user ids keep their case), else in any case — when
 * that names one id only, since two ids differing in case are two people.
 */
function recipientsAt(message: BaseMessage, address: string): BaseRecipient[] {
  if (isPhoneNumber(address)) return message.recipients.filter((r) => sameAddress(r.address, address))
  const exact = message.recipients.filter((r) => r.address === address)
  if (exact.length > 0) return exact
  const similar = message.recipients.filter((r) => sameAddress(r.address, address))
  const ids = [...new Set(similar.map((r) => r.address))]
  if (ids.length > 1)
    throw new EmulatorError(
      'invalid_request',
      `"${address}" names ${ids.length} recipients of message ${message.messageId} that differ only in case (${ids.join(', ')}): give the address as the message keeps it`,
    )
  return similar
}
