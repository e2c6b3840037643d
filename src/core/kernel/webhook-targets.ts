/**
 * @module Service-level webhook targets, changeable at run time. Each has an id ("t1", "t2", …) so
 * the control API can change or remove one.
 */
import type { ReceiptSpec } from '../channels/channel.js'
import type { WebhookTargetConfig } from '../schemas/config.js'

export interface WebhookTarget extends WebhookTargetConfig {
  id: string
}

/** A run-time change to a target; `null` clears an optional key. */
export type TargetPatch = { [K in keyof WebhookTargetConfig]?: WebhookTargetConfig[K] | null }

/** Receipts: everything when no filter is set; else those whose names the filter lists. */
export function wantsReceipt(events: readonly string[] | undefined, spec: ReceiptSpec): boolean {
  return events === undefined || spec.requestedAs.some((name) => events.includes(name))
}

/** Inbound events are opt-in: a receipts consumer should never be handed an incoming message. */
export function wantsInbound(events: readonly string[] | undefined, event: string): boolean {
  return events !== undefined && (events.includes('inbound') || events.includes(event))
}

/** A target's `channels` filter: every channel when it has none. */
export function wantsChannel(channels: readonly string[] | undefined, channel: string): boolean {
  return channels === undefined || channels.includes(channel)
}

export class WebhookTargets {
  #targets: WebhookTarget[] = []
  #nextId = 1

  add(config: WebhookTargetConfig): WebhookTarget {
    const target = { ...config, id: `t${this.#nextId++}` }
    this.#targets.push(target)
    return target
  }

  /** Changes only the keys given; `null` removes an optional key (`events`, `hubSecret`). */
  update(id: string, patch: TargetPatch): WebhookTarget | undefined {
    const target = this.#targets.find((t) => t.id === id)
    if (!target) return undefined
    for (const [key, value] of Object.entries(patch)) {
      if (value === null) delete (target as unknown as Record<string, unknown>)[key]
      else if (value !== undefined) Object.assign(target, { [key]: value })
    }
    return target
  }

  remove(id: string): boolean {
    const before = this.#targets.length
    this.#targets = this.#targets.filter((t) => t.id !== id)
    return this.#targets.length !== before
  }

  get(id: string): WebhookTarget | undefined {
    // A loop, not find(): asked for each webhook attempt (its faults), and a callback is a closure each time.
    for (const target of this.#targets) if (target.id === id) return target
    return undefined
  }

  /** The targets as they are now, not a copy: for reading at once, never for keeping or changing. */
  current(): readonly WebhookTarget[] {
    return this.#targets
  }

  list(): WebhookTarget[] {
    return [...this.#targets]
  }

  clear(): void {
    this.#targets = []
    this.#nextId = 1
  }
}
