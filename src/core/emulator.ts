/**
 * @module The emulator: accepts sends, plays out each recipient's lifecycle on the injected clock,
 * and hands receipts to the webhook outbox. It knows nothing of HTTP, MSW or files.
 */
import type { Clock } from './clock.js'
import { EmulatorError } from './errors.js'
import { createIdSource, createRandom } from './ids.js'
import { firstLink, planLifecycle, planRejection, type LifecycleStep, type MailFacts } from './lifecycle.js'
import { MessageStore, type MessageRecord, type ReceiptRecord, type RecipientRecord } from './message-store.js'
import { Outbox, type Attempt, type Delivery, type WebhookTransport } from './outbox.js'
import { decideFate, type FateContext } from './outcomes/decide-fate.js'
import { parseOutcome, type Outcome } from './outcomes/outcome.js'
import { compileRules } from './outcomes/rules.js'
import { parseConfig } from './parse-config.js'
import { buildDataStreamReceipt } from './payloads/build-datastream-receipt.js'
import { buildWebhookReceipt } from './payloads/build-webhook-receipt.js'
import type { ReceiptFacts } from './payloads/receipt-facts.js'
import { receiptKinds, type ReceiptKind } from './receipt-kinds.js'
import type { EmulatorConfig, EmulatorConfigInput, RuleConfig, WebhookFormat, WebhookTargetConfig } from './schemas/config.js'
import type { SendResponse } from './schemas/send-request.js'
import { SuppressionList } from './suppression-list.js'
import { createTimestampFormatter } from './time-format.js'
import { UnsubscribeList } from './unsubscribe-list.js'
import { validateSendRequest } from './validate-send-request.js'
import { VirtualClock } from './virtual-clock.js'

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

export type EmulatorEvent =
  | { type: 'message'; message: MessageRecord }
  | { type: 'receipt'; message: MessageRecord; recipient: RecipientRecord; receipt: ReceiptRecord }
  | { type: 'attempt'; delivery: Delivery; attempt: Attempt }

export type Emulator = ReturnType<typeof createEmulator>

const wants = (names: readonly string[] | undefined, kind: ReceiptKind) =>
  names === undefined || receiptKinds[kind].requestedAs.some((name) => names.includes(name))

const simulatorDomain = '@simulator.amazonses.com'

/**
 * @example
 * const emulator = createEmulator({ clock: new VirtualClock(), transport: async () => ({ status: 200, latencyMs: 0 }), seed: 1 })
 * emulator.send({ channel: 'email', from: 'me@x.test', to: [{ email: ['ann+bounce@x.test'] }], content: { type: 'text', subject: 'Hi', text: 'Hi' } })
 * await emulator.runUntilIdle()
 */
export function createEmulator(options: EmulatorOptions) {
  const config: EmulatorConfig = parseConfig(options.config)
  const { clock } = options
  const ids = createIdSource(options.seed)
  const random = createRandom(options.seed ^ 0x9e3779b9)
  const formatTimestamp = createTimestampFormatter(config.timeZone)
  const rules = compileRules(config.rules)
  const sandbox = { enabled: config.sandbox.enabled }
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
  const targets: WebhookTargetConfig[] = []
  const timers = new Set<number>()
  let deliverySeq = 0
  const outbox = new Outbox({
    clock,
    random,
    transport: () => transport,
    policy: () => ({
      timeoutMs: config.webhooks.timeout,
      retries: config.webhooks.retries,
      retryDelayMs: config.webhooks.retryDelay,
      backoffFactor: config.webhooks.backoffFactor,
      jitter: config.webhooks.jitter,
    }),
    maxDeliveries: config.limits.maxDeliveries,
    newId: () => `d${++deliverySeq}`,
    onAttempt: (delivery, attempt) => emit({ type: 'attempt', delivery, attempt }),
  })

  function loadConfiguredState(): void {
    for (const address of config.suppressed) suppression.add(address.toLowerCase(), 'config', undefined)
    for (const { sender, address } of config.unsubscribed) unsubscribes.add(sender, address, clock.now())
    for (const address of config.sandbox.verified) verified.add(address.toLowerCase().replace(/^@/, ''))
    targets.push(...config.webhooks.targets)
    rules.splice(0, rules.length, ...compileRules(config.rules))
    sandbox.enabled = config.sandbox.enabled
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

  function schedule(at: number, fire: () => void): void {
    const id = clock.schedule(at, () => {
      timers.delete(id)
      fire()
    })
    timers.add(id)
  }

  function serviceName(serviceId: string): string {
    return config.services.find((s) => s.id === serviceId)?.name ?? ''
  }

  function dispatch(message: MessageRecord, recipient: RecipientRecord, receipt: ReceiptRecord): void {
    const facts: ReceiptFacts = {
      kind: receipt.kind,
      description: receipt.description,
      additionalInfo: receipt.additionalInfo,
      timeStamp: receipt.timeStamp,
      destination: recipient.address,
      transid: message.messageId,
      correlationid: recipient.correlationId,
      callbackData: message.callbackData,
      subtid: '',
      gtrid: message.gtrid,
      serviceId: message.serviceId,
      serviceName: serviceName(message.serviceId),
    }
    const bodies: Partial<Record<WebhookFormat, string>> = {}
    const body = (format: WebhookFormat) =>
      (bodies[format] ??= JSON.stringify(format === 'webhook' ? buildWebhookReceipt(facts) : buildDataStreamReceipt(facts)))
    const common = { transid: message.messageId, destination: recipient.address, event: receipt.code }

    if (message.notifyUrl && wants(message.requestedReceipts, receipt.kind)) {
      outbox.enqueue({
        ...common,
        target: { url: message.notifyUrl, format: 'webhook', source: 'notifyUrl' },
        body: body('webhook'),
        headers: { 'content-type': 'application/json', ...(notifyUrlAuthHeaders.get(message.messageId) ?? {}) },
        hubSecret: config.webhooks.hubSecret,
      })
    }
    for (const target of targets) {
      if (!wants(target.events, receipt.kind)) continue
      outbox.enqueue({
        ...common,
        target: { url: target.url, format: target.format, source: 'target' },
        body: body(target.format),
        headers: { 'content-type': 'application/json', ...target.headers },
        hubSecret: target.hubSecret,
      })
    }
  }

  const notifyUrlAuthHeaders = new Map<string, Record<string, string>>()

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
    recipient.status = spec.status
    if (step.suppresses) {
      suppression.add(recipient.address, `bounce ${step.description}`, config.bounceRetention)
    }
    dispatch(message, recipient, receipt)
    emit({ type: 'receipt', message, recipient, receipt })
  }

  function describeOutcome(outcome: Outcome): string {
    switch (outcome.kind) {
      case 'bounce':
        return `bounce ${outcome.subtype}`
      case 'complaint':
        return `complaint ${outcome.feedbackType}`
      case 'suppressed':
        return 'suppressed'
      case 'delivered':
        return outcome.click ? 'clicked' : outcome.reads > 0 ? `read x${outcome.reads}` : outcome.slow ? 'delivered (slow)' : outcome.autoReply ? 'delivered (out of office)' : 'delivered'
    }
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
    if (request.notifyUrlAuthId) {
      const headers = config.webhooks.notifyUrlAuth[request.notifyUrlAuthId]
      if (headers) notifyUrlAuthHeaders.set(messageId, headers)
    }
    const clickUrl = firstLink(request.content?.html)

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
      const mail: MailFacts = { destination: address, sender: request.from, isHtml, clickUrl }
      const steps =
        fate.kind === 'rejected' ? planRejection(fate.receipt, mail, config.delays) : planLifecycle(fate.outcome as Exclude<Outcome, { kind: 'suppressed' }>, mail, config.delays)
      for (const step of steps) schedule(startsAt + step.after, () => fireStep(message, recipient, step))
    }

    store.add(message)
    if (store.evicted > 0) for (const id of notifyUrlAuthHeaders.keys()) if (!store.get(id)) notifyUrlAuthHeaders.delete(id)
    emit({ type: 'message', message })
    return { requestTimestamp: message.requestTimestamp, messageId, correlationId: firstCorrelationId, status: 'queued' }
  }

  function virtualClock(): VirtualClock {
    if (clock instanceof VirtualClock) return clock
    throw new EmulatorError('wrong_clock_mode', 'This emulator runs on real time; advance() and runUntilIdle() need a virtual clock (clock: "virtual")')
  }

  /** Fires every timer due within `ms` of virtual time, in order, waiting for webhook attempts as they happen. */
  async function advance(ms: number): Promise<void> {
    const virtual = virtualClock()
    const target = virtual.now() + ms
    await fireDue(virtual, target)
    virtual.moveTo(target)
  }

  /** Advances virtual time until nothing is scheduled: every lifecycle step and retry has run. */
  async function runUntilIdle({ maxSteps = 1_000_000 } = {}): Promise<void> {
    const virtual = virtualClock()
    for (let steps = 0; ; steps++) {
      await outbox.idle()
      if (steps >= maxSteps) throw new EmulatorError('invalid_request', `runUntilIdle stopped after ${maxSteps} steps: something keeps scheduling work`)
      if (!virtual.step(Number.POSITIVE_INFINITY)) return
    }
  }

  /** Fires every timer due up to `limit`, waiting for webhook attempts as they happen. */
  async function fireDue(virtual: VirtualClock, limit: number): Promise<void> {
    for (;;) {
      await outbox.idle()
      if (!virtual.step(limit)) return
    }
  }

  /**
   * Steps virtual time timer by timer until `condition` holds or `withinMs` has passed. Returns
   * whether the condition was met. Time stops at the instant it was met, with everything due at that
   * instant done — so the webhooks for a receipt have been attempted when its wait returns.
   */
  async function advanceUntil(condition: () => boolean, withinMs: number): Promise<boolean> {
    const virtual = virtualClock()
    const limit = virtual.now() + withinMs
    for (;;) {
      await outbox.idle()
      if (condition()) {
        await fireDue(virtual, virtual.now())
        return true
      }
      if (!virtual.step(limit)) break
    }
    virtual.moveTo(limit)
    await outbox.idle()
    return condition()
  }

  function reset(): void {
    for (const id of timers) clock.cancel(id)
    timers.clear()
    outbox.clear()
    store.clear()
    suppression.clear()
    unsubscribes.clear()
    verified.clear()
    targets.length = 0
    notifyUrlAuthHeaders.clear()
    loadConfiguredState()
  }

  /** State a test, scenario or the control API changes at run time; reset() restores the config's. */
  const controls = {
    setSandbox({ enabled, verified: addresses }: { enabled?: boolean; verified?: readonly string[] }): void {
      if (enabled !== undefined) sandbox.enabled = enabled
      for (const address of addresses ?? []) verified.add(address.toLowerCase().replace(/^@/, ''))
    },
    sandbox: () => ({ enabled: sandbox.enabled, verified: [...verified] }),
    addRule(rule: RuleConfig): void {
      rules.push(...compileRules([rule], `rules[${rules.length}]`))
    },
    rules: () => rules.map((rule) => rule.source),
    suppress(address: string, { retentionMs = config.bounceRetention, reason = 'added by hand' }: { retentionMs?: number | undefined; reason?: string } = {}) {
      return suppression.add(address.trim().toLowerCase(), reason, retentionMs)
    },
    unsuppress: (address: string) => suppression.remove(address.trim().toLowerCase()),
    unsubscribe: (sender: string, address: string) => unsubscribes.add(sender.trim(), address.trim(), clock.now()),
    resubscribe: (sender: string, address: string) => unsubscribes.remove(sender.trim(), address.trim()),
    addTarget(target: WebhookTargetConfig): void {
      targets.push(target)
    },
    removeTarget(url: string): boolean {
      const index = targets.findIndex((t) => t.url === url)
      if (index !== -1) targets.splice(index, 1)
      return index !== -1
    },
  }

  return {
    ...controls,
    config,
    clock,
    send,
    advance,
    advanceUntil,
    runUntilIdle,
    reset,
    now: () => clock.now(),
    formatTimestamp,
    messages: () => store.list(),
    message: (messageId: string) => store.get(messageId),
    deliveries: () => outbox.list(),
    /** Resolves once no webhook attempt is in flight. */
    idle: () => outbox.idle(),
    get inFlight() {
      return outbox.inFlight
    },
    stats: () => ({ messages: store.size, evictedMessages: store.evicted, deliveries: outbox.list().length, evictedDeliveries: outbox.evicted, pendingTimers: timers.size }),
    suppression,
    unsubscribes,
    targets,
    setTransport(next: WebhookTransport) {
      transport = next
    },
    subscribe(listener: (event: EmulatorEvent) => void): () => void {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}
