import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { findScenarioFiles } from '../../src/scenarios/index.js'

describe('finding scenario files in a directory', () => {
  it('follows symlinked directories and files, and walks a symlink cycle once', async () => {
    const root = mkdtempSync(join(tmpdir(), 'wce-find-'))
    const shared = join(root, 'shared')
    mkdirSync(shared)
    writeFileSync(join(shared, 'a.yaml'), 'name: a\nsteps: [{ advance: 1s }]\n')
    const run = join(root, 'run')
    mkdirSync(run)
    writeFileSync(join(run, 'own.yaml'), 'name: own\nsteps: [{ advance: 1s }]\n')
    symlinkSync(shared, join(run, 'linked'), 'dir')
    symlinkSync(join(shared, 'a.yaml'), join(run, 'b.yaml'))
    symlinkSync(run, join(run, 'loop'), 'dir') // a link to itself
    symlinkSync(join(root, 'nowhere'), join(run, 'dangling.yaml'))

    expect(await findScenarioFiles([run])).toEqual([
      join(run, 'b.yaml'),
      join(run, 'dangling.yaml'), // listed, so loading it says it is missing
      join(run, 'linked', 'a.yaml'),
      join(run, 'own.yaml'),
    ])
  })
})
