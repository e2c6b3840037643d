/**
 * @module Expands the `run` command's arguments — files, directories (recursively) and globs
 * (`*`, `**`, `?`) — into scenario files, sorted, each once, following symlinks. Node 20 has no
 * fs.glob, hence the walk.
 */
import { readdir, realpath, stat } from 'node:fs/promises'
import { join, relative, sep } from 'node:path'

const scenarioFile = /\.(ya?ml|json)$/i
const isSchema = /\.schema\.json$/i

/**
 * Scenario files under `dir`, following symlinked directories and files (Dirent.isDirectory() is
 * false for a symlink, so they were skipped); each real directory is walked once, which also ends
 * a symlink cycle (a link to a parent).
 */
async function walk(dir: string, walked = new Set<string>()): Promise<string[]> {
  const real = await realpath(dir)
  if (walked.has(real)) return []
  walked.add(real)
  const entries = await readdir(dir, { withFileTypes: true })
  const found: string[] = []
  // One at a time, by name: a directory reached by two paths is then always listed under the same one.
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = join(dir, entry.name)
    // A dangling link has no kind: a scenario-named one is listed, so loading it says it is missing.
    const kind = entry.isSymbolicLink() ? await stat(path).catch(() => undefined) : entry
    if (kind?.isDirectory()) {
      if (entry.name !== 'node_modules' && !entry.name.startsWith('.')) found.push(...(await walk(path, walked)))
    } else if ((!kind || kind.isFile()) && scenarioFile.test(entry.name) && !isSchema.test(entry.name)) found.push(path)
  }
  return found
}

function globToRegExp(pattern: string): RegExp {
  let source = ''
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!
    if (c === '*' && pattern[i + 1] === '*') {
      source += pattern[i + 2] === '/' ? '(?:.*/)?' : '.*'
      i += pattern[i + 2] === '/' ? 2 : 1
    } else if (c === '*') source += '[^/]*'
    else if (c === '?') source += '[^/]'
    else source += c.replace(/[.+^${}()|[\]\\]/g, '\\$&')
  }
  return new RegExp(`^${source}$`)
}

async function expandGlob(pattern: string): Promise<string[]> {
  const normalised = pattern.split(sep).join('/')
  const segments = normalised.split('/')
  const firstGlob = segments.findIndex((s) => /[*?]/.test(s))
  const root = segments.slice(0, firstGlob).join('/') || '.'
  const regexp = globToRegExp(segments.slice(firstGlob).join('/'))
  const files = await walk(root).catch(() => [])
  return files.filter((file) => regexp.test(relative(root, file).split(sep).join('/')))
}

/**
 * Expands files, directories and globs (`*`, `?`) into scenario files (.yaml, .yml, .json), sorted
 * and without duplicates — what `run` does with its arguments.
 * @throws Error naming any argument that matched nothing.
 * @example
 * import { findScenarioFiles, runScenario } from 'webex-connect-emulator/scenarios'
 *
 * for (const file of await findScenarioFiles(['scenarios/', 'more/bounce-*.yaml'])) await runScenario(file)
 */
export async function findScenarioFiles(args: readonly string[]): Promise<string[]> {
  const found = new Set<string>()
  for (const arg of args) {
    let files: string[]
    if (/[*?]/.test(arg)) files = await expandGlob(arg)
    else {
      const info = await stat(arg).catch(() => undefined)
      if (!info) throw new Error(`No such file or directory: ${arg}`)
      files = info.isDirectory() ? await walk(arg) : [arg]
    }
    if (files.length === 0) throw new Error(`No scenario files (.yaml, .yml, .json) in ${arg}`)
    for (const file of files.sort()) found.add(file)
  }
  return [...found]
}
