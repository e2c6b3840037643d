/**
 * Part of `npm run build`, last: bundles the CLI (dist/cli/main.js) into dist/cli-bundle/, what the
 * package's bin runs. One file set to load instead of hundreds is most of what keeps start-up short
 * (bench/README.md, "start-up"); yaml and undici stay outside, loaded from node_modules when needed
 * (undici only on the first webhook attempt).
 *
 * zod's `z` and `z.core` namespaces re-export all of its error-message locales (about 360 KB of the
 * bundle's 1.4 MB); nothing here uses them — messages are zod's English, which zod imports on its
 * own — so the bundle gets a locales module holding English only. Parsing the rest cost about
 * 12 ms of every start (bench/PROFILE.md).
 */
import { dirname } from 'node:path'
import { build, type Plugin } from 'esbuild'

const englishOnlyLocales: Plugin = {
  name: 'zod-english-only',
  setup(esbuild) {
    esbuild.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, ({ importer }) =>
      /[\\/]zod[\\/]v4[\\/](classic|core)[\\/]/.test(importer)
        ? { path: 'zod-locales', namespace: 'zod-english-only', pluginData: importer }
        : undefined,
    )
    esbuild.onLoad({ filter: /.*/, namespace: 'zod-english-only' }, ({ pluginData }) => ({
      contents: `export { default as en } from '../locales/en.js'`,
      resolveDir: dirname(pluginData),
      loader: 'js',
    }))
  },
}

await build({
  entryPoints: ['dist/cli/main.js'],
  bundle: true,
  platform: 'node',
  format: 'esm',
  splitting: true,
  target: 'node20',
  mainFields: ['module', 'main'],
  external: ['yaml', 'undici'],
  outdir: 'dist/cli-bundle',
  logLevel: 'warning',
  plugins: [englishOnlyLocales],
})
