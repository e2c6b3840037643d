import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import { channelNames } from '../../src/core/channels/registry.js'

const coreDir = join(import.meta.dirname, '../../src/core')

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  )
}

/** Globals the pure core may not touch: I/O, timers, wall clocks, ambient randomness, the host. */
const forbiddenGlobals: Record<string, string> = {
  process: 'reads process',
  fetch: 'calls fetch',
  setTimeout: 'sets a timer',
  setInterval: 'sets a timer',
  setImmediate: 'sets a timer',
  queueMicrotask: 'schedules work on the host',
  console: 'logs',
  crypto: 'uses crypto',
  performance: 'reads the wall clock',
  globalThis: 'reaches into the host',
  require: 'loads modules at run time',
}

/** The files that list channels: the registry, and the payloads barrel beside it. */
const assemblers = /^channels\/(registry|payloads)\.ts$/

/**
 * Files outside channels/ that may still spell a channel's name, and why: the Consent API's own
 * channel names.
 */
const namesAllowed: Record<string, string> = {
  'kernel/contact-policy.ts': "the Consent API's channel names (email, text, whatsapp, voice)",
}

/** What is wrong with one source file of the core, found in its syntax tree (comments and strings aside). */
function violations(file: string, text = readFileSync(file, 'utf8')): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true)
  const where = relative(coreDir, file).split(sep).join('/')
  const found: string[] = []
  const channelOf = (path: string) => /^channels\/([^/]+)\//.exec(path)?.[1]

  const checkSpecifier = (specifier: string) => {
    // Packages: zod alone. Anything else (node built-ins with or without node:, hono, msw, yaml, or
    // this package's own entry points, which load the HTTP layer) belongs to an adapter.
    if (!specifier.startsWith('.')) {
      if (specifier !== 'zod') found.push(`${where} imports ${specifier}`)
      return
    }
    const target = relative(coreDir, resolve(dirname(file), specifier))
      .split(sep)
      .join('/')
    if (target.startsWith('..')) return void found.push(`${where} imports ${specifier}, outside src/core`)
    const from = channelOf(where)
    const to = channelOf(target)
    // A channel knows the kernel and the channel definition, never another channel.
    if (to && from && to !== from) found.push(`${where} imports another channel's ${target}`)
    // The kernel knows no channel: only the definition's shape (channels/channel.ts).
    if (to && where.startsWith('kernel/')) found.push(`${where} (kernel) imports a channel's ${target}`)
    // Above the kernel too, only the lists of channels (the registry, the payloads barrel) name one.
    else if (to && !from && !assemblers.test(where)) found.push(`${where} names a channel: imports ${target}`)
    // Below the engine: the kernel and the channels never reach up into what assembles them (the
    // emulator, the registry of channels, the APIs for the kernel).
    const allowed = where.startsWith('kernel/')
      ? /^(kernel\/|schemas\/|channels\/channel\.)/
      : from
        ? /^(kernel\/|schemas\/|apis\/|channels\/channel\.)/
        : undefined
    if (allowed && !to && !allowed.test(target)) found.push(`${where} imports ${target}, above it`)
  }

  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) {
      checkSpecifier((node.moduleSpecifier as ts.StringLiteral).text)
    }
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      found.push(`${where} imports dynamically`)
    }
    if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      checkSpecifier((node.moduleReference.expression as ts.StringLiteral).text)
    }
    if (ts.isMetaProperty(node) && node.keywordToken === ts.SyntaxKind.ImportKeyword) {
      found.push(`${where} reads its own location (import.meta)`)
    }
    // A channel's name as a value ('email', 'sms') outside channels/: code that picks a channel by
    // name belongs to the channel (a hook of its definition), not to the engine or the APIs.
    if (
      ts.isStringLiteralLike(node) &&
      (channelNames as readonly string[]).includes(node.text) &&
      !channelOf(where) &&
      !assemblers.test(where) &&
      namesAllowed[where] === undefined &&
      !ts.isImportDeclaration(node.parent) &&
      !ts.isExportDeclaration(node.parent)
    ) {
      found.push(`${where} names the ${node.text} channel ('${node.text}')`)
    }
    // Date() without `new` is the current time as a string.
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'Date') {
      found.push(`${where} reads the wall clock (Date())`)
    }
    if (ts.isIdentifier(node) && forbiddenGlobals[node.text] !== undefined) {
      const parent = node.parent
      // A property name (x.process) or a declared name of our own is not the global.
      const isPropertyName = ts.isPropertyAccessExpression(parent) && parent.name === node
      const isDeclaration =
        (ts.isPropertyAssignment(parent) ||
          ts.isPropertySignature(parent) ||
          ts.isMethodDeclaration(parent) ||
          ts.isParameter(parent)) &&
        parent.name === node
      if (!isPropertyName && !isDeclaration) found.push(`${where} ${forbiddenGlobals[node.text]} (${node.text})`)
    }
    const member = ts.isPropertyAccessExpression(node)
      ? node.name.text
      : ts.isElementAccessExpression(node) && ts.isStringLiteralLike(node.argumentExpression)
        ? node.argumentExpression.text
        : undefined
    if (member !== undefined && ts.isIdentifier((node as ts.PropertyAccessExpression).expression)) {
      const call = `${((node as ts.PropertyAccessExpression).expression as ts.Identifier).text}.${member}`
      if (call === 'Date.now') found.push(`${where} reads the wall clock (Date.now)`)
      if (call === 'Math.random') found.push(`${where} uses ambient randomness (Math.random)`)
    }
    if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'Date') {
      if (!node.arguments || node.arguments.length === 0) found.push(`${where} reads the wall clock (new Date())`)
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  return found
}

describe('architecture', () => {
  const files = sourceFiles(coreDir)

  it('finds the core sources, the kernel and every channel', () => {
    expect(files.length).toBeGreaterThan(30)
    expect(files.some((f) => f.includes(`${sep}kernel${sep}`))).toBe(true)
    expect(files.some((f) => f.includes(`${sep}channels${sep}email${sep}`))).toBe(true)
  })

  it('keeps src/core free of I/O, timers, wall clocks and host globals, and channels apart', () => {
    expect(files.flatMap((file) => violations(file))).toEqual([])
  })

  it('catches what it is meant to catch (checked on a sample of bad code)', () => {
    const probe = join(coreDir, 'kernel', '__probe__.ts')
    const bad = [
      "import { readFileSync } from 'node:fs'",
      "import { x } from '../../http/package-version.js'",
      "import { emailChannel } from '../channels/email/index.js'",
      "import { createEngine } from '../emulator.js'",
      "import { channels } from '../channels/registry.js'",
      "import { x } from 'webex-connect-emulator'",
      "import { hash } from 'crypto'",
      "import os = require('node:os')",
      "import { z } from 'zod'",
      "import type { AnyChannel } from '../channels/channel.js'",
      "import { ids } from './ids.js'",
      "import type { EmulatorConfig } from '../schemas/config.js'",
      'const a = performance.now()',
      'const b = Date.now()',
      "const b2 = Date['now']()",
      'const b3 = Date()',
      'const c = new Date()',
      'const d = Math.random()',
      "const e = globalThis['fetch']",
      "const f = import('./clock.js')",
      'const g = import.meta.url',
      '// console.log in a comment is fine; so is "process" in a string',
      'const ok = { process: 1 }.process',
      'const alsoOk = new Date(0)',
    ].join('\n')
    expect(violations(probe, bad)).toEqual([
      'kernel/__probe__.ts imports node:fs',
      'kernel/__probe__.ts imports ../../http/package-version.js, outside src/core',
      "kernel/__probe__.ts (kernel) imports a channel's channels/email/index.js",
      'kernel/__probe__.ts imports emulator.js, above it',
      'kernel/__probe__.ts imports channels/registry.js, above it',
      'kernel/__probe__.ts imports webex-connect-emulator',
      'kernel/__probe__.ts imports crypto',
      'kernel/__probe__.ts imports node:os',
      'kernel/__probe__.ts reads the wall clock (performance)',
      'kernel/__probe__.ts reads the wall clock (Date.now)',
      'kernel/__probe__.ts reads the wall clock (Date.now)',
      'kernel/__probe__.ts reads the wall clock (Date())',
      'kernel/__probe__.ts reads the wall clock (new Date())',
      'kernel/__probe__.ts uses ambient randomness (Math.random)',
      'kernel/__probe__.ts reaches into the host (globalThis)',
      'kernel/__probe__.ts imports dynamically',
      'kernel/__probe__.ts reads its own location (import.meta)',
    ])
  })

  it('lets only the registry and the payloads barrel name a channel outside channels/', () => {
    const probe = join(coreDir, 'apis', '__probe__.ts')
    const bad = [
      "import type { EmailControls } from '../channels/email/state.js'",
      "import { channels } from '../channels/registry.js'",
      "import type { AnyChannel } from '../channels/channel.js'",
      "const sms = message.channel === 'sms'",
      "inject('email', 'email', input)",
      "const fine = { channel: 'wa' }",
    ].join('\n')
    expect(violations(probe, bad)).toEqual([
      'apis/__probe__.ts names a channel: imports channels/email/state.js',
      "apis/__probe__.ts names the sms channel ('sms')",
      "apis/__probe__.ts names the email channel ('email')",
      "apis/__probe__.ts names the email channel ('email')",
    ])
    const registry = join(coreDir, 'channels', 'registry.ts')
    expect(violations(registry, "import { emailChannel } from './email/index.js'\nconst e = 'email'")).toEqual([])
  })

  it('keeps a channel to its own folder, the kernel, the definition, the APIs and the schemas', () => {
    const probe = join(coreDir, 'channels', 'sms', '__probe__.ts')
    const bad = [
      "import { emailChannel } from '../email/index.js'",
      "import { channels } from '../registry.js'",
      "import { createEngine } from '../../emulator.js'",
      "import { controls } from '../../emulator/controls.js'",
      "import { x } from '../../../http/create-app.js'",
      "import type { AnyChannel } from '../channel.js'",
      "import { EmulatorError } from '../../kernel/errors.js'",
      "import { optional } from '../../apis/v2-schemas.js'",
      "import { plan } from './plan.js'",
    ].join('\n')
    expect(violations(probe, bad)).toEqual([
      "channels/sms/__probe__.ts imports another channel's channels/email/index.js",
      'channels/sms/__probe__.ts imports channels/registry.js, above it',
      'channels/sms/__probe__.ts imports emulator.js, above it',
      'channels/sms/__probe__.ts imports emulator/controls.js, above it',
      'channels/sms/__probe__.ts imports ../../../http/create-app.js, outside src/core',
    ])
  })
})
