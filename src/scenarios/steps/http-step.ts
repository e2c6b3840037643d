/**
 * @module `http`: call any URL — your app's API, its webhook endpoint, the emulator's control API —
 * and check the answer. Paths resolve against the scenario's `baseUrl`, or the emulator without one.
 */
import { z } from 'zod'
import { capture as captureSchema, responseExpectation, stepName } from '../step-fields.js'
import { checkAndCapture } from './check-response.js'
import { defineStep } from './define-step.js'
import type { StepContext, StepOutcome } from './step-context.js'

const httpSchema = z.strictObject({
  name: stepName,
  http: z
    .strictObject({
      method: z.string().default('GET'),
      url: z
        .string()
        .min(1)
        .describe('Absolute, or a path: resolved against baseUrl, or the emulator when there is none'),
      headers: z.record(z.string(), z.string()).optional(),
      body: z.unknown().optional().describe('Sent as JSON'),
      text: z.string().optional().describe('Sent as is'),
    })
    // One body: given both, `text` was sent and `body` dropped without a word.
    .refine((http) => http.body === undefined || http.text === undefined, {
      message: 'give body (sent as JSON) or text (sent as is), not both',
      path: ['text'],
    }),
  expect: responseExpectation.optional(),
  capture: captureSchema.optional(),
})

export const httpStep = defineStep({ schema: httpSchema, run: runHttp })

async function runHttp({ http, expect, capture }: z.output<typeof httpSchema>, ctx: StepContext): Promise<StepOutcome> {
  const base =
    ctx.scenario.baseUrl === undefined
      ? undefined
      : String(ctx.vars.interpolate(ctx.scenario.baseUrl)).replace(/\/+$/, '')
  const url = http.url.startsWith('/') && base ? `${base}${http.url}` : http.url
  const method = http.method.toUpperCase()
  const result = await ctx.client.request(url, {
    method,
    headers: http.headers ?? {},
    ...(http.body === undefined ? {} : { body: http.body }),
    ...(http.text === undefined ? {} : { text: http.text }),
  })
  // Without an expectation, any answer below 400 will do.
  const problems = checkAndCapture(expect ?? { status: { $lt: 400 } }, result, ctx.vars, capture)
  return { label: `${method} ${url} → ${result.status}`, problems }
}
