/**
 * @module The emulator: accepts sends, plays out each recipient's lifecycle on the injected clock,
 * hands receipts to the webhook outbox, and takes inbound events. It knows nothing of HTTP, MSW or
 * files; adapters drive it.
 */
import { createApiChaos } from './api-chaos.js'
import { isSteppable, type Clock } from './clock.js'
import { createDispatcher } from './dispatch.js'
import { EmulatorError } from './errors.js'
import { findMessages, type MessageQuery } from './find-messages.js'
import { createIdSource, createRandom } from './ids.js'
import { firstLink, planLifecycle, planRejection, type LifecycleStep, type MailFacts } from './lifecycle.js'
import { planManualAction, type ManualAction } from './manual-actions.js'
import { MessageStore, type MessageRecord, type ReceiptRecord, type RecipientRecord } from './message-store.js'
import { Outbox, type Attempt, type Delivery, type WebhookTransport } from './outbox.js'
import { decideFate, type FateContext } from './outcomes/decide-fate.js'
import { parseOutcome, type Outcome } from './outcomes/outcome.js'
import { compileRules } from './outcomes/rules.js'
import { parseConfig } from './parse-config.js'
import {
  buildDataStreamInboundEmail,
  buildDataStreamSubscriptionEvent,
  buildWebhookInboundEmail,
  buildWebhookSubscriptionEvent,
  type InboundEmailFacts,
} from './payloads/build-inbound-events.js'
import { receiptKinds } from './receipt-kinds.js'
import { webhookTargetSchema, type EmulatorConfig, type EmulatorConfigInput, type RuleConfig, type WebhookTargetConfig, type WebhookTargetInput } from './schemas/config.js'
import { stateSnapshotSchema, type StateSnapshot } from './schemas/state-snapshot.js'
import { inboundEmailInputSchema, subscriptionInputSchema, type InboundEmailInput, type SubscriptionInput } from './schemas/control.js'
import type { SendResponse } from './schemas/send-request.js'
import { SuppressionList } from './suppression-list.js'
import { createTimeDriver } from './time-driver.js'
import { createTimestampFormatter } from './time-format.js'
import { UnsubscribeList } from './unsubscribe-list.js'
import { validateSendRequest } from './validate-send-request.js'
import { WebhookTargets, type TargetPatch } from './webhook-targets.js'

export interface EmulatorOptions {
  config?: EmulatorConfigInput | undefined
  clock: Clock
  /** Does one webhook HTTP attempt. Looked up on every attempt, so it may be swapped at run time. */
  transport: WebhookTransport
  /** Seeds ids and randomness. Adapters pass `config.seed` or a random number. */
  seed: number
}

/** Who sent the request, as authentication established it. */
export interface SendContext {
  serviceId?: string | undefined
}

export interface InboundRecord {
  tid: string
  event: 'MO' | 'Unsubscribe' | 'Subscribe'
  from: string
  /** Recipient(s) for MO, the sender id for (un)subscribes. */
  to: string[]
  subject: string
  at: number
  ts: string
  deliveries: number
}

/** What `emulator.subscribe(listener)` reports, as it happens (the console's live view uses it). */
export type EmulatorEvent =
  | { type: 'message'; message: MessageRecord }
  | { type: 'receipt'; message: MessageRecord; recipient: RecipientRecord; receipt: ReceiptRecord }
  | { type: 'attempt'; delivery: Delivery; attempt: Attempt }
  | { type: 'inbound'; inbound: InboundRecord }
  | { type: 'state'; what: 'suppression' | 'unsubscribes' | 'sandbox' | 'rules' | 'targets' | 'clock' | 'chaos' }
  | { type: 'reset'; serviceId: string | undefined }

export type Emulator = ReturnType<typeof createEmulator>

const simulatorDomain = '@simulator.amazonses.com'

function describeOutcome(outcome: Outcome): string {
  switch (outcome.kind) {
    case 'bounce':
      return `bounce ${outcome.subtype}`
    case 'complaint':
      return `complaint ${outcome.feedbackType}`
    case 'suppressed':
      return 'suppressed'
    case 'hold':
      return 'held for a manual action'
    case 'delivered':
      return outcome.click ? 'clicked' : outcome.reads > 0 ? `read x${outcome.reads}` : outcome.slow ? 'delivered (slow)' : outcome.autoReply ? 'delivered (out of office)' : 'delivered'
  }
}

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
  let generation = 0
  const random = createRandom(options.seed ^ 0x9e3779b9)
  const chaos = createApiChaos(createRandom(options.seed ^ 0x5eed_c4a0), config.chaos)
  const formatTimestamp = createTimestampFormatter(config.timeZone)
  const defaultOutcome = parseOutcome(config.defaultOutcome)
  if (!defaultOutcome) throw new EmulatorError('invalid_config', `defaultOutcome "${config.defaultOutcome}" is not an outcome (see "Outcomes" in the README)`, 'defaultOutcome')

  let transport = options.transport
  const listeners = new Set<(event: EmulatorEvent) => void>()
  const emit = (event: EmulatorEvent) => {
    for (const listener of listeners) listener(event)
  }

  const store = new MessageStore(config.limits.maxMessages)
  const suppression = new SuppressionList(clock)
  const unsubscribes = new UnsubscribeList()
  const verified = new Set<string>()
  const sandbox = { enabled: config.sandbox.enabled }
  const rules = compileRules(config.rules)
  const targets = new WebhookTargets()
  const inbound: InboundRecord[] = []
  const timers = new Set<number>()
  /** Steps still to fire per recipient, so a manual action can replace them. */
  /** Timer ids of each recipient's planned steps (a few at most, so an array beats a Map). */
  const pendingSteps = new WeakMap<RecipientRecord, number[]>()
  const mailFacts = new WeakMap<MessageRecord, Omit<MailFacts, 'destination'>>()
  /** Recipients whose outcome is `hold`: they wait for manual actions, and only they take them. */
  const held = new WeakSet<RecipientRecord>()
  /** Auth headers for a message's notifyUrl deliveries; weak, so they go when the message is forgotten. */
  const notifyUrlHeaders = new WeakMap<MessageRecord, Record<string, string>>()
  let deliverySeq = 0
  let evictedReceipts = 0
  let evictedInbound = 0

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
    faultsFor: (target) => (target.targetId === undefined ? undefined : targets.get(target.targetId)?.faults),
    maxDeliveries: config.limits.maxDeliveries,
    maxAttemptsPerDelivery: config.limits.maxAttemptsPerDelivery,
    newId: () => `d${++deliverySeq}`,
    onAttempt: (delivery, attempt) => emit({ type: 'attempt', delivery, attempt }),
  })
  const dispatch = createDispatcher({ outbox, targets, config, notifyUrlHeaders: (message) => notifyUrlHeaders.get(message) })
  const time = createTimeDriver(clock, () => outbox.idle())

  function loadConfiguredState(): void {
    for (const address of config.suppressed) suppression.add(address.toLowerCase(), 'config', undefined)
    for (const { sender, address } of config.unsubscribed) unsubscribes.add(sender, address, clock.now())
    for (const address of config.sandbox.verified) verified.add(address.toLowerCase().replace(/^@/, ''))
    for (const target of config.webhooks.targets) targets.add(target)
    rules.splice(0, rules.length, ...compileRules(config.rules))
    sandbox.enabled = config.sandbox.enabled
    chaos.set(config.chaos)
  }
  loadConfiguredState()

  const fateContext: FateContext = {
    isSuppressed: (address) => suppression.has(address),
    isUnsubscribed: (sender, address) => unsubscribes.has(sender, address),
    isSandboxBlocked: (address) =>
      // SES lets sandboxed accounts mail the simulator; verified domains cover every address in them.
      sandbox.enabled && !address.endsWith(simulatorDomain) && !verified.has(address) && !verified.has(address.slice(address.lastIndexOf('@') + 1)),
    rules,
    defaultOutcome,
  }

  function schedule(at: number, fire: () => void): number {
    const id = clock.schedule(at, () => {
      timers.delete(id)
      fire()
    })
    timers.add(id)
    return id
  }

  function scheduleStep(message: MessageRecord, recipient: RecipientRecord, step: LifecycleStep, at: number): void {
    let pending = pendingSteps.get(recipient)
    if (!pending) pendingSteps.set(recipient, (pending = []))
    const id = schedule(at, () => {
      pending.splice(pending.indexOf(id), 1)
      fireStep(message, recipient, step)
    })
    pending.push(id)
  }

  function fireStep(message: MessageRecord, recipient: RecipientRecord, step: LifecycleStep): void {
    const spec = receiptKinds[step.kind]
    const at = clock.now()
    const receipt: ReceiptRecord = {
      kind: step.kind,
      code: spec.code,
      status: spec.status,
      description: step.description,
      additionalInfo: step.additionalInfo,
      at,
      timeStamp: formatTimestamp(at),
    }
    recipient.receipts.push(receipt)
    if (recipient.receipts.length > config.limits.maxReceiptsPerRecipient) {
      recipient.receipts.shift()
      evictedReceipts++
    }
    recipient.status = spec.status
    if (step.suppresses) {
      suppression.add(recipient.address, `bounce ${step.description}`, config.bounceRetention)
      emit({ type: 'state', what: 'suppression' })
    }
    if (step.autoReply) schedule(at + config.delays.autoReply, () => autoReply(message, recipient))
    dispatch.receipt(message, recipient, receipt)
    emit({ type: 'receipt', message, recipient, receipt })
  }

  /** SES's ooto@ simulator answers with an out-of-office reply, which reaches the app as inbound mail. */
  function autoReply(message: MessageRecord, recipient: RecipientRecord): void {
    injectInboundEmail({
      from: recipient.address,
      to: message.from,
      subject: `Automatic reply: ${message.subject}`,
      text: 'I am out of the office and will reply when I am back.',
    })
  }

  function send(body: unknown, context: SendContext = {}): SendResponse {
    const request = validateSendRequest(body)
    const now = clock.now()
    const messageId = ids.uuid()
    const firstCorrelationId = request.to[0]!.correlationId ?? ''
    const multiple = request.multipleToRecipients ?? false
    const isHtml = request.content ? request.content.type === 'html' : true
    const sender = request.from.toLowerCase()
    const startsAt = request.sendAt ? Math.max(now, Date.parse(request.sendAt)) : now

    const addresses: Array<Pick<RecipientRecord, 'address' | 'field' | 'correlationId'>> = []
    for (const entry of request.to) {
      for (const email of entry.email) addresses.push({ address: email, field: 'to', correlationId: multiple ? firstCorrelationId : (entry.correlationId ?? '') })
    }
    for (const field of ['cc', 'bcc'] as const) {
      for (const entry of request[field] ?? []) {
        for (const email of typeof entry === 'string' ? [entry] : entry.email) addresses.push({ address: email, field, correlationId: firstCorrelationId })
      }
    }

    const message: MessageRecord = {
      messageId,
      acceptedAt: now,
      requestTimestamp: formatTimestamp(now),
      startsAt,
      serviceId: context.serviceId ?? '',
      from: request.from,
      subject: request.content?.subject ?? request.template?.subject ?? '',
      contentType: isHtml ? 'html' : 'text',
      correlationId: firstCorrelationId,
      callbackData: request.callbackData ?? '',
      notifyUrl: request.notifyUrl,
      requestedReceipts: request.requestedReceipts,
      multipleToRecipients: multiple,
      gtrid: ids.uuid(),
      recipients: [],
    }
    const authHeaders = request.notifyUrlAuthId ? config.webhooks.notifyUrlAuth[request.notifyUrlAuthId] : undefined
    if (authHeaders) notifyUrlHeaders.set(message, authHeaders)
    const facts = { sender: request.from, isHtml, clickUrl: firstLink(request.content?.html) }
    mailFacts.set(message, facts)

    for (const { address: raw, field, correlationId } of addresses) {
      const address = raw.trim().toLowerCase()
      const fate = decideFate(address, sender, fateContext)
      const recipient: RecipientRecord = {
        address,
        field,
        correlationId,
        fate: fate.kind === 'rejected' ? `rejected (${receiptKinds[fate.receipt].code})` : `${describeOutcome(fate.outcome)} (${fate.decidedBy})`,
        status: 'Queued',
        receipts: [],
      }
      message.recipients.push(recipient)
      if (fate.kind !== 'rejected' && fate.outcome.kind === 'hold') held.add(recipient)
      const mail: MailFacts = { ...facts, destination: address }
      const steps =
        fate.kind === 'rejected' ? planRejection(fate.receipt, mail, config.delays) : planLifecycle(fate.outcome as Exclude<Outcome, { kind: 'suppressed' }>, mail, config.delays)
      for (const step of steps) scheduleStep(message, recipient, step, startsAt + step.after)
    }

    store.add(message)
    emit({ type: 'message', message })
    return { requestTimestamp: message.requestTimestamp, messageId, correlationId: firstCorrelationId, status: 'queued' }
  }

  /** Drives one recipient by hand now, replacing whatever its lifecycle still had planned. */
  function act(messageId: string, address: string, action: ManualAction): RecipientRecord {
    const message = store.get(messageId)
    if (!message) throw new EmulatorError('not_found', `No message with id "${messageId}" (it may never have existed, or been evicted past limits.maxMessages)`)
    const recipient = message.recipients.find((r) => r.address === address.trim().toLowerCase())
    if (!recipient) throw new EmulatorError('not_found', `Message ${messageId} has no recipient "${address}"; its recipients are ${message.recipients.map((r) => r.address).join(', ')}`)
    if (!held.has(recipient)) {
      throw new EmulatorError(
        'conflict',
        `${recipient.address} is not waiting for a manual action: its fate is ${recipient.fate}. Only recipients with the "hold" outcome take actions — send to a +hold address (ann+hold@x.test) or add a rule with outcome "hold"`,
      )
    }
    const steps = planManualAction(action, recipient.receipts.map((r) => r.kind), { ...mailFacts.get(message)!, destination: recipient.address })
    const pending = pendingSteps.get(recipient) ?? []
    for (const id of pending) {
      clock.cancel(id)
      timers.delete(id)
    }
    pending.length = 0
    for (const step of steps) fireStep(message, recipient, step)
    return recipient
  }

  function recordInbound(record: Omit<InboundRecord, 'deliveries' | 'at' | 'ts'>, count: number, at: number): InboundRecord {
    const entry = { ...record, at, ts: formatTimestamp(at), deliveries: count }
    inbound.push(entry)
    if (inbound.length > config.limits.maxInbound) {
      inbound.shift()
      evictedInbound++
    }
    emit({ type: 'inbound', inbound: entry })
    return entry
  }

  /** An incoming email (MO) from a customer, posted to targets that opted into inbound events. */
  function injectInboundEmail(input: InboundEmailInput): InboundRecord {
    const mail = inboundEmailInputSchema.parse(input)
    const at = clock.now()
    const tid = ids.uuid()
    // SES message ids are 40 lower-case alphanumerics.
    const sesId = `${ids.uuid()}${ids.uuid()}`.replace(/-/g, '').slice(0, 40)
    const facts: InboundEmailFacts = {
      ...mail,
      replyTo: mail.replyTo ?? mail.from,
      attachments: mail.attachments.map((a) => ({ ...a, url: a.url ?? `https://attachments.emulator.invalid/${tid}/${encodeURIComponent(a.name)}` })),
      tid,
      messageId: sesId,
      ts: formatTimestamp(at),
      tenant: config.tenant,
    }
    const count = dispatch.inbound('mo', 'MO', { tid, from: mail.from }, { webhook: buildWebhookInboundEmail(facts), datastream: buildDataStreamInboundEmail(facts) })
    return recordInbound({ tid, event: 'MO', from: mail.from, to: mail.to, subject: mail.subject }, count, at)
  }

  /** Unsubscribe adds the customer to that sender's unsubscribe list (sends then get 7241); Subscribe removes them. */
  function injectSubscription(event: 'Unsubscribe' | 'Subscribe', input: SubscriptionInput): InboundRecord {
    const { from, senderId, correlationId } = subscriptionInputSchema.parse(input)
    const at = clock.now()
    if (event === 'Unsubscribe') unsubscribes.add(senderId, from, at)
    else unsubscribes.remove(senderId, from)
    emit({ type: 'state', what: 'unsubscribes' })
    const tid = ids.uuid()
    const facts = { event, from, senderId, correlationId, tid, ts: formatTimestamp(at), tenant: config.tenant }
    const kind = event === 'Unsubscribe' ? 'unsubscribe' : 'subscribe'
    const count = dispatch.inbound(kind, event, { tid, from }, { webhook: buildWebhookSubscriptionEvent(facts), datastream: buildDataStreamSubscriptionEvent(facts) })
    return recordInbound({ tid, event, from, to: [senderId], subject: '' }, count, at)
  }

  /** Forgets everything (or one service's messages and their deliveries) and restores the configured state. */
  function reset({ serviceId }: { serviceId?: string | undefined } = {}): void {
    if (serviceId !== undefined) {
      // The forgotten messages' lifecycles stop too: no receipt may follow a message nobody remembers.
      for (const message of store.list()) {
        if (message.serviceId !== serviceId) continue
        for (const recipient of message.recipients) {
          for (const id of pendingSteps.get(recipient) ?? []) {
            clock.cancel(id)
            timers.delete(id)
          }
          pendingSteps.delete(recipient)
        }
      }
      const forgotten = new Set(store.forget((m) => m.serviceId === serviceId))
      outbox.forget((d) => forgotten.has(d.transid))
      emit({ type: 'reset', serviceId })
      return
    }
    for (const id of timers) clock.cancel(id)
    timers.clear()
    outbox.clear()
    store.clear()
    suppression.clear()
    unsubscribes.clear()
    verified.clear()
    targets.clear()
    inbound.length = 0
    loadConfiguredState()
    emit({ type: 'reset', serviceId: undefined })
  }

  /** The state worth keeping across restarts: lists, sandbox, rules and the most recent messages. */
  function exportState({ maxMessages = 1_000 }: { maxMessages?: number } = {}): StateSnapshot {
    return {
      format: 'webex-connect-emulator-state',
      version: 1,
      savedAt: clock.now(),
      generation,
      suppression: suppression.list().map((e) => ({ ...e, expiresAt: e.expiresAt ?? null })),
      unsubscribes: unsubscribes.list(),
      sandbox: { enabled: sandbox.enabled, verified: [...verified] },
      rules: rules.map((rule) => rule.source),
      messages: store.list().slice(-maxMessages) as unknown as StateSnapshot['messages'],
    }
  }

  /**
   * Restores a snapshot over the configured state. Restored messages are records only: their
   * remaining lifecycle steps and webhooks are not replayed. Throws `invalid_config` when it is not a snapshot.
   */
  function importState(input: unknown): void {
    const parsed = stateSnapshotSchema.safeParse(input)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!
      throw new EmulatorError('invalid_config', `not a state snapshot: ${issue.path.join('.') || '(root)'}: ${issue.message}`)
    }
    const snapshot = parsed.data
    for (const e of snapshot.suppression) suppression.restore({ ...e, expiresAt: e.expiresAt ?? undefined })
    for (const e of snapshot.unsubscribes) unsubscribes.add(e.sender, e.address, e.addedAt)
    sandbox.enabled = snapshot.sandbox.enabled
    for (const address of snapshot.sandbox.verified) verified.add(address)
    rules.splice(0, rules.length, ...compileRules(snapshot.rules))
    for (const message of snapshot.messages) store.add(message as unknown as MessageRecord)
    generation = snapshot.generation + 1
    ids = createIdSource((options.seed + generation * 0x9e37) | 0)
    changed('suppression')
  }

  const changed = (what: Extract<EmulatorEvent, { type: 'state' }>['what']) => emit({ type: 'state', what })

  /** State a test, scenario or the control API changes at run time; reset() restores the config's. */
  const controls = {
    setSandbox({ enabled, verified: addresses }: { enabled?: boolean | undefined; verified?: readonly string[] | undefined }): void {
      if (enabled !== undefined) sandbox.enabled = enabled
      for (const address of addresses ?? []) verified.add(address.toLowerCase().replace(/^@/, ''))
      changed('sandbox')
    },
    unverify(address: string): boolean {
      const removed = verified.delete(address.toLowerCase().replace(/^@/, ''))
      changed('sandbox')
      return removed
    },
    sandbox: () => ({ enabled: sandbox.enabled, verified: [...verified] }),
    addRule(rule: RuleConfig): void {
      rules.push(...compileRules([rule], `rules[${rules.length}]`))
      changed('rules')
    },
    removeRule(index: number): boolean {
      const removed = rules.splice(index, 1).length > 0
      changed('rules')
      return removed
    },
    rules: () => rules.map((rule) => rule.source),
    /** `retentionMs: null` keeps the address listed until removed. */
    suppress(address: string, { retentionMs = config.bounceRetention, reason = 'added by hand' }: { retentionMs?: number | null | undefined; reason?: string } = {}) {
      const entry = suppression.add(address.trim().toLowerCase(), reason, retentionMs ?? undefined)
      changed('suppression')
      return entry
    },
    unsuppress(address: string): boolean {
      const removed = suppression.remove(address.trim().toLowerCase())
      changed('suppression')
      return removed
    },
    unsubscribe(sender: string, address: string) {
      const entry = unsubscribes.add(sender.trim(), address.trim(), clock.now())
      changed('unsubscribes')
      return entry
    },
    resubscribe(sender: string, address: string): boolean {
      const removed = unsubscribes.remove(sender.trim(), address.trim())
      changed('unsubscribes')
      return removed
    },
    /** Takes a target as a config file would (defaults filled in: format "webhook", no headers); bad input throws `invalid_config`. */
    addTarget(input: WebhookTargetInput) {
      const parsed = webhookTargetSchema.safeParse(input)
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!
        throw new EmulatorError('invalid_config', `Invalid webhook target${issue.path.length ? ` at "${issue.path.join('.')}"` : ''}: ${issue.message}`)
      }
      const added = targets.add(parsed.data)
      changed('targets')
      return added
    },
    /** Changes only the keys given; `null` clears `events` or `hubSecret`. Undefined for an unknown id. */
    updateTarget(id: string, patch: TargetPatch) {
      const updated = targets.update(id, patch)
      if (updated) changed('targets')
      return updated
    },
    removeTarget(id: string): boolean {
      const removed = targets.remove(id)
      if (removed) changed('targets')
      return removed
    },
    targets: () => targets.list(),
    clockState: () => ({
      mode: isSteppable(clock) ? clock.mode : 'real',
      now: clock.now(),
      time: formatTimestamp(clock.now()),
      canSwitchMode: isSteppable(clock) && typeof clock.setMode === 'function',
    }),
    setClockMode(mode: 'real' | 'virtual'): void {
      if (!isSteppable(clock) || !clock.setMode) {
        throw new EmulatorError('wrong_clock_mode', 'This emulator runs on virtual time only (MSW and scenarios); advance it instead')
      }
      clock.setMode(mode)
      changed('clock')
    },
    /** Fault injection for one target; `undefined` turns it off. */
    setFaults(id: string, faults: WebhookTargetConfig['faults']) {
      const updated = targets.update(id, { faults: faults ?? null })
      changed('targets')
      return updated
    },
    chaos: () => chaos.config(),
    /** API-side chaos on POST /v2/messages; `undefined` turns it off. */
    setChaos(next: unknown) {
      const set = chaos.set(next)
      changed('chaos')
      return set
    },
    replay: (deliveryId: string) => outbox.replay(deliveryId),
    replayFailed: () => outbox.list().filter((d) => d.state === 'failed' && outbox.replay(d.id)).length,
  }

  return {
    ...controls,
    ...time,
    async advance(ms: number): Promise<void> {
      await time.advance(ms)
      changed('clock')
    },
    config,
    clock,
    send,
    act,
    injectInboundEmail,
    injectSubscription,
    reset,
    now: () => clock.now(),
    formatTimestamp,
    messages: () => store.list(),
    /** Newest first, filtered, one page; see find-messages.ts. */
    findMessages: (query: MessageQuery) => findMessages(store.list(), query),
    message: (messageId: string) => store.get(messageId),
    deliveries: () => outbox.list(),
    delivery: (id: string) => outbox.get(id),
    inbound: () => [...inbound],
    suppressed: () => suppression.list(),
    isSuppressed: (address: string) => suppression.has(address.trim().toLowerCase()),
    unsubscribed: () => unsubscribes.list(),
    /** Resolves once no webhook attempt is in flight. */
    idle: () => outbox.idle(),
    stats: () => {
      const deliveriesByState = { pending: 0, 'in-flight': 0, delivered: 0, failed: 0 }
      for (const delivery of outbox.list()) deliveriesByState[delivery.state]++
      return {
        messages: store.size,
        evictedMessages: store.evicted,
        deliveries: outbox.list().length,
        deliveriesByState,
        evictedDeliveries: outbox.evicted,
        evictedAttempts: outbox.evictedAttempts,
        evictedReceipts,
        inbound: inbound.length,
        evictedInbound,
        interruptedDeliveries: outbox.interrupted,
        inFlight: outbox.inFlight,
        pendingTimers: timers.size,
        eventSubscribers: listeners.size,
        chaos: chaos.counts(),
      }
    },
    /** Decides whether a POST /v2/messages arriving at wall time `wallNow` meets injected chaos. */
    chaosDecision: (wallNow: number) => chaos.decide(wallNow),
    /** Shutting down: no new webhook attempt starts; those in flight may still finish. */
    drain: () => outbox.drain(),
    /** Ends every unfinished delivery as failed and interrupted (after `drain()` and a grace period). */
    interrupt: (reason: string) => outbox.interrupt(reason),
    exportState,
    importState,
    setTransport(next: WebhookTransport) {
      transport = next
    },
    subscribe(listener: (event: EmulatorEvent) => void): () => void {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}
