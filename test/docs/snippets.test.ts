/**
 * A documented example is only worth what it does when pasted. A fenced block preceded by
 * `<!-- tested-by: <file> -->` is the text of (part of) that test file, so the test that runs it runs
 * the documentation: this checks the two have not drifted apart, in every page.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = join(import.meta.dirname, '../..')
const pages = (dir: string): string[] =>
  readdirSync(join(root, dir)).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(join(root, path)).isDirectory()) return pages(path)
    return name.endsWith('.md') ? [path] : []
  })
const files = ['README.md', ...pages('docs')]

const squash = (text: string) => text.replace(/\s+/g, ' ').trim()

interface Tested {
  page: string
  file: string
  block: string
}

function testedBlocks(page: string): Tested[] {
  const text = readFileSync(join(root, page), 'utf8')
  return [...text.matchAll(/<!-- tested-by: (\S+) -->\n```\w*\n([\s\S]*?)\n```/g)].map(([, file, block]) => ({
    page,
    file: file!,
    block: block!,
  }))
}

const tested = files.flatMap(testedBlocks)

describe('documented examples', () => {
  it('are marked in the pages (README and docs)', () => {
    expect(tested.map((t) => t.file)).toEqual(
      expect.arrayContaining(['test/readme/msw-example.test.ts', 'test/docs/examples/contact-policy.test.ts']),
    )
  })

  for (const { page, file, block } of tested) {
    it(`${page}: the example in ${file} is the same text`, () => {
      expect(existsSync(join(root, file)), `${file} does not exist`).toBe(true)
      expect(squash(readFileSync(join(root, file), 'utf8'))).toContain(squash(block))
    })
  }
})
