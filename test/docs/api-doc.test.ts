// docs/api.md is the API reference: every export of the four public entry points must be listed in
// its section, and the examples marked `// check` must type-check and run against the source.

import { readFileSync } from 'node:fs'
import { mkdir, rm, writeFile } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { pathToFileURL } from 'node:url'
import ts from 'typescript'
import { afterAll, describe, expect, it } from 'vitest'

const root = join(import.meta.dirname, '../..')
const apiDoc = readFileSync(join(root, 'docs/api.md'), 'utf8')

const entryPoints = [
  { specifier: 'webex-connect-emulator', source: 'src/index.ts' },
  { specifier: 'webex-connect-emulator/msw', source: 'src/msw/index.ts' },
  { specifier: 'webex-connect-emulator/payloads', source: 'src/core/channels/payloads.ts' },
  { specifier: 'webex-connect-emulator/scenarios', source: 'src/scenarios/index.ts' },
] as const

/** Every name a barrel exports, read from its source: `export { a, b as c } from`, `export type { … }`, `export function/const/…`. */
function exportedNames(source: string): string[] {
  const text = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '')
  const names: string[] = []
  for (const [, list] of text.matchAll(/export\s+(?:type\s+)?\{([^}]*)\}/g)) {
    for (const item of list!.split(',')) {
      const words = item
        .trim()
        .replace(/^type\s+/, '')
        .split(/\s+as\s+/)
      if (words.at(-1)) names.push(words.at(-1)!.trim())
    }
  }
  for (const [, name] of text.matchAll(
    /export\s+(?:declare\s+)?(?:async\s+)?(?:function\*?|const|let|class|interface|type|enum)\s+([A-Za-z_$][\w$]*)/g,
  ))
    names.push(name!)
  return names
}

/** The part of docs/api.md under `## \`<specifier>\``, up to the next `## ` heading. */
function section(specifier: string): string {
  const start = apiDoc.indexOf(`\n## \`${specifier}\`\n`)
  if (start === -1) return ''
  const end = apiDoc.indexOf('\n## ', start + 1)
  return apiDoc.slice(start, end === -1 ? undefined : end)
}

const undocumented = (names: readonly string[], text: string) => names.filter((name) => !text.includes(`\`${name}\``))

describe('docs/api.md', () => {
  for (const { specifier, source } of entryPoints) {
    describe(specifier, () => {
      const names = exportedNames(readFileSync(join(root, source), 'utf8'))

      it('has a section that links to the guide page for it', () => {
        expect(section(specifier)).toMatch(/\]\([\w-]+\.md(#[\w-]+)?\)/)
      })

      it('lists every name the barrel exports, in backticks', () => {
        // `export *` would hide names from this check (and from readers of the barrel).
        expect(readFileSync(join(root, source), 'utf8')).not.toMatch(/^export\s+(type\s+)?\*/m)
        expect(names.length).toBeGreaterThan(0)
        expect(undocumented(names, section(specifier))).toEqual([])
      })

      it('lists every runtime export of the built barrel', async () => {
        const runtime = Object.keys(await import(pathToFileURL(join(root, source)).href))
        // The source parse must see them too, or it is missing a form of export.
        expect(runtime.filter((name) => !names.includes(name))).toEqual([])
        expect(undocumented(runtime, section(specifier))).toEqual([])
      })
    })
  }
})

describe('docs/api.md examples marked // check', () => {
  const dir = join(root, 'test/.artifacts/api-doc')
  // Written inside test/, which the repo's tsconfig includes: remove them so `npm run typecheck` never sees them.
  afterAll(() => rm(dir, { recursive: true, force: true }))

  const blocks = [...apiDoc.matchAll(/^```ts\n(\/\/ check\n[\s\S]*?)^```$/gm)].map((m) => ({
    code: m[1]!,
    line: apiDoc.slice(0, m.index).split('\n').length + 1, // the block's first line in docs/api.md
  }))
  const barrelFor = (specifier: string) => entryPoints.find((entry) => entry.specifier === specifier)?.source
  const files = blocks.map((block, index) => ({ ...block, file: join(dir, `example-${index + 1}.ts`) }))
  // Package imports become relative imports of the barrels' sources; `export {}` makes each a module.
  const rewrite = (code: string) =>
    `${code.replace(/from '(webex-connect-emulator(?:\/\w+)?)'/g, (text, specifier: string) => {
      const source = barrelFor(specifier)
      return source ? `from '${relative(dir, join(root, source)).replace(/\.ts$/, '.js')}'` : text
    })}\nexport {}\n`

  it('there are some', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(3)
  })

  it('type-check against the source with the repo tsconfig', { timeout: 180_000 }, async () => {
    await mkdir(dir, { recursive: true })
    await Promise.all(files.map(({ code, file }) => writeFile(file, rewrite(code))))
    const config = ts.getParsedCommandLineOfConfigFile(
      join(root, 'tsconfig.json'),
      {},
      { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} },
    )!
    const program = ts.createProgram(
      files.map((f) => f.file),
      { ...config.options, noEmit: true },
    )
    // Only the examples' own diagnostics: the source is checked by `npm run typecheck`.
    const problems = files.flatMap(({ file, line }) => {
      const sourceFile = program.getSourceFile(file)!
      return [...program.getSyntacticDiagnostics(sourceFile), ...program.getSemanticDiagnostics(sourceFile)].map(
        (d) => {
          const at = d.start === undefined ? 0 : sourceFile.getLineAndCharacterOfPosition(d.start).line
          return `docs/api.md:${line + at}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`
        },
      )
    })
    expect(problems).toEqual([])
  })

  it('run without throwing', { timeout: 90_000 }, async () => {
    await mkdir(dir, { recursive: true })
    for (const { code, file, line } of files) {
      await writeFile(file, rewrite(code))
      await expect(import(pathToFileURL(file).href), `the example at docs/api.md:${line}`).resolves.toBeDefined()
    }
  })
})
