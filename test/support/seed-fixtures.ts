/**
 * @module The JSON examples from the vendor's documents (../shared/seeds), kept as fixtures so the
 * repository tests stand alone. Each is a shape the emulator must produce exactly.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

const load = (name: string): any[] => JSON.parse(readFileSync(join(import.meta.dirname, '../fixtures', name), 'utf8'))

export const webhookSeedExamples = load('seed-000-webhook.json')
export const dataStreamSeedExamples = load('seed-001-datastream.json')

/** The value's structure: same keys all the way down, leaves replaced by their type. */
export function shapeOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shapeOf)
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, shapeOf(v)]),
    )
  return typeof value
}
