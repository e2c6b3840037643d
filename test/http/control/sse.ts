/**
 * @module Reads a Server-Sent Events body: `event:` / `data:` / `id:` lines, blank-line separated.
 */

export interface SseEvent {
  event: string
  data: any
  id?: string
}

export function sseReader(body: ReadableStream<Uint8Array>) {
  const reader = body.getReader()
  const decoder = new TextDecoder()
  const events: SseEvent[] = []
  let buffer = ''

  function parse(block: string): void {
    const event: SseEvent = { event: 'message', data: '' }
    const data: string[] = []
    for (const line of block.split('\n')) {
      const [, field, value] = /^(\w+): ?(.*)$/.exec(line) ?? []
      if (field === 'event') event.event = value!
      else if (field === 'data') data.push(value!)
      else if (field === 'id') event.id = value!
    }
    event.data = JSON.parse(data.join('\n'))
    events.push(event)
  }

  return {
    events,
    /** Reads until `predicate` holds for the events so far; fails after `timeoutMs`, listing them. */
    async until(predicate: (events: SseEvent[]) => boolean, timeoutMs = 5_000): Promise<SseEvent[]> {
      const deadline = Date.now() + timeoutMs
      while (!predicate(events)) {
        const left = deadline - Date.now()
        let timer: ReturnType<typeof setTimeout> | undefined
        const chunk = await Promise.race([
          reader.read(),
          new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), Math.max(0, left)))),
        ])
        clearTimeout(timer)
        if (chunk === 'timeout')
          throw new Error(`No matching event within ${timeoutMs} ms; got ${JSON.stringify(events.map((e) => e.event))}`)
        if (chunk.done) throw new Error(`The stream ended; got ${JSON.stringify(events.map((e) => e.event))}`)
        buffer += decoder.decode(chunk.value, { stream: true })
        let end: number
        while ((end = buffer.indexOf('\n\n')) !== -1) {
          parse(buffer.slice(0, end))
          buffer = buffer.slice(end + 2)
        }
      }
      return events
    },
    cancel: () => reader.cancel(),
  }
}
