/**
 * @module A visual check: a screenshot compared with a committed baseline PNG
 * (test/browser/baselines/<name>.png), pixel by pixel with a tolerance. A pixel counts as changed
 * when a channel moves by more than `channelTolerance` (anti-aliasing and a Chromium update move
 * them a little); the check fails when more than `maxChangedRatio` of the pixels changed, and then
 * writes <name>.diff.png beside the screenshot in test/.artifacts/console/.
 *
 * Scenes are deterministic — virtual clock from a fixed instant, seeded ids, no timings on screen —
 * so what is left to differ is rendering. Baselines were made with Debian's chromium and its
 * default fonts (DejaVu); regenerate them after a deliberate change, and look at them before
 * committing: UPDATE_CONSOLE_BASELINES=1 npx vitest run test/browser
 */
import { existsSync } from 'node:fs'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Locator, Page } from 'playwright-core'
import { decodePng, encodePng, type Image } from './png.js'

const baselines = fileURLToPath(new URL('../baselines/', import.meta.url))
const artifacts = fileURLToPath(new URL('../../.artifacts/console/', import.meta.url))
const updating = process.env.UPDATE_CONSOLE_BASELINES === '1'

export interface VisualOptions {
  /** How far one channel (0-255) may move before the pixel counts as changed. */
  channelTolerance?: number
  /** The share of changed pixels that still passes. */
  maxChangedRatio?: number
  /** Parts that differ from run to run, painted over in both images. */
  mask?: Locator[]
  /** Where the baseline lives, when not test/browser/baselines/<name>.png (docs/console.png). */
  baseline?: string
}

/** Pixels that changed beyond the tolerance, and an image showing them red on a faded copy. */
function compareImages(expected: Image, actual: Image, channelTolerance: number) {
  const diff = new Uint8Array(actual.pixels.length)
  let changed = 0
  for (let i = 0; i < actual.pixels.length; i += 4) {
    let moved = 0
    for (let c = 0; c < 4; c++) moved = Math.max(moved, Math.abs(actual.pixels[i + c]! - expected.pixels[i + c]!))
    const grey = (actual.pixels[i]! + actual.pixels[i + 1]! + actual.pixels[i + 2]!) / 3
    if (moved > channelTolerance) {
      changed++
      diff.set([255, 0, 0, 255], i)
    } else diff.set([grey, grey, grey, 64], i)
  }
  return { changed, ratio: changed / (actual.width * actual.height), diff: { ...actual, pixels: diff } }
}

/**
 * Screenshots `target` (a page: its viewport; a locator: that element), keeps it in
 * test/.artifacts/console/<name>.png, and compares it with the baseline.
 */
export async function expectToLookLike(
  target: Page | Locator,
  name: string,
  {
    channelTolerance = 40,
    maxChangedRatio = 0.002,
    mask = [],
    baseline = `${baselines}${name}.png`,
  }: VisualOptions = {},
): Promise<void> {
  const page = 'page' in target ? target.page() : target
  await page.mouse.move(0, 0) // no hover effect on whatever was clicked last
  const shot = await target.screenshot({ animations: 'disabled', caret: 'hide', mask })
  await mkdir(artifacts, { recursive: true })
  await writeFile(`${artifacts}${name}.png`, shot)
  if (updating) {
    await mkdir(dirname(baseline), { recursive: true })
    await writeFile(baseline, shot)
    return
  }
  if (!existsSync(baseline))
    throw new Error(`No baseline ${baseline}: make it with UPDATE_CONSOLE_BASELINES=1, look at it, and commit it`)
  const expected = decodePng(await readFile(baseline))
  const actual = decodePng(shot)
  if (expected.width !== actual.width || expected.height !== actual.height)
    throw new Error(
      `${name}: the screenshot is ${actual.width}×${actual.height}, the baseline ${expected.width}×${expected.height} (see test/.artifacts/console/${name}.png)`,
    )
  const { changed, ratio, diff } = compareImages(expected, actual, channelTolerance)
  if (ratio > maxChangedRatio) {
    await writeFile(`${artifacts}${name}.diff.png`, encodePng(diff))
    throw new Error(
      `${name}: ${changed} pixels (${(ratio * 100).toFixed(2)}%) differ from the baseline, more than ${(maxChangedRatio * 100).toFixed(2)}%: see test/.artifacts/console/${name}.png and ${name}.diff.png; if the change is meant, UPDATE_CONSOLE_BASELINES=1 npx vitest run test/browser`,
    )
  }
}
