/**
 * @module A full garbage collection from a test, in a process started without --expose-gc: for
 * WeakRef checks that what a structure let go is really collected.
 */
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'

export function collectGarbage(): void {
  setFlagsFromString('--expose-gc')
  ;(runInNewContext('gc') as () => void)()
}
