#!/usr/bin/env node
// The installed package ships dist/ and no src/, so it runs the built CLI. A clone has src/: it runs
// the TypeScript sources through tsx (a dev dependency), so a stale dist/ can never shadow them.
import { existsSync } from 'node:fs'

if (existsSync(new URL('../src/cli/main.ts', import.meta.url))) {
  const { register } = await import('tsx/esm/api')
  register()
  await import('../src/cli/main.ts')
} else {
  // The CLI bundled into a few files: a third faster to start than loading hundreds of modules.
  await import('../dist/cli-bundle/main.js')
}
