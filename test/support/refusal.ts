/**
 * The error `run` throws, as the fields a caller of the emulator sees: its code, message, field and
 * detail. Fails the test when `run` does not throw.
 * @example expect(refusal(() => planSmsAction(...))).toEqual({ code: 'conflict', message: '…' })
 */
export function refusal(run: () => unknown): { code: string; message: string; field?: string; detail?: string } {
  try {
    run()
  } catch (error) {
    const { code, message, field, detail } = error as { code: string; message: string; field?: string; detail?: string }
    return { code, message, field, detail }
  }
  throw new Error('expected a refusal')
}
