/**
 * The documentation is a set of pages that link to each other: a moved heading or a renamed page must
 * fail here, not in a reader's browser. Checks every relative link (and its #anchor, by GitHub's
 * heading slugs) in the README and the pages under docs/ and bench/, and the README's size budget.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = join(import.meta.dirname, '../..')

function markdownFiles(): string[] {
  const pages = ['README.md', 'CONTRIBUTING.md', 'bench/README.md'].filter((f) => existsSync(join(root, f)))
  const walk = (dir: string): string[] =>
    readdirSync(join(root, dir)).flatMap((name) => {
      const path = join(dir, name)
      if (statSync(join(root, path)).isDirectory()) return walk(path)
      return name.endsWith('.md') ? [path] : []
    })
  return [...pages, ...walk('docs')]
}

/** Markdown outside fenced code blocks (a link inside a code sample is not a link). */
function prose(text: string): string {
  return text.replace(/^```[\s\S]*?^```/gm, '')
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/`/g, '')
    .replace(/[^\p{L}\p{N}\- _]/gu, '')
    .replace(/ /g, '-')
}

function anchorsOf(file: string): Set<string> {
  const text = prose(readFileSync(join(root, file), 'utf8'))
  return new Set([...text.matchAll(/^#{1,6} (.+)$/gm)].map(([, heading]) => slug(heading!)))
}

const files = markdownFiles()

describe('documentation links', () => {
  it('finds the pages', () => {
    expect(files).toEqual(expect.arrayContaining(['README.md', 'docs/vendor-api.md', 'docs/configuration.md']))
  })

  for (const file of files) {
    it(`${file}: every relative link and anchor exists`, () => {
      const text = prose(readFileSync(join(root, file), 'utf8'))
      const broken: string[] = []
      for (const [, link] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^(https?:|mailto:)/.test(link!)) continue
        const [path, anchor] = link!.split('#') as [string, string | undefined]
        const target = path === '' ? file : relative(root, join(root, dirname(file), path))
        if (!existsSync(join(root, target))) {
          broken.push(`${link} (no file ${target})`)
          continue
        }
        if (anchor && target.endsWith('.md') && !anchorsOf(target).has(anchor))
          broken.push(`${link} (no heading #${anchor} in ${target})`)
      }
      expect(broken).toEqual([])
    })
  }

  it('keeps the README short: at most 15 KB, the manual lives in docs/', () => {
    expect(readFileSync(join(root, 'README.md')).byteLength).toBeLessThanOrEqual(15 * 1024)
  })
})
