/**
 * @module A scenario file on disk for a test: its lines written to a new temp directory, the way a
 * user's file is read (YAML by its name), so errors carry the file's lines.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/**
 * Writes `lines` (a trailing newline added) as `name` in a new temp directory; returns its path.
 * @example
 * const file = writeScenario(['name: tick', 'steps:', '  - advance: 1s'])
 */
export function writeScenario(lines: readonly string[], name = 'scenario.yaml'): string {
  const file = join(mkdtempSync(join(tmpdir(), 'wce-scenario-')), name)
  writeFileSync(file, [...lines, ''].join('\n'))
  return file
}
