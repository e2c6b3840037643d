// A StrykerJS ignore-plugin for `scripts/mutation-sample.ts`: with the sample's `--mutate` ranges, it
// leaves only the picked mutants to be tested. A range makes StrykerJS mutate every node inside it,
// so a picked block or function body would bring all its inner mutants along (about three times the
// sample, measured on seed 1); this ignores every node inside a picked range whose subtree holds no
// picked mutant. Ignored mutants are reported as such and cost no test run.
// Loaded by stryker.sample.config.mjs; StrykerJS runs from the project's root.
import { existsSync, readFileSync } from 'node:fs'
import { relative } from 'node:path'
import { declareValuePlugin, PluginKind } from '@stryker-mutator/api/plugin'

const samplePath = 'reports/mutation-sample/sample.json'
if (!existsSync(samplePath)) {
  throw new Error(
    `${samplePath} is missing: \`npx tsx scripts/mutation-sample.ts pick\` writes it (npm run mutate:sample picks first)`,
  )
}
const { picked } = JSON.parse(readFileSync(samplePath, 'utf8'))
const byFile = new Map()
for (const p of picked) byFile.set(p.file, [...(byFile.get(p.file) ?? []), p])

const before = (a, b) => a.line < b.line || (a.line === b.line && a.column <= b.column)
const within = (inner, outer) => before(outer.start, inner.start) && before(inner.end, outer.end)

export const strykerPlugins = [
  declareValuePlugin(PluginKind.Ignore, 'sample-only', {
    shouldIgnore(path) {
      const loc = path.node.loc
      const file = path.hub?.file?.opts?.filename
      if (!loc || !file) return undefined
      const ours = byFile.get(relative(process.cwd(), file).replaceAll('\\', '/'))
      if (!ours) return undefined
      const node = { start: loc.start, end: loc.end }
      // Outside every picked range: StrykerJS does not mutate it anyway. Holding a picked mutant: keep.
      if (!ours.some((p) => within(node, p))) return undefined
      if (ours.some((p) => within(p, node))) return undefined
      return 'not in the sample'
    },
  }),
]
