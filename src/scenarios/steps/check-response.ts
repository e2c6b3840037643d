/**
 * @module Checks an HTTP response (from a send or an http step) against the step's `expect`, and
 * captures variables from it.
 */
import type { HttpResult } from '../emulator-client.js'
import { describeMismatches, match, show } from '../match.js'
import type { ResponseExpectation } from '../step-fields.js'
import { capture, type Variables } from '../variables.js'

function checkResponse(expectation: ResponseExpectation, result: HttpResult): string[] {
  const mismatches = match(expectation, { status: result.status, body: result.body, headers: result.headers })
  if (mismatches.length === 0) return []
  return [
    'the response does not match:',
    ...describeMismatches(mismatches),
    `  response: ${result.status} ${show(result.body, 400)}`,
  ]
}

export function checkAndCapture(
  expectation: ResponseExpectation,
  result: HttpResult,
  vars: Variables,
  spec: Record<string, string> | undefined,
): string[] {
  const problems = checkResponse(expectation, result)
  return problems.length > 0 ? problems : capture(vars, spec, result)
}
