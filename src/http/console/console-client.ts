/**
 * @module The console's browser script. From source, it is bundled in memory with esbuild the
 * first time the page is asked for (about 0.1 s, loading esbuild included: a cost every start-up
 * would pay, console or not, if it were done there). `npm run build` replaces this module in dist/
 * with one that holds the bundled script as a string (scripts/build-console.ts), so an installed
 * package neither needs esbuild nor reads a file at run time, and whatever bundles dist/ carries
 * the script along.
 */

/** Resolves to the console's script, bundled. */
export async function consoleClientScript(): Promise<string> {
  const { buildConsoleClient } = await import('./build-console-client.js')
  return (await buildConsoleClient()).code
}
