#!/usr/bin/env node
// Runs the built CLI (dist/, what the npm package ships). In a clone without a build it runs the
// TypeScript sources through tsx, a dev dependency, so `npx webex-connect-emulator` works there too.
import { existsSync } from 'node:fs'

const built = new URL('../dist/cli/main.js', import.meta.url)
if (existsSync(built)) {
  await import(built.href)
} else {
  const { register } = await import('tsx/esm/api')
  register()
  await import('../src/cli/main.ts')
}
