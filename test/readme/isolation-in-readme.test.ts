// The README's "Parallel test workers" example must be test/readme/isolation-example.test.ts as it is,
// so the code readers copy is the code that passes.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, it } from 'vitest'

const root = join(import.meta.dirname, '../..')

it("the README's isolation example is isolation-example.test.ts, verbatim", () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8')
  const block = readme.match(/<!-- isolation-example:start -->\n```ts\n([\s\S]*?)```\n<!-- isolation-example:end -->/)
  expect(block, 'the README has the isolation example between its markers').not.toBeNull()
  const file = readFileSync(join(import.meta.dirname, 'isolation-example.test.ts'), 'utf8')
  // The file's first line says where it comes from; the README shows the rest.
  expect(block![1]).toBe(file.slice(file.indexOf('\n') + 1))
})
