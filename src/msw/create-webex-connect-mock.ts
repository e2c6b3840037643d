/**
 * @module The emulator inside unit tests: MSW handlers that serve the same hono app and core as
 * the server, on virtual time, with helpers to move time and wait for what should happen.
 */
import { type HttpHandler, http } from 'msw'
import type { SubscriptionInput } from '../core/channels/email/control-inputs.js'
import type { InboundSmsInput } from '../core/channels/sms/inbound.js'
import { sameAddress } from '../core/kernel/addresses.js'
import { didYouMean } from '../core/kernel/did-you-mean.js'
import { durationMs } from '../core/kernel/duration.js'
import { EmulatorError } from '../core/kernel/errors.js'
import { maxTimerMs } from '../core/kernel/time-bounds.js'
import { parseConfig } from '../core/parse-config.js'
import type { EmulatorConfigInput } from '../core/schemas/config.js'
import type { ReceiptEnvelope } from '../core/schemas/receipt-envelope.js'
import { createApp } from '../http/create-app.js'
import { createEmulator } from '../runtime/create-emulator.js'
import { type DeliveryView, deliveryView, describeDeliveries } from '../views/delivery-view.js'
import { describeReceipts, type ReceiptView, receiptViews } from '../views/receipt-view.js'
import { createHttpTransport } from '../webhooks/http-transport.js'
import { createSinkTransport, type WebhookSink } from '../webhooks/sink-transport.js'
import { vendorUrlPattern } from './vendor-url-pattern.js'

/**
 * A webhook the emulator posted, flattened for assertions. Its payload is typed as a receipt (every
 * channel's receipts share this envelope); parse inbound events with their schemas from
 * `webex-connect-emulator/payloads`.
 */
export type WebhookView = DeliveryView<ReceiptEnvelope>
const webhookViews = (emulator: { deliveries(): Parameters<typeof deliveryView>[0][] }): WebhookView[] =>
  emulator.deliveries().map((d) => deliveryView(d) as WebhookView)

/** Milliseconds, or a string such as "500ms", "2s", "5m", "1h", "7d". */
export type Duration = number | string

/** Options of `createWebexConnectMock()`. */
export interface WebexConnectMockOptions {
  config?: EmulatorConfigInput
  /** More base URLs to answer besides the vendor hosts: origins, e.g. "http://localhost:4600" (no path or query). */
  baseUrls?: string[]
  /**
   * Receive webhooks in-process. Without it, webhooks go through `fetch` (looked up at each
   * attempt), so an MSW handler for your app's webhook URL — or a real local server — receives them.
   */
  onWebhook?: WebhookSink
  /** Where virtual time starts (default: the wall clock when the mock is created). */
  startAt?: Date | number
}

const filterKeys = ['channel', 'destination', 'status', 'messageId', 'code'] as const

/** What `receipts()` filters by; every key optional (an undefined one filters nothing). */
export type ReceiptFilter = Partial<Pick<ReceiptView, (typeof filterKeys)[number]>>

/** Options of the mock's `waitFor…` helpers. */
export interface WaitOptions {
  /** Virtual time to wait at most (default "1h"). */
  within?: Duration
}

// Node's timers as this module loads them, so fake timers a test installs later cannot stand in.
const { setInterval: setKeepAlive, clearInterval: clearKeepAlive } = globalThis

/**
 * Runs a helper's wait with a timer that keeps the process alive. A webhook attempt's deadline does
 * not (a pending attempt must not hold a process open after its tests), so while a wait is on an
 * attempt that never answers — a sink, or your MSW handler — nothing else may: node:test cancelled
 * the test, and a script exited, with the wait unsettled, instead of the attempt timing out.
 */
async function keepingAlive<T>(wait: () => Promise<T>): Promise<T> {
  const timer = setKeepAlive(() => {}, maxTimerMs)
  try {
    return await wait()
  } finally {
    clearKeepAlive(timer)
  }
}

/**
 * `startAt` as epoch ms: now when absent, a Date's or a number's own value (one no time can show is
 * refused by the emulator, naming it). Anything else is refused here: `Number()` read null as 1970
 * and a string as NaN.
 */
function startTime(startAt: unknown): number {
  if (startAt === undefined) return Date.now()
  if (startAt instanceof Date || typeof startAt === 'number') return Number(startAt)
  const given = typeof startAt === 'string' ? `the string "${startAt}"` : String(startAt)
  throw new EmulatorError(
    'invalid_config',
    `startAt is ${given}: give a Date (new Date("2025-01-01T00:00:00Z")) or epoch milliseconds`,
    'startAt',
  )
}

/**
 * The emulator as MSW handlers for unit tests: your code calls the real vendor URL, the handlers
 * answer as the server would, and time is virtual, so a 7-day bounce expiry takes milliseconds.
 * @example
 * import { setupServer } from 'msw/node'
 * import { createWebexConnectMock } from 'webex-connect-emulator/msw'
 *
 * const webexConnect = createWebexConnectMock()
 * const server = setupServer(...webexConnect.handlers)
 * server.listen()
 * // …your code POSTs to https://api.us.webexconnect.io/v2/messages…
 * await webexConnect.waitForStatus('ann@example.com', 'Delivered')
 */
export function createWebexConnectMock(options: WebexConnectMockOptions = {}) {
  const startAt = startTime(options.startAt)
  const config = parseConfig(options.config ?? {})
  // Isolation keeps test workers apart on a server they share; here nothing is shared (docs/decisions/009).
  if (config.isolation === 'service')
    throw new EmulatorError(
      'invalid_config',
      'isolation "service" is for a server shared by test workers; in MSW mode each test worker (and, as vitest runs them, each test file) has its own mock already. Leave isolation out here; tests that run concurrently in one file can keep apart by sending to addresses of their own',
      'isolation',
    )
  const emulator = createEmulator({
    config,
    clock: 'virtual',
    startAt,
    // Through fetch, looked up at each attempt, so the test's own MSW handlers see the webhooks.
    transport: options.onWebhook ? createSinkTransport(options.onWebhook) : createHttpTransport(),
  })
  // In-process, no web page can reach the app: no Host or Origin checks (control writes still need JSON).
  const app = createApp(emulator, { checkSite: false })
  const handlers: HttpHandler[] = [http.all(vendorUrlPattern(options.baseUrls), ({ request }) => app.fetch(request))]

  /**
   * Receipts so far, oldest first, of any channel; filters match exactly, but `destination` matches
   * as the recipient: an email case-insensitively, a phone number by its digits ("+447700900123"
   * finds "447700900123").
   */
  const receipts = (filter: ReceiptFilter = {}) => {
    // A key left undefined filters nothing (`{ status: wanted }` with no status wanted); one the
    // receipts do not have would match none, silently, so it is refused by name.
    const given = Object.entries(filter).filter(([, value]) => value !== undefined)
    for (const [key] of given)
      if (!(filterKeys as readonly string[]).includes(key))
        throw new EmulatorError(
          'invalid_request',
          `receipts: no filter "${key}"${didYouMean(key, filterKeys)}; filter by ${filterKeys.join(', ')}`,
          key,
        )
    return receiptViews(emulator).filter((r) =>
      given.every(([key, value]) =>
        key === 'destination' ? sameAddress(r.destination, String(value)) : r[key as keyof ReceiptView] === value,
      ),
    )
  }

  return {
    /** Spread into `setupServer(...)` or `server.use(...)`. */
    handlers,
    /** The core emulator, for anything the helpers below do not cover. */
    emulator,
    /** Moves virtual time forward, firing every lifecycle step and webhook attempt due on the way. */
    advance: (duration: Duration) => keepingAlive(() => emulator.advance(durationMs(duration, 'advance'))),
    /** Runs until nothing is scheduled: every receipt sent, every retry done. */
    runUntilIdle: () => keepingAlive(() => emulator.runUntilIdle()),
    now: () => new Date(emulator.now()),
    messages: () => emulator.messages(),
    receipts,
    webhooks: (): WebhookView[] => webhookViews(emulator),

    /** Advances virtual time until a webhook matching `predicate` has been attempted; fails listing what was sent. */
    async waitForWebhook(predicate: (webhook: WebhookView) => boolean, options?: WaitOptions): Promise<WebhookView> {
      if (typeof predicate !== 'function')
        throw new EmulatorError(
          'invalid_request',
          'waitForWebhook: give a function that picks the webhook, e.g. (w) => w.event === "7500"',
          'predicate',
        )
      const { within = '1h' } = options ?? {}
      let found: WebhookView | undefined
      const met = await keepingAlive(() =>
        emulator.advanceUntil(
          () => (found = webhookViews(emulator).find((w) => w.attempts.length > 0 && predicate(w))) !== undefined,
          durationMs(within, 'within'),
        ),
      )
      if (met && found) return found
      throw new Error(
        `No matching webhook within ${within} of virtual time. Webhooks sent:\n${describeDeliveries(webhookViews(emulator))}`,
      )
    },

    /**
     * Advances virtual time until `address` — an email address or a phone number, in any channel —
     * has a receipt with `status` in the latest message sent to it (or in `messageId` when given),
     * and fails listing the receipts so far. A number matches by its digits, however it was written.
     * @example await webexConnect.waitForStatus('+447700900123', 'Delivered')
     */
    async waitForStatus(
      address: string,
      status: string,
      options?: WaitOptions & { messageId?: string },
    ): Promise<ReceiptView> {
      for (const [name, value] of [
        ['address', address],
        ['status', status],
      ] as const)
        if (typeof value !== 'string' || value.trim() === '')
          throw new EmulatorError(
            'invalid_request',
            `waitForStatus: the ${name} must be a non-blank string, not ${JSON.stringify(value) ?? String(value)}; e.g. waitForStatus("ann@example.com", "Delivered")`,
            name,
          )
      const { within = '1h', messageId } = options ?? {}
      const latest =
        messageId ??
        emulator.messages().findLast((m) => m.recipients.some((r) => sameAddress(r.address, address)))?.messageId
      if (!latest)
        throw new Error(
          `No message has been sent to ${address}. Messages so far:\n${describeReceipts(receiptViews(emulator))}`,
        )
      // Kept when seen: the emulator may change (a reset) while the wait finishes the instant's work.
      let found: ReceiptView | undefined
      const met = () => (found = receipts({ destination: address, status, messageId: latest }).at(0)) !== undefined
      if ((await keepingAlive(() => emulator.advanceUntil(met, durationMs(within, 'within')))) && found) return found
      throw new Error(
        `${address} did not reach "${status}" within ${within} of virtual time. Receipts so far:\n${describeReceipts(receiptViews(emulator))}`,
      )
    },

    setSandbox: emulator.setSandbox,
    addRule: emulator.addRule,
    suppress: (address: string, { for: retention }: { for?: Duration } = {}) =>
      emulator.suppress(address, { retentionMs: retention === undefined ? undefined : durationMs(retention, 'for') }),
    unsuppress: emulator.unsuppress,
    unsubscribe: emulator.unsubscribe,
    resubscribe: emulator.resubscribe,
    addWebhookTarget: emulator.addTarget,
    /**
     * Any channel's inbound event, as `POST /_emulator/inbound/…` takes it: `inject('sms', 'mo',
     * { from, to, text })`, `inject('email', 'email', { from, to, subject, text })`,
     * `inject('whatsapp', 'whatsapp', { waid, text })` (which opens the 24-hour window), … Unknown
     * channels, events and fields are refused by name.
     */
    inject: (channel: string, kind: string, input: unknown) => emulator.inject(channel, kind, input),
    /** What the platform pushes to apps: an incoming email (MO) to your app's address. */
    injectInboundEmail: emulator.injectInboundEmail,
    /** An incoming SMS (MO) from a customer's number to yours, as `POST /_emulator/inbound/sms` takes it. */
    injectInboundSms: (input: InboundSmsInput) => emulator.inject('sms', 'mo', input),
    /** Injected inbound events so far (every channel), oldest first. */
    inbound: () => emulator.inbound(),
    /** A customer unsubscribes from `senderId`: on its unsubscribe list, sends to them then get 7241. */
    injectUnsubscribe: (input: SubscriptionInput) => emulator.injectSubscription('Unsubscribe', input),
    /** A customer subscribes again: off the unsubscribe list. */
    injectSubscribe: (input: SubscriptionInput) => emulator.injectSubscription('Subscribe', input),
    /** Forgets every message and delivery and restores the configured state; virtual time keeps its value. */
    reset: () => emulator.reset(),
  }
}

/** What `createWebexConnectMock()` returns: the handlers, the emulator and the test helpers. */
export type WebexConnectMock = ReturnType<typeof createWebexConnectMock>
