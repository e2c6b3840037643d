/**
 * @module The ready file `start --ready-file` writes once the server accepts requests: a CI job
 * waits for it (or runs `wait`) before it goes on. Written to a temp name and renamed, so a reader
 * never sees half a file.
 */
import { rename, writeFile } from 'node:fs/promises'
import { cannotWrite, probeWritable } from '../state/write-json-file.js'

export interface ReadyInfo {
  url: string
  pid: number
}

const advice = 'Create the directory or make it writable, or choose another --ready-file'

/**
 * Before the server listens: the ready file's directory must take it (refused with a one-line
 * reason, not after the banner). A ready file an earlier run left is not removed here — another
 * emulator may still be using it, and this start may yet fail — it is replaced once this one
 * listens, and `wait` reads the file again before each probe.
 */
export async function prepareReadyFile(path: string): Promise<void> {
  try {
    await probeWritable(path)
  } catch (error) {
    throw cannotWrite('ready file', path, error, advice)
  }
}

export async function writeReadyFile(path: string, info: ReadyInfo): Promise<void> {
  const temp = `${path}.${process.pid}.tmp`
  try {
    await writeFile(temp, `${JSON.stringify(info)}\n`)
    await rename(temp, path)
  } catch (error) {
    throw cannotWrite('ready file', path, error, advice)
  }
}
