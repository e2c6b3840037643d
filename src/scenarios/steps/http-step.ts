/**
 * @module `http`: call any URL — your app's API, its webhook endpoint, the emulator's control API —
 * and check the answer. Paths resolve against the scenario's `baseUrl`, or the emulator without one.
 */
import { checkAndCapture } from './check-response.js'
import type { StepContext, StepOutcome } from './step-context.js'

type HttpStep = {
  http: {
    method: string
    url: string
    headers?: Record<string, string> | undefined
    body?: unknown
    text?: string | undefined
  }
  expect?: Record<string, unknown> | undefined
  capture?: Record<string, string> | undefined
}

export async function httpStep({ http, expect, capture }: HttpStep, ctx: StepContext): Promise<StepOutcome> {
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
