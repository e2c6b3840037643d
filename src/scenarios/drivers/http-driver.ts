/**
 * @module Runs a scenario against a running emulator (`--target http://host:port`) through its
 * control API: switch it to virtual time, reset it, drop its configured targets, apply what it can
 * of the scenario's config, point targets at a local receiver — and undo that afterwards.
 */
import { parseConfig } from '../../core/parse-config.js'
import type { EmulatorConfig } from '../../core/schemas/config.js'
import { headersObject } from '../emulator-client.js'
import type { Scenario } from '../schema.js'
import { type DriverOptions, receiversOf, type ScenarioDriver } from './driver.js'
import { receiverTarget } from './in-process-driver.js'
import { startLocalReceiver } from './local-receiver.js'

/** Config a running emulator cannot change through its control API: the scenario notes it. */
const fixedKeys = [
  'timeZone',
  'seed',
  'speed',
  'serviceKeys',
  'services',
  'bounceRetention',
  'tenant',
  'defaultOutcome',
  'delays',
  'limits',
] as const
const fixedWebhookKeys = [
  'timeout',
  'retries',
  'retryDelay',
  'backoffFactor',
  'jitter',
  'hubSecret',
  'notifyUrlAuth',
] as const

function unappliedKeys(config: EmulatorConfig): string[] {
  const defaults = parseConfig({})
  const differs = (a: unknown, b: unknown) => JSON.stringify(a) !== JSON.stringify(b)
  return [
    ...fixedKeys.filter((key) => differs(config[key], defaults[key])),
    ...fixedWebhookKeys
      .filter((key) => differs(config.webhooks[key], defaults.webhooks[key]))
      .map((key) => `webhooks.${key}`),
  ]
}

export async function createHttpDriver(
  scenario: Scenario,
  target: string,
  { controlHeaders = {} }: DriverOptions = {},
): Promise<ScenarioDriver> {
  const base = target.replace(/\/+$/, '')
  const notes: string[] = []

  async function call<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
    let response: Response
    try {
      response = await fetch(`${base}${path}`, {
        method,
        headers: { ...controlHeaders, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      })
    } catch (error) {
      throw new Error(
        `Cannot reach the emulator at ${base}: ${((error as Error).cause as Error | undefined)?.message ?? (error as Error).message}. Is it running (npx webex-connect-emulator start)?`,
      )
    }
    const text = await response.text()
    if (!response.ok)
      throw new Error(
        `${method} ${base}${path} answered ${response.status}: ${text}${response.status === 401 ? ' (pass --control-token)' : ''}`,
      )
    return (text ? JSON.parse(text) : undefined) as T
  }

  const clock = await call<{ mode: 'real' | 'virtual'; canSwitchMode: boolean }>('GET', '/_emulator/clock')
  if (clock.mode === 'real') {
    if (!clock.canSwitchMode)
      throw new Error(
        `The emulator at ${base} runs on real time and cannot switch to virtual time, which scenarios need`,
      )
    await call('PUT', '/_emulator/clock', { mode: 'virtual' })
  }
  await call('POST', '/_emulator/reset', {})
  const existing = await call<{ targets: Array<{ id: string }> }>('GET', '/_emulator/webhooks/targets')
  for (const { id } of existing.targets) await call('DELETE', `/_emulator/webhooks/targets/${id}`)

  const config = parseConfig(scenario.config ?? {})
  await call('PUT', '/_emulator/sandbox', { enabled: config.sandbox.enabled, verified: config.sandbox.verified })
  for (const address of config.suppressed) await call('POST', '/_emulator/suppression', { address, for: 'never' })
  for (const entry of config.unsubscribed) await call('POST', '/_emulator/unsubscribes', entry)
  for (const rule of config.rules) await call('POST', '/_emulator/rules', rule)
  for (const webhookTarget of config.webhooks.targets) await call('POST', '/_emulator/webhooks/targets', webhookTarget)
  const unapplied = unappliedKeys(config)
  if (unapplied.length > 0)
    notes.push(
      `not applied with --target (start the emulator with them): ${unapplied.map((key) => `config.${key}`).join(', ')}`,
    )

  const receivers = receiversOf(scenario)
  const receiver = await startLocalReceiver(receivers)
  for (const spec of receivers) await call('POST', '/_emulator/webhooks/targets', receiverTarget(spec, receiver.url))

  return {
    mode: 'target',
    emulatorUrl: base,
    receiverUrl: receiver.url,
    notes,
    fetch(url, init) {
      if (!url.startsWith('/')) return globalThis.fetch(url, init)
      const headers = url.startsWith('/_emulator')
        ? { ...controlHeaders, ...headersObject(new Headers(init?.headers)) }
        : init?.headers
      return globalThis.fetch(`${base}${url}`, { ...init, ...(headers ? { headers } : {}) })
    },
    async close() {
      // Leave the emulator as it was configured: its targets and state back, its clock mode restored.
      try {
        await call('POST', '/_emulator/reset', {})
        if (clock.mode === 'real') await call('PUT', '/_emulator/clock', { mode: 'real' })
      } finally {
        await receiver.close()
      }
    },
  }
}
