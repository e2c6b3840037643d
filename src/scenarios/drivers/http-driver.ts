/**
 * @module Runs a scenario against a running emulator (`--target http://host:port`) through its
 * control API: switch it to virtual time, reset it, drop its configured targets, apply what it can
 * of the scenario's config, point targets at a local receiver — and undo that afterwards.
 */
import type { AnyChannel } from '../../core/channels/channel.js'
import { channels } from '../../core/channels/registry.js'
import { parseConfig } from '../../core/parse-config.js'
import type { EmulatorConfig } from '../../core/schemas/config.js'
import { createControlClient } from '../control-client.js'
import { headersObject } from '../emulator-client.js'
import type { Scenario } from '../schema.js'
import { type DriverOptions, receiversOf, type ScenarioDriver } from './driver.js'
import { fetchOutside, fetchWithDeadline } from './fetch-with-deadline.js'
import { receiverTarget } from './in-process-driver.js'
import { startLocalReceiver } from './local-receiver.js'

/** Shared config a running emulator cannot change through its control API: the scenario notes it. */
const fixedKeys = ['timeZone', 'seed', 'speed', 'serviceKeys', 'services', 'tenant', 'limits', 'receipts'] as const
const fixedWebhookKeys = [
  'timeout',
  'retries',
  'retryDelay',
  'backoffFactor',
  'jitter',
  'hubSecret',
  'hubSignature',
  'notifyUrlAuth',
  'concurrencyPerTarget',
  'ordering',
] as const

const differs = (a: unknown, b: unknown) => JSON.stringify(a) !== JSON.stringify(b)

/** What the scenario's config sets that the control API cannot: shared keys, and channel keys no setup call covers. */
function unappliedKeys(config: EmulatorConfig): string[] {
  const defaults = parseConfig({})
  const channelKeys = (channels as readonly AnyChannel[]).flatMap((channel) => {
    const slice = (config as unknown as Record<string, Record<string, unknown>>)[channel.name]!
    const standard = (defaults as unknown as Record<string, Record<string, unknown>>)[channel.name]!
    const settable = new Set((channel.remoteSetupKeys ?? []) as readonly string[])
    return Object.keys(slice)
      .filter((key) => !settable.has(key) && differs(slice[key], standard[key]))
      .map((key) => `${channel.name}.${key}`)
  })
  return [
    ...fixedKeys.filter((key) => differs(config[key], defaults[key])),
    // Its `enabled` and groups have routes (set up below); `unknownGroups` has none.
    ...(config.contactPolicy.unknownGroups !== defaults.contactPolicy.unknownGroups
      ? ['contactPolicy.unknownGroups']
      : []),
    ...fixedWebhookKeys
      .filter((key) => differs(config.webhooks[key], defaults.webhooks[key]))
      .map((key) => `webhooks.${key}`),
    ...channelKeys,
  ]
}

export async function createHttpDriver(
  scenario: Scenario,
  target: string,
  { controlHeaders = {}, requestTimeoutMs = 30_000 }: DriverOptions = {},
): Promise<ScenarioDriver> {
  const base = target.replace(/\/+$/, '')
  const notes: string[] = []
  /**
   * Every request to the emulator has a deadline, answer included: one that accepts connections and
   * never answers (stopped with SIGSTOP, deadlocked, swamped) fails the scenario then, instead of
   * holding the run for undici's five minutes a request, and again for each clean-up call.
   */
  const request = (url: string, init?: RequestInit): Promise<Response> =>
    fetchWithDeadline(
      url,
      init,
      requestTimeoutMs,
      () =>
        new Error(
          `no answer from the emulator at ${base} within ${requestTimeoutMs} ms (${init?.method ?? 'GET'} ${url.replace(base, '')}): is it stopped or overloaded?`,
        ),
    )

  const { control: call } = createControlClient(request, { base, headers: controlHeaders })

  const clock = await call<{ mode: 'real' | 'virtual'; canSwitchMode: boolean }>('GET', '/clock')
  if (clock.mode === 'real') {
    if (!clock.canSwitchMode)
      throw new Error(
        `The emulator at ${base} runs on real time and cannot switch to virtual time, which scenarios need`,
      )
    await call('PUT', '/clock', { mode: 'virtual' })
  }
  let receiver: Awaited<ReturnType<typeof startLocalReceiver>> | undefined
  /** Leaves the emulator as it was configured: its targets and state back, its clock mode restored. */
  const restore = async () => {
    try {
      await call('POST', '/reset', {})
      if (clock.mode === 'real') await call('PUT', '/clock', { mode: 'real' })
    } finally {
      await receiver?.close()
    }
  }
  const receivers = receiversOf(scenario)
  try {
    await call('POST', '/reset', {})
    const existing = await call<{ targets: Array<{ id: string }> }>('GET', '/webhooks/targets')
    for (const { id } of existing.targets) await call('DELETE', `/webhooks/targets/${id}`)

    const config = parseConfig(scenario.config ?? {})
    const defaults = parseConfig({})
    for (const channel of channels as readonly AnyChannel[]) {
      const slice = (config as unknown as Record<string, unknown>)[channel.name]
      for (const { method, path, body } of channel.remoteSetup?.(slice) ?? []) await call(method, path, body)
    }
    for (const rule of config.rules) await call('POST', '/rules', rule)
    // Routes that take exactly these sections; the closing reset restores the emulator's own.
    if (config.chaos) await call('PUT', '/chaos', config.chaos)
    if (differs(config.rateLimit, defaults.rateLimit)) await call('PUT', '/rate-limit', config.rateLimit)
    const { enabled, groups } = config.contactPolicy
    if (enabled !== defaults.contactPolicy.enabled) await call('PUT', '/contact-policy', { enabled })
    for (const { id, ...group } of groups) await call('PUT', `/contact-policy/groups/${encodeURIComponent(id)}`, group)
    for (const webhookTarget of config.webhooks.targets) await call('POST', '/webhooks/targets', webhookTarget)
    const unapplied = unappliedKeys(config)
    if (unapplied.length > 0)
      notes.push(
        `not applied with --target (start the emulator with them): ${unapplied.map((key) => `config.${key}`).join(', ')}`,
      )

    receiver = await startLocalReceiver(receivers)
    for (const spec of receivers) await call('POST', '/webhooks/targets', receiverTarget(spec, receiver.url))
  } catch (error) {
    // Set up half-way (a target refused, the emulator gone): undo what was done, then say why.
    await restore().catch(() => undefined)
    throw error
  }
  const { url: receiverUrl } = receiver

  return {
    mode: 'target',
    emulatorUrl: base,
    receiverUrl,
    notes,
    fetch(url, init) {
      if (!url.startsWith('/')) return fetchOutside(url, init, requestTimeoutMs)
      const headers = url.startsWith('/_emulator')
        ? { ...controlHeaders, ...headersObject(new Headers(init?.headers)) }
        : init?.headers
      return request(`${base}${url}`, { ...init, ...(headers ? { headers } : {}) })
    },
    close: restore,
  }
}
