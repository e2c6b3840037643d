/**
 * @module The ready file `start --ready-file` writes once the server accepts requests: a CI job
 * waits for it (or runs `wait`) before it goes on. Written to a temp name and renamed, so a reader
 * never sees half a file.
 */
import { rename, writeFile } from 'node:fs/promises'

export interface ReadyInfo {
  url: string
  pid: number
}

export async function writeReadyFile(path: string, info: ReadyInfo): Promise<void> {
  const temp = `${path}.${process.pid}.tmp`
  await writeFile(temp, `${JSON.stringify(info)}\n`)
  await rename(temp, path)
}
