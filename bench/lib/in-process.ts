/**
 * @module What the MSW and in-process rows send, and how many runs they take (msw-mode.bench.ts, and
 * the floor model's worker, which measures the same way).
 */

/** One email to one recipient, the least a send carries. */
export const mswEmailBody = JSON.stringify({
  channel: 'email',
  from: 'a@shop.test',
  to: [{ email: ['ann@example.com'] }],
  content: { type: 'text', subject: 's', text: 't' },
})

/**
 * Runs of 1,000 each. A run of the in-process rows takes about 40 ms, and whether a scavenge falls
 * in it moves it by a quarter or more (bench/PROFILE.md): 5 runs gave medians 35–69 ms for one
 * build, so those rows take 31. The MSW pair takes about 0.7 s a round: 9 rounds.
 */
export const mswTiming = { runs: 9, warmup: 2 }
export const coreTiming = { runs: 31, warmup: 3 }
