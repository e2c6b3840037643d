/**
 * @module What `start` says about the state file: it is restored over the config, so an edited
 * config's rules or sandbox mode can come back as they were before the edit. Saying what it
 * restored, what of the config it overrode, and how to start from the config instead (--fresh-state)
 * turns a silent surprise into one line.
 */
import type { Emulator } from '../runtime/create-emulator.js'
import { type IsolatedEmulator, isIsolatedEmulator } from '../runtime/create-isolated-emulator.js'
import type { StateFile } from '../state/state-file.js'

export interface StateFileNotice {
  message: string
  fields: Record<string, unknown>
}

const counted = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`

export function stateFileNotice(
  stateFile: StateFile,
  emulator: Emulator | IsolatedEmulator,
  fresh: boolean,
): StateFileNotice {
  const { path, restored, removedTempFiles } = stateFile
  // A run killed mid-write leaves its temp file; the next start removes it and says so.
  const swept = removedTempFiles ? ` (removed ${counted(removedTempFiles, 'temp file')} left by a killed run)` : ''
  if (!restored)
    return {
      message: fresh
        ? `state file ${path}: --fresh-state, starting from the config (${stateFile.backup ? `the old file is kept as ${stateFile.backup}` : 'nothing to back up'})`
        : `state file ${path}: none yet, starting from the config${swept}`,
      fields: { path, restored: null, fresh, removedTempFiles },
    }
  if (isIsolatedEmulator(emulator)) return isolatedNotice(stateFile, emulator, swept)
  const { config } = emulator
  const sandbox = emulator.sandbox().enabled
  // Rules and sandbox mode are replaced by the file's; the lists are added to the config's.
  const overrides = [
    ...(JSON.stringify(emulator.rules()) === JSON.stringify(config.rules) ? [] : ['rules']),
    ...(sandbox === config.email.sandbox.enabled ? [] : ['sandbox']),
  ]
  const parts = [
    `${counted(restored.rules, 'rule')}${overrides.includes('rules') ? ` (${config.rules.length === 0 ? 'the config has none' : `replacing the config's ${config.rules.length}`})` : ''}`,
    `sandbox ${sandbox ? 'on' : 'off'}${overrides.includes('sandbox') ? ` (the config says ${sandbox ? 'off' : 'on'})` : ''}`,
    counted(restored.verified, 'verified address', 'verified addresses'),
    counted(restored.suppressed, 'suppressed address', 'suppressed addresses'),
    counted(restored.unsubscribed, 'unsubscribe'),
    counted(restored.messages, 'message'),
  ]
  return {
    message: `state file ${path} restored ${parts.join(', ')} — they take precedence over the config; start with --fresh-state to begin from the config${swept}`,
    fields: { path, restored: { ...restored, sandbox }, overrides, fresh, removedTempFiles },
  }
}

/** An isolated emulator's file: the counts are summed over its tenants, each restored over the config. */
function isolatedNotice(stateFile: StateFile, isolated: IsolatedEmulator, swept: string): StateFileNotice {
  const { path, restored, removedTempFiles } = stateFile
  const { config } = isolated
  const tenants = isolated.tenants().map((t) => isolated.find(t.name)!)
  const differ = (what: (tenant: Emulator) => boolean) => tenants.filter(what).length
  const overrides = {
    rules: differ((t) => JSON.stringify(t.rules()) !== JSON.stringify(config.rules)),
    sandbox: differ((t) => t.sandbox().enabled !== config.email.sandbox.enabled),
  }
  const changed = Object.entries(overrides)
    .filter(([, n]) => n > 0)
    .map(([what, n]) => `${what} in ${counted(n, 'tenant')}`)
  const parts = [
    counted(restored!.rules, 'rule'),
    counted(restored!.verified, 'verified address', 'verified addresses'),
    counted(restored!.suppressed, 'suppressed address', 'suppressed addresses'),
    counted(restored!.unsubscribed, 'unsubscribe'),
    counted(restored!.messages, 'message'),
  ]
  return {
    message: `state file ${path} restored ${counted(tenants.length, 'tenant')} (${parts.join(', ')} in all)${changed.length ? `, differing from the config: ${changed.join(', ')}` : ''} — each tenant's take precedence over the config; start with --fresh-state to begin from the config${swept}`,
    fields: { path, restored, overrides, fresh: false, removedTempFiles },
  }
}
