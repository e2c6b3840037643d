/**
 * @module Isolation for test workers sharing one server (config `isolation: "service"`): each
 * service is a tenant with an emulator of its own — messages, deliveries, lists, sandbox, rules,
 * consent, targets, rate limits and clock — created on first use from the same parsed config. At
 * most `limits.maxTenants` live at once; past that the least recently used one is closed and
 * forgotten. The core takes no part: a tenant is an ordinary engine, this is bookkeeping around
 * them (see docs/decisions/009-isolation-per-service.md).
 */
import { randomInt } from 'node:crypto'
import { type EmulatorEvent, hostOf } from '../core/emulator.js'
import type { ClockState } from '../core/emulator-api.js'
import { EmulatorError } from '../core/kernel/errors.js'
import { reraiseListenerError } from '../core/kernel/events.js'
import { parseConfig } from '../core/parse-config.js'
import type { EmulatorConfig } from '../core/schemas/config.js'
import { type TenantsSnapshot, tenantsSnapshotSchema } from '../core/schemas/state-snapshot.js'
import { createUndiciTransport } from '../webhooks/undici-transport.js'
import { createTenantEmulator, type Emulator, type EmulatorOptions } from './create-emulator.js'

/** A tenant came or went. */
export interface TenantEvent {
  type: 'tenant'
  action: 'created' | 'evicted' | 'removed'
  tenant: string
}

/** What an isolated emulator's `subscribe()` reports: every tenant's events, and tenants coming and going. */
export type IsolatedEvent = EmulatorEvent | TenantEvent

/** `tenant` is the tenant the event belongs to; undefined for the front (requests no tenant owns). */
export type IsolatedListener = (event: IsolatedEvent, tenant: string | undefined) => void

/** A living tenant, as `GET /_emulator/tenants` lists it. */
export interface TenantSummary {
  name: string
  /** Wall-clock epoch ms: when it was created, and when a request last named it. */
  createdAt: number
  lastUsedAt: number
  messages: number
  pendingTimers: number
  inFlight: number
}

/**
 * Every service its own emulator, for test workers that share one server. `startServer()`,
 * `createApp()` and `openStateFile()` take it where they take an `Emulator`.
 */
export interface IsolatedEmulator {
  readonly isolation: 'service'
  /** The parsed config every tenant is created from. */
  readonly config: EmulatorConfig
  /**
   * Answers what belongs to no tenant — refused credentials, unknown routes, health, the OpenAPI
   * document — and never takes a send: its events are the refusals (`tenant` undefined).
   */
  readonly front: Emulator
  /**
   * The tenant's emulator, created on first use (the least recently used one is closed past
   * `limits.maxTenants`). With services or serviceKeys configured, a tenant is one of them: a
   * service's id, or a key of `serviceKeys`; other names are refused (`not_found`).
   */
  tenant(name: string): Emulator
  /**
   * Runs `use` with the tenant's emulator (as `tenant(name)` gives it) and keeps that tenant from
   * eviction until what `use` returns has settled: a request being served is not cut off by
   * another tenant starting. While every living tenant is busy, a new one starts past
   * `limits.maxTenants`; as requests end, the least recently used idle tenants go until it is back.
   */
  serve<T>(name: string, use: (emulator: Emulator) => T | Promise<T>): Promise<T>
  /** The tenant's emulator if it lives, without creating it or counting a use. */
  find(name: string): Emulator | undefined
  /** Living tenants, least recently used first. */
  tenants(): TenantSummary[]
  /** Tenants closed because `limits.maxTenants` were alive, since start. */
  readonly evicted: number
  /** The front and every living tenant: what a server drains and a shutdown counts. */
  engines(): Emulator[]
  /**
   * Starts no new webhook attempt in any tenant, and no new tenant (a request naming one is
   * refused, 409): the first step of a shutdown, before `close()`.
   */
  drain(): void
  /** Closes a tenant and forgets it (its in-flight webhook attempts are cut short). */
  removeTenant(name: string): boolean
  /** Every tenant's events as they happen, tagged with the tenant, and tenants coming and going (a listener's throw is handled as in `Emulator.subscribe`). */
  subscribe(listener: IsolatedListener): () => void
  /** A tenant's clock (each tenant has its own); the front's when `tenant` is undefined or gone. */
  clockState(tenant?: string): ClockState
  /** Every living tenant's snapshot, least recently used first. */
  exportState(options?: { maxMessages?: number }): TenantsSnapshot
  /**
   * Restores tenants from `exportState()`'s output; a single emulator's snapshot is refused.
   * `beforeImport` sees each tenant, created, before its state goes in (the state file resumes
   * each tenant's clock there).
   */
  importState(snapshot: unknown, beforeImport?: (tenant: Emulator, state: unknown) => void): void
  /** Closes every tenant (see `Emulator.close`). */
  close(graceMs?: number): Promise<void>
}

/** Options of `createIsolatedEmulator()`: those of `createEmulator()`, for every tenant. */
export type IsolatedEmulatorOptions = EmulatorOptions

const isolatedEmulators = new WeakSet<object>()

/** Whether `value` came from `createIsolatedEmulator()`. */
export function isIsolatedEmulator(value: unknown): value is IsolatedEmulator {
  return typeof value === 'object' && value !== null && isolatedEmulators.has(value)
}

/** Retired names whose lives are remembered (see `lives`). */
const maxRememberedLives = 10_000

/** FNV-1a of the name, mixed with the seed: tenants of one seeded run get distinct, reproducible ids. */
function tenantSeed(seed: number, name: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < name.length; i++) hash = Math.imul(hash ^ name.charCodeAt(i), 0x01000193)
  return ((hash ^ seed) >>> 0) & 0x7fffffff
}

/** With services or serviceKeys configured, only they can be tenants; otherwise any key is one. */
function checkName(config: EmulatorConfig, name: string): void {
  if (name.trim() === '')
    throw new EmulatorError('invalid_request', 'A tenant name cannot be empty: it is a service id or a key', 'tenant')
  // A line break or an escape in a name would print as lines and colours of their own in the log.
  if (/\p{Cc}/u.test(name))
    throw new EmulatorError(
      'invalid_request',
      `A tenant name cannot hold control characters (line breaks, escapes): ${JSON.stringify(name)}`,
      'tenant',
    )
  if (config.services.length === 0 && config.serviceKeys.length === 0) return
  if (config.services.some((s) => s.id === name) || config.serviceKeys.includes(name)) return
  const ids = config.services.map((s) => `"${s.id}"`)
  const keys = config.serviceKeys.length ? [`one of the ${config.serviceKeys.length} serviceKeys`] : []
  throw new EmulatorError(
    'not_found',
    `No tenant "${name}": with services configured, a tenant is a service's id (${[...ids, ...keys].join(', ')}), the one its key and its JWTs send to`,
    'tenant',
  )
}

interface Living {
  emulator: Emulator
  createdAt: number
  lastUsedAt: number
  unsubscribe: () => void
  /** Requests being served (`serve()`): a busy tenant is not evicted. */
  busy: number
}

/**
 * Creates an emulator that keeps each service apart (`isolation: "service"` in its config is
 * implied): serve it with `startServer()`; each test worker sends with its own key and names the
 * same key in `x-emulator-tenant` on the control API.
 * @example
 * import { createIsolatedEmulator, startServer } from 'webex-connect-emulator'
 *
 * const server = await startServer(createIsolatedEmulator(), { port: 0 })
 * // worker 1 sends with `key: worker-1` and reads GET /_emulator/messages with `x-emulator-tenant: worker-1`
 * await server.close()
 */
export function createIsolatedEmulator(options: IsolatedEmulatorOptions = {}): IsolatedEmulator {
  const parsed = parseConfig(options.config)
  const config: EmulatorConfig = parsed.isolation === 'service' ? parsed : { ...parsed, isolation: 'service' }
  const ownTransport = options.transport ? undefined : createUndiciTransport()
  const transport = options.transport ?? ownTransport!
  const make = (seed: number | undefined) => createTenantEmulator(config, { ...options, config, transport, seed })

  const listeners = new Set<IsolatedListener>()
  const report = options.onListenerError ?? reraiseListenerError
  const emit = (event: IsolatedEvent, tenant: string | undefined) => {
    for (const listener of listeners) {
      try {
        listener(event, tenant)
      } catch (error) {
        report(error)
      }
    }
  }
  /** Least recently used first: a use moves a tenant to the end. */
  const living = new Map<string, Living>()
  /** Tenants being closed (evicted or removed): `close()` waits for them too. */
  const closing = new Set<Promise<void>>()
  let evicted = 0
  let closed = false
  /**
   * How many lives each retired name has had, so that under a seed a tenant started again mints new
   * ids rather than its first life's again (a receiver keyed by message id saw them twice). The
   * first life's seed is the name's alone, as it always was. Bounded: past it the longest-retired
   * name is forgotten.
   */
  const lives = new Map<string, number>()

  const front = make(config.seed)
  front.subscribe((event) => emit(event, undefined))

  function retire(name: string, action: 'evicted' | 'removed'): void {
    const entry = living.get(name)
    if (!entry) return
    living.delete(name)
    // Silent from here: an evicted tenant's interrupted deliveries belong to nobody's log or file.
    entry.unsubscribe()
    const done = entry.emulator.close(0).finally(() => closing.delete(done))
    closing.add(done)
    const lived = (lives.get(name) ?? 0) + 1
    lives.delete(name)
    lives.set(name, lived)
    if (lives.size > maxRememberedLives) lives.delete(lives.keys().next().value!)
    emit({ type: 'tenant', action, tenant: name }, name)
  }

  /**
   * Evicts the least recently used idle tenants while more than `keep` live. A busy one stays (its
   * request would land in a closed emulator, answered 201 and lost: helper-41), so with every tenant
   * busy the count goes over, by at most the requests in flight, until they end.
   */
  function evictDownTo(keep: number): void {
    for (const [name, entry] of living) {
      if (living.size <= keep) return
      if (entry.busy > 0) continue
      retire(name, 'evicted')
      evicted++
    }
  }

  function enter(name: string): Living {
    const found = living.get(name)
    if (found) {
      living.delete(name)
      living.set(name, found)
      found.lastUsedAt = Date.now()
      return found
    }
    if (closed) throw new EmulatorError('conflict', 'The emulator is shutting down: no new tenant starts')
    checkName(config, name)
    evictDownTo(config.limits.maxTenants - 1)
    const life = lives.get(name) ?? 0
    const emulator = make(
      config.seed === undefined
        ? randomInt(2 ** 31)
        : tenantSeed(config.seed, life === 0 ? name : `${name}\u0000${life}`),
    )
    const now = Date.now()
    const unsubscribe = emulator.subscribe((event) => emit(event, name))
    const entry: Living = { emulator, createdAt: now, lastUsedAt: now, unsubscribe, busy: 0 }
    living.set(name, entry)
    emit({ type: 'tenant', action: 'created', tenant: name }, name)
    return entry
  }

  const isolated: IsolatedEmulator = {
    isolation: 'service',
    config,
    front,
    tenant: (name) => enter(name).emulator,
    async serve(name, use) {
      const entry = enter(name)
      entry.busy++
      try {
        return await use(entry.emulator)
      } finally {
        // Back at the limit once no request holds the extra tenants: left over it, a state file
        // saved then held more tenants than the next start would take.
        if (--entry.busy === 0 && living.size > config.limits.maxTenants) evictDownTo(config.limits.maxTenants)
      }
    },
    find: (name) => living.get(name)?.emulator,
    tenants: () =>
      [...living].map(([name, { emulator, createdAt, lastUsedAt }]) => {
        const stats = emulator.stats()
        return {
          name,
          createdAt,
          lastUsedAt,
          messages: stats.messages,
          pendingTimers: stats.pendingTimers,
          inFlight: stats.inFlight,
        }
      }),
    get evicted() {
      return evicted
    },
    engines: () => [front, ...[...living.values()].map((entry) => entry.emulator)],
    drain() {
      closed = true
      for (const engine of isolated.engines()) hostOf(engine).drain()
    },
    removeTenant(name) {
      if (!living.has(name)) return false
      retire(name, 'removed')
      return true
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    clockState: (name) => ((name === undefined ? undefined : living.get(name)?.emulator) ?? front).clockState(),
    exportState: (exportOptions = {}) => ({
      format: 'webex-connect-emulator-tenants',
      version: 1,
      tenants: [...living].map(([name, { emulator }]) => ({ name, state: emulator.exportState(exportOptions) })),
    }),
    importState(snapshot, beforeImport) {
      const format = (snapshot as { format?: unknown } | null)?.format
      if (format === 'webex-connect-emulator-state')
        throw new EmulatorError(
          'invalid_config',
          'this state was saved without isolation (one state for every caller), and with isolation "service" each service has its own: start without isolation to keep it, or begin empty',
        )
      const result = tenantsSnapshotSchema.safeParse(snapshot)
      if (!result.success)
        throw new EmulatorError(
          'invalid_config',
          'not an isolated emulator\'s state: expected {"format":"webex-connect-emulator-tenants","version":1,"tenants":[{"name","state"}]}',
        )
      // More than may live at once now (the limit lowered since the save): restoring them would
      // close the first ones again as the last come in, and the next save would drop them for good.
      const saved = result.data.tenants.length
      if (saved > config.limits.maxTenants)
        throw new EmulatorError(
          'invalid_config',
          `the state holds ${saved} tenants and limits.maxTenants is ${config.limits.maxTenants}: raise it to at least ${saved} to keep them all, or begin empty`,
          'limits.maxTenants',
        )
      for (const { name, state } of result.data.tenants) {
        try {
          const engine = enter(name).emulator
          beforeImport?.(engine, state)
          engine.importState(state)
        } catch (error) {
          throw new EmulatorError('invalid_config', `tenant "${name}": ${(error as Error).message}`)
        }
      }
    },
    async close(graceMs = 2_000) {
      closed = true
      const all = [...living.values()].map((entry) => entry.emulator.close(graceMs))
      await Promise.all([...all, front.close(graceMs), ...closing])
      ownTransport?.close()
    },
  }
  isolatedEmulators.add(isolated)
  return isolated
}
