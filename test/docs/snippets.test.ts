/**
 * A documented example is only worth what it does when pasted. A fenced block preceded by
 * `<!-- tested-by: <file> -->` is the text of (part of) that test file, so the test that runs it runs
 * the documentation: this checks the two have not drifted apart, in every page.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { docPages, readPage, root, testedByPattern } from '../support/doc-blocks.js'

const files = docPages()

const squash = (text: string) => text.replace(/\s+/g, ' ').trim()

interface Tested {
  page: string
  file: string
  block: string
}

function testedBlocks(page: string): Tested[] {
  return [...readPage(page).matchAll(testedByPattern)].map(([, file, block]) => ({
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
