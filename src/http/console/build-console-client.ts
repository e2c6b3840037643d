/**
 * @module Bundles the console's browser code (client/main.ts and what it imports) into one script
 * with esbuild. One set of options for both uses: the server builds it in memory on the first
 * request when it runs from source (tsx, vitest), and `npm run build` writes it into dist/.
 * Only a source checkout imports this module, so esbuild (a dev dependency) is never needed at run
 * time by an installed package.
 */
import { fileURLToPath } from 'node:url'
import { build, type Metafile } from 'esbuild'

/** The entry point of the console's browser code. */
const consoleClientEntry = fileURLToPath(new URL('./client/main.ts', import.meta.url))

export interface ConsoleClientBundle {
  /** The script, ready to sit inside a `<script>` element. */
  code: string
  /** What went into it (tests check that no server code did). */
  metafile: Metafile
}

/**
 * Builds the console's script in memory.
 * @example const { code } = await buildConsoleClient() // '(() => { … })();'
 */
export async function buildConsoleClient(): Promise<ConsoleClientBundle> {
  const result = await build({
    entryPoints: [consoleClientEntry],
    bundle: true,
    write: false,
    metafile: true,
    format: 'iife',
    platform: 'browser',
    // The console is for a developer's current browser; nothing older needs to be down-levelled.
    target: 'es2022',
    charset: 'utf8',
    legalComments: 'none',
    logLevel: 'silent',
  })
  return { code: result.outputFiles[0]!.text, metafile: result.metafile }
}
