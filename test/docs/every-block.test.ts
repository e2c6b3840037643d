// Every fenced block of the README and docs/ is either run by a documentation test (selected by the
// same rules those tests use, from test/support/doc-blocks.ts) or marked `<!-- not-run: <reason> -->`
// as something that is not an example: output shown to the reader, the shape of a payload, a file tree.
// A block a user would paste — a command, a program — cannot be excused that way.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  annotatedScenarioStart,
  apiCheckPattern,
  blockContaining,
  blockFrom,
  blocksOfLanguage,
  ciExamplePattern,
  configExamplePattern,
  type DocBlock,
  docPages,
  fencedBlocks,
  listLimitsExamplePattern,
  readmeSmsSection,
  readPage,
  root,
  shellExamplePattern,
  testedByPattern,
  v1ExamplePattern,
} from '../support/doc-blocks.js'

/**
 * Why a block is not run: what a command printed, the shape of a payload, a file tree, an excerpt of
 * a file run elsewhere, or commands that fetch from the internet (tests never do; the installs they
 * stand for are run from local sources by test/package/git-install and packed-package).
 */
const notRunReasons = ['output', 'shape', 'tree', 'excerpt', 'network'] as const
/** A "network" block holds nothing but installs and clones from the internet (and comments). */
const onlyFetches = ({ code }: DocBlock) =>
  code
    .split('\n')
    .map((line) => line.replace(/#.*$/, '').trim())
    .filter(Boolean)
    // The clone's own `cd`, `npm start`/`npm test`, and the opt-in run that needs the clone above.
    .every((line) =>
      /^(git clone (https?:\/\/|<)|npm (install|i) |cd |npm (start|test)\b|CONNECT_SDK_NODE_DIR=)/.test(line),
    )
const notRunMarker = /^<!-- not-run: ([\w-]+) -->$/

/** What runs each page's blocks: the test that selects them, keyed by the block. */
function testedBlocks(page: string, text: string, blocks: readonly DocBlock[]): Map<DocBlock, string> {
  const tested = new Map<DocBlock, string>()
  const mark = (block: DocBlock | undefined, by: string) => block && !tested.has(block) && tested.set(block, by)
  const from = (pattern: RegExp, by: string) => {
    for (const match of text.matchAll(
      new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`),
    ))
      mark(blockFrom(blocks, match.index), by)
  }
  from(testedByPattern, 'tested-by')
  from(shellExamplePattern, 'test/docs/shell-examples.test.ts')
  if (page === 'docs/configuration.md') {
    from(configExamplePattern, 'test/docs/config-example.test.ts')
    from(listLimitsExamplePattern, 'test/docs/config-example.test.ts')
  }
  if (page === 'docs/v1-messaging.md') from(v1ExamplePattern, 'test/docs/v1-messaging-doc.test.ts')
  if (page === 'docs/api.md') from(apiCheckPattern, 'test/docs/api-doc.test.ts')
  if (page === 'docs/ci.md') from(ciExamplePattern, 'test/package/packed-package.test.ts')
  if (page === 'docs/scenarios.md')
    mark(blockContaining(blocks, text.indexOf(annotatedScenarioStart)), 'test/scenarios/runner.test.ts')
  const sms = page === 'README.md' ? readmeSmsSection(text) : page === 'docs/sms.md' ? { start: 0, text } : undefined
  if (sms) {
    const checked = blocksOfLanguage(sms.text, 'ts').filter((b) => b.code.startsWith('// check\n'))
    for (const { index } of [...blocksOfLanguage(sms.text, 'bash'), ...checked])
      mark(blockFrom(blocks, sms.start + index), 'test/docs/sms-doc.test.ts')
  }
  if (page === 'docs/mms-rcs.md')
    for (const { index } of blocksOfLanguage(text, 'bash'))
      mark(blockFrom(blocks, index), 'test/docs/mms-rcs-doc.test.ts')
  return tested
}

/** A block a user would paste and run: a command, or a program that imports something. */
const looksRunnable = ({ lang, code }: DocBlock) => {
  const first = code.split('\n').find((line) => line.trim() !== '' && !line.trim().startsWith('#')) ?? ''
  if (['bash', 'sh', 'shell', 'console'].includes(lang)) return /^\s*(\$\s*)?(curl|npx|npm|node|E=)\b/.test(first)
  if (['ts', 'js', 'typescript', 'javascript', 'mjs'].includes(lang)) return /^\s*import\s/m.test(code)
  return false
}

/** Blocks still to be made tested or marked, by page:first line — this list only shrinks. */
const stillToDo: string[] = []

const pages = docPages().map((page) => {
  const text = readPage(page)
  const blocks = fencedBlocks(page, text)
  return { page, blocks, tested: testedBlocks(page, text, blocks) }
})
const where = (block: DocBlock) => `${block.page}:${block.line} ${block.code.split('\n')[0]!.slice(0, 60)}`
const todoKey = (block: DocBlock) => `${block.page}: ${block.code.split('\n')[0]!.trim()}`

describe('every fenced block in the README and docs/', () => {
  it('finds the pages and their blocks', () => {
    expect(pages.map((p) => p.page)).toEqual(expect.arrayContaining(['README.md', 'docs/api.md', 'docs/sms.md']))
    expect(pages.flatMap((p) => p.blocks).length).toBeGreaterThan(60)
    // Fences that never close would hide the rest of a page.
    for (const { page, blocks } of pages)
      expect(
        readPage(page)
          .split('\n')
          .filter((l) => /^\s*(```|~~~)/.test(l)).length,
        page,
      ).toBe(blocks.length * 2)
  })

  it('is run by a documentation test, or marked <!-- not-run: <reason> -->', () => {
    const neither = pages.flatMap(({ blocks, tested }) =>
      blocks.filter(
        (block) => !tested.has(block) && !notRunMarker.test(block.before) && !stillToDo.includes(todoKey(block)),
      ),
    )
    expect(neither.map(where)).toEqual([])
  })

  it('gives a not-run reason from the fixed list, on blocks nobody would paste and run', () => {
    const wrong = pages.flatMap(({ blocks, tested }) =>
      blocks.flatMap((block) => {
        const reason = notRunMarker.exec(block.before)?.[1]
        if (reason === undefined) return []
        if (tested.has(block)) return [`${where(block)}: marked not-run but run by ${tested.get(block)}`]
        if (!(notRunReasons as readonly string[]).includes(reason))
          return [`${where(block)}: "${reason}" is not one of ${notRunReasons.join(', ')}`]
        if (reason === 'network') {
          if (!/\b(git clone|npm install)\b/.test(block.code) || !onlyFetches(block))
            return [`${where(block)}: "network" is for installs and clones from the internet only`]
          return []
        }
        if (looksRunnable(block)) return [`${where(block)}: a command or program must be tested, not excused`]
        return []
      }),
    )
    expect(wrong).toEqual([])
  })

  it('names test files that exist, for every tested-by marker', () => {
    const missing = pages.flatMap(({ page }) =>
      [...readPage(page).matchAll(testedByPattern)]
        .map((m) => m[1]!)
        .filter((file) => !existsSync(join(root, file)))
        .map((file) => `${page}: ${file}`),
    )
    expect(missing).toEqual([])
  })

  it('keeps the to-do list to blocks that are still neither run nor marked', () => {
    const open = pages.flatMap(({ blocks, tested }) =>
      blocks.filter((block) => !tested.has(block) && !notRunMarker.test(block.before)).map(todoKey),
    )
    expect(stillToDo.filter((entry) => !open.includes(entry))).toEqual([])
  })
})

describe('the runnable-block heuristic', () => {
  const block = (lang: string, code: string) => ({ page: 'x.md', line: 1, offset: 0, lang, code, before: '' })
  it('calls commands and importing programs runnable, output and shapes not', () => {
    expect(looksRunnable(block('bash', 'curl -s $E/v2/messages'))).toBe(true)
    expect(looksRunnable(block('bash', '# comment\nnpx webex-connect-emulator start'))).toBe(true)
    expect(looksRunnable(block('ts', "import { x } from 'y'"))).toBe(true)
    expect(looksRunnable(block('json', '{ "a": 1 }'))).toBe(false)
    expect(looksRunnable(block('', '✓ passed'))).toBe(false)
    expect(looksRunnable(block('ts', 'interface Shape { a: string }'))).toBe(false)
  })
})
