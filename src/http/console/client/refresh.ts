/**
 * @module The refresh queue every view registers its loader with. Views are marked dirty ("want")
 * and loaded together, never two batches at once. Throttled rather than debounced: at most one
 * batch per 60 ms however busy the event stream, yet the first change after a quiet spell shows
 * almost at once (10 ms, enough to take in the rest of a burst that arrived together). While work
 * is queued or running, the main element says aria-busy="true".
 */

export type Loader = () => Promise<void>

export interface RefresherOptions<Name extends string> {
  loaders: Record<Name, Loader>
  /** Where aria-busy tells whether a refresh is queued or running. */
  busy: HTMLElement
  /** A batch in which every loader succeeded. */
  onSuccess(): void
  /** The first failure of a batch (the other loaders still ran). */
  onError(error: unknown): void
}

export interface Refresher<Name extends string> {
  want(...names: Name[]): void
}

export function createRefresher<Name extends string>({
  loaders,
  busy,
  onSuccess,
  onError,
}: RefresherOptions<Name>): Refresher<Name> {
  const dirty = new Set<Name>()
  let timer: ReturnType<typeof setTimeout> | undefined
  let flushing = false
  let lastFlush = Number.NEGATIVE_INFINITY

  const showBusy = () => busy.setAttribute('aria-busy', String(flushing || timer !== undefined || dirty.size > 0))

  function schedule(delay: number) {
    timer ??= setTimeout(flush, delay)
  }

  async function flush() {
    timer = undefined
    if (flushing) return schedule(60)
    flushing = true
    lastFlush = performance.now()
    const names = Array.from(dirty)
    dirty.clear()
    const results = await Promise.allSettled(names.map((name) => loaders[name]()))
    flushing = false
    const failure = results.find((r) => r.status === 'rejected')
    if (failure) onError(failure.reason)
    else onSuccess()
    showBusy()
  }

  return {
    want(...names) {
      for (const name of names) dirty.add(name)
      schedule(Math.max(10, 60 - (performance.now() - lastFlush)))
      showBusy()
    },
  }
}
