/**
 * @module The documentation's fenced code blocks, and the rules by which the documentation tests pick
 * the ones they run. Each rule is here once: the test that runs a kind of block selects it with the
 * pattern below, and test/docs/every-block.test.ts uses the same pattern to tell that every block of
 * every page is run by one of them (or is marked as not an example).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'

export const root = join(import.meta.dirname, '../..')

function pagesUnder(dir: string): string[] {
  return readdirSync(join(root, dir))
    .sort()
    .flatMap((name) => {
      const path = `${dir}/${name}`
      if (statSync(join(root, path)).isDirectory()) return pagesUnder(path)
      return name.endsWith('.md') ? [path] : []
    })
}

/**
 * The user-facing pages: the README, every page under docs/, and bench/README.md (its results).
 * CONTRIBUTING.md is left out: its blocks are the project's own npm scripts for working on it.
 */
export const docPages = (): string[] => ['README.md', ...pagesUnder('docs'), 'bench/README.md']

export const readPage = (page: string): string => readFileSync(join(root, page), 'utf8')

/** `<!-- tested-by: <file> -->` right before a block (indented alike in a list): the block is the text of (part of) that file. */
export const testedByPattern = /<!-- tested-by: (\S+) -->\n[ \t]*```\w*\n([\s\S]*?)\n[ \t]*```/g

/** A bash block between `<!-- shell-example:<name>:start -->` and `…:end -->`, run against a server. */
export const shellExamplePattern =
  /<!-- shell-example:([\w-]+):start -->\s*```bash\n([\s\S]*?)```\s*<!-- shell-example:\1:end -->/g

/** docs/configuration.md's full config, parsed as written. */
export const configExamplePattern = /<!-- config-example -->\n```json\n([\s\S]*?)\n```/

/** docs/configuration.md's list-limits example, parsed and its raised caps checked. */
export const listLimitsExamplePattern = /<!-- list-limits-example -->\n```json\n([\s\S]*?)\n```/

/** docs/v1-messaging.md's examples, run in order: `<!-- example: config|request|answer|webhook [status] -->`. */
export const v1ExamplePattern = /<!-- example: (\w+)(?: (\d{3}))? -->\n```\w+\n([\s\S]*?)\n```/g

/** docs/api.md's examples that type-check and run: ts blocks whose first line is `// check`. */
export const apiCheckPattern = /^```ts\n(\/\/ check\n[\s\S]*?)^```$/gm

/** docs/ci.md's CI script, run by the packed-package test. */
export const ciExamplePattern = /<!-- ci-example:start -->\s*```bash\n([\s\S]*?)```\s*<!-- ci-example:end -->/

/** docs/scenarios.md's annotated scenario: the yaml from this line, run by the scenario runner's test. */
export const annotatedScenarioStart = 'name: A bounced address is refused with 7240 for 7 days'

/** The README's `## SMS` section, whose bash and `// check` ts blocks sms-doc.test.ts runs with docs/sms.md's. */
export function readmeSmsSection(readme: string): { start: number; text: string } {
  const start = readme.indexOf('\n## SMS\n')
  return { start, text: readme.slice(start, readme.indexOf('\n## ', start + 1)) }
}

/** Every block of one language in a text (sms-doc and mms-rcs-doc run all of their page's). */
export const blocksOfLanguage = (text: string, lang: string) =>
  [...text.matchAll(new RegExp(`^\`\`\`${lang}\\n([\\s\\S]*?)^\`\`\`$`, 'gm'))].map((m) => ({
    index: m.index,
    code: m[1]!,
  }))

export interface DocBlock {
  page: string
  /** 1-based line of the opening fence. */
  line: number
  /** Offset of the opening fence in the page. */
  offset: number
  lang: string
  code: string
  /** The last non-blank line before the fence (a marker, when there is one). */
  before: string
}

/** Every fenced block of a page (``` or ~~~, at any indentation), in order. */
export function fencedBlocks(page: string, text = readPage(page)): DocBlock[] {
  const lines = text.split('\n')
  const blocks: DocBlock[] = []
  let offset = 0
  let open: { line: number; offset: number; fence: string; lang: string; indent: number } | undefined
  const body: string[] = []
  for (const [index, line] of lines.entries()) {
    if (!open) {
      const fence = /^(\s*)(`{3,}|~{3,})\s*([\w-]*)/.exec(line)
      if (fence) {
        open = { line: index + 1, offset, fence: fence[2]!, lang: fence[3]!, indent: fence[1]!.length }
        body.length = 0
      }
    } else if (line.trim().startsWith(open.fence) && /^[`~]+$/.test(line.trim())) {
      const before = lines
        .slice(0, open.line - 1)
        .reverse()
        .find((l) => l.trim() !== '')
      blocks.push({
        page,
        line: open.line,
        offset: open.offset,
        lang: open.lang,
        code: body.map((l) => l.slice(Math.min(open!.indent, l.length - l.trimStart().length))).join('\n'),
        before: before?.trim() ?? '',
      })
      open = undefined
    } else body.push(line)
    offset += line.length + 1
  }
  return blocks
}

/** The block a pattern's match selects: the first that opens at or after the match's start (its marker comes first). */
export const blockFrom = (blocks: readonly DocBlock[], offset: number): DocBlock | undefined =>
  blocks.find((block) => block.offset >= offset)

/** The block a piece of text at `offset` is inside. */
export const blockContaining = (blocks: readonly DocBlock[], offset: number): DocBlock | undefined =>
  blocks.findLast((block) => block.offset <= offset)
