/**
 * @module The floor model (lib/floor-model.ts) measured as the in-process rows measure the emulator
 * (the same request, runs and JSON-only loop interleaved), in a process of its own: interleaved in
 * one process, each side's collections copied the other's live records, and the emulator's row read
 * 57 ms beside the floor against 36 ms alone (bench/PROFILE.md, "The floor").
 */
import { answer } from '../lib/child.js'
import { createFloorModel } from '../lib/floor-model.js'
import { coreTiming, mswEmailBody } from '../lib/in-process.js'
import { interleavedTimesMs } from '../measure.js'

const sends = 1_000

async function measure() {
  const floor = createFloorModel({ clock: 'virtual', onWebhook: () => {} })
  const request = JSON.parse(mswEmailBody)
  const times = await interleavedTimesMs(
    {
      floor: async () => {
        floor.reset()
        for (let i = 0; i < sends; i++) floor.send(request)
        floor.runUntilIdle()
        if (floor.kept().deliveries !== sends * 2) throw new Error(`expected ${sends * 2} deliveries kept`)
      },
      parseOnly: async () => {
        for (let i = 0; i < sends; i++) JSON.stringify(JSON.parse(mswEmailBody))
      },
    },
    coreTiming,
  )
  return times
}

answer({}, { measure })
