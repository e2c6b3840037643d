/**
 * @module How the console writes times, durations, diagnostics and payloads. Times are UTC, as the column
 * headings say; "today" is the emulator's today (its clock may be days ahead of the wall).
 */

/** "2025-01-06 09:30:00.000" (UTC); empty for no time. */
export function fullTime(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return ''
  return new Date(ms).toISOString().replace('T', ' ').replace('Z', '')
}

/**
 * The time a message was accepted, as the list shows it: "09:30:00" when it is the same UTC day as
 * `now` (the emulator's clock), else with its date, "2025-01-06 09:30:00".
 * @example listTime(Date.UTC(2025, 0, 6, 9, 30), Date.UTC(2025, 0, 13)) // '2025-01-06 09:30:00'
 */
export function listTime(ms: number, now: number): string {
  const time = fullTime(ms).slice(0, 19)
  return time.slice(0, 10) === fullTime(now).slice(0, 10) ? time.slice(11) : time
}

/** "6d 23h", "4m 10s", "350ms": the two largest units. */
export function duration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))}ms`
  const units = [
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['m', 60_000],
    ['s', 1000],
  ] as const
  const parts: string[] = []
  let rest = ms
  for (const [unit, size] of units) {
    if (parts.length === 2) break
    const n = Math.floor(rest / size)
    if (n > 0 || parts.length > 0) {
      parts.push(`${n}${unit}`)
      rest -= n * size
    }
  }
  return parts.join(' ')
}

/**
 * An SMTP diagnostic as a person reads it. The vendor's `additionalInfo` carries the two-character
 * escapes `\n` and `\/` literally (bounce-diagnostics.ts copies them from its samples); the data
 * keeps them, the console shows line breaks and slashes.
 * @example diagnosticText('550-5.1.1 try\\n550 5.1.1 https:\\/\\/x.test') // '550-5.1.1 try\n550 5.1.1 https://x.test'
 */
export function diagnosticText(info: string): string {
  return info.replace(/\\n/g, '\n').replace(/\\\//g, '/')
}

/** A JSON body indented for reading; anything else as it is. */
export function prettyJson(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2)
  } catch {
    return body
  }
}
