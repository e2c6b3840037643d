/**
 * @module The CLI's standard output, gathered: lines written within one turn of the event loop go
 * out in one write. Each write to a file or pipe is a system call, and a busy server logs two or
 * three lines a send (the message, its receipts): under load, writing them one by one took a fifth
 * of the server's CPU (bench/PROFILE.md). Order is kept, as long as everything the CLI prints goes
 * through the same writer; `flush()` writes what is pending at once (at shutdown and exit).
 */

/** A standard output that may be a terminal (colour is decided by it). */
export interface Output {
  write(text: string): unknown
  isTTY?: boolean
}

export interface BatchedWriter extends Output {
  flush(): void
}

/** Past this much pending text, it is written at once rather than at the end of the turn. */
const maxPendingChars = 64 * 1024

export function createBatchedWriter(out: Output): BatchedWriter {
  let pending = ''
  let scheduled = false
  const flush = () => {
    scheduled = false
    if (pending === '') return
    const text = pending
    pending = ''
    out.write(text)
  }
  return {
    isTTY: out.isTTY,
    write(text: string) {
      pending += text
      if (pending.length >= maxPendingChars) flush()
      else if (!scheduled) {
        scheduled = true
        setImmediate(flush)
      }
      return true
    },
    flush,
  }
}
