/**
 * @module Which code the bench measures: the build in dist/, as the published package and the CLI
 * run it, when there is one at least as new as every source file; otherwise the TypeScript sources
 * through tsx. The sources read slower than what users run: tsx compiles with esbuild's `keepNames`,
 * which passes every function it makes — each closure, each time — through a naming call (1,000
 * in-process sends: about 29 ms from src/ through tsx against 24 ms from dist/, bench/PROFILE.md).
 * `npm run bench` builds first; `npx tsx bench/run.ts` after an edit measures the sources and says so.
 */
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const repo = fileURLToPath(new URL('../../', import.meta.url))

function newestIn(dir: string): number {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestIn(path) : statSync(path).mtimeMs)
  }
  return newest
}

/** The build's marker: made last by `tsc -p tsconfig.build.json` among the files the bench loads. */
function builtAt(): number | undefined {
  try {
    return statSync(join(repo, 'dist/runtime/create-emulator.js')).mtimeMs
  } catch {
    return undefined
  }
}

const built = builtAt()
/** Whether the rows measure dist/ (true) or the sources through tsx (false). */
export const measuresBuild = built !== undefined && built >= newestIn(join(repo, 'src'))
/** What the bench says it measured. */
export const measuredCode = measuresBuild
  ? 'dist/ (the build, as the package runs)'
  : built === undefined
    ? 'src/ through tsx (no build: npm run build)'
    : 'src/ through tsx (dist/ is older than src/: npm run build)'

/**
 * Imports a module of the emulator (`'msw/index.js'`) from the code the bench measures.
 * @example const { createEmulator } = (await importMeasured('runtime/create-emulator.js')) as typeof import('../../src/runtime/create-emulator.js')
 */
export function importMeasured(path: string): Promise<unknown> {
  return import(join(repo, measuresBuild ? 'dist' : 'src', path))
}
