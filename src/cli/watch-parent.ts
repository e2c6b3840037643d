/**
 * @module The emulator stops when the process that started it goes away. Started in the background
 * through npx (`npx webex-connect-emulator start &`), it runs under npm and a shell; `kill %1` or a
 * crashed test runner ends those but not the emulator, which would otherwise run on for hours,
 * holding its port. Nothing tells a process its parent died, so it looks: on Unix an orphan is
 * re-parented (its ppid changes); on Windows the old parent id stops answering.
 * `--outlive-parent` turns this off, for a shell that starts it and exits while others use it.
 */

/** How often the parent is looked at: cheap (one system call), and soon enough for a CI job. */
const everyMs = 500

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM' // exists, owned by someone else
  }
}

/**
 * Calls `gone` once when the parent process exits; returns the function that stops watching.
 * A process started by init (ppid 1) or without a parent has nothing to watch.
 */
export function watchParent(gone: (parentPid: number) => void): () => void {
  const parent = process.ppid
  if (parent <= 1) return () => undefined
  const timer = setInterval(() => {
    if (process.ppid === parent && alive(parent)) return
    clearInterval(timer)
    gone(parent)
  }, everyMs)
  timer.unref()
  return () => clearInterval(timer)
}
