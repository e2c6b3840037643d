/**
 * @module What `--state-file` costs under load: `npx tsx bench/state-file-load.ts [sends] [speed]
 * [other bin]`. Runs the CLI with and without a state file (and, given the bin of another checkout,
 * that one with a state file, for a before/after on the same machine), each time sending `sends` (default 100)
 * vendor-legal fan-out requests of 1,000 recipients on a real clock at `speed` (default 100), and
 * reports: time to send them all and until every lifecycle is done, /health latency meanwhile,
 * peak RSS, how long a change (a suppression added once the sends are in) took to reach the file,
 * and how long a restart from the file takes after kill -9.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sendBody, sendHeaders } from './lib/requests.js'

const sends = Number(process.argv[2] ?? 100)
const speed = Number(process.argv[3] ?? 100)
const ownBin = join(import.meta.dirname, '../bin/webex-connect-emulator.js')
const otherBin = process.argv[4]

function startCli(bin: string, args: string[]): Promise<{ child: ChildProcess; url: string; startedMs: number }> {
  const started = performance.now()
  const child = spawn(process.execPath, [bin, 'start', '--port', '0', '--quiet', ...args], { stdio: 'pipe' })
  let out = ''
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk) => {
      out += chunk
      const match = out.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/)
      if (match) resolve({ child, url: match[1]!, startedMs: performance.now() - started })
    })
    child.stderr!.on('data', (chunk) => process.stderr.write(chunk))
    child.on('exit', (code) => reject(new Error(`exited with ${code}:\n${out}`)))
  })
}

const rssMb = (pid: number) => {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = (name: string) => Number(status.match(new RegExp(`${name}:\\s+(\\d+)`))?.[1] ?? 0)
  return { rss: Math.round(kb('VmRSS') / 1024), peak: Math.round(kb('VmHWM') / 1024) }
}
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b)
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? Number.NaN)
}
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function waitFor(what: string, condition: () => Promise<boolean> | boolean, timeoutMs = 600_000) {
  const deadline = performance.now() + timeoutMs
  while (!(await condition())) {
    if (performance.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`)
    await pause(20)
  }
}

async function addSuppression(url: string, address: string) {
  const response = await fetch(`${url}/_emulator/suppression`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ address, for: 'never' }),
  })
  if (response.status !== 201) throw new Error(`suppression: ${response.status}`)
}

async function measure(bin: string, config: string, stateFile: string | undefined) {
  const flags = ['--config', config, '--speed', String(speed), '--seed', '1']
  if (stateFile) flags.push('--state-file', stateFile)
  const { child, url } = await startCli(bin, flags)
  const health: number[] = []
  let loading = true
  let poll: Promise<void> = Promise.resolve()
  let result: Record<string, unknown>
  try {
    // The durability window while the state is small: a change, then the time until it is on disk.
    const idleWindows: number[] = []
    for (let i = 0; stateFile && i < 20; i++) {
      const started = performance.now()
      await addSuppression(url, `idle${i}@x.test`)
      await waitFor('the change to reach the file', () => readFileSync(stateFile, 'utf8').includes(`idle${i}@x.test`))
      idleWindows.push(performance.now() - started)
    }
    poll = (async () => {
      while (loading) {
        const started = performance.now()
        await (await fetch(`${url}/_emulator/health`)).text()
        health.push(performance.now() - started)
        await pause(100)
      }
    })().catch(() => undefined) // the emulator died: the run reports why
    const body = sendBody(1_000)
    const started = performance.now()
    for (let i = 0; i < sends; i++) {
      const response = await fetch(`${url}/v2/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...sendHeaders },
        body,
      })
      if (response.status !== 201) throw new Error(`send ${i}: ${response.status} ${await response.text()}`)
      await response.arrayBuffer()
    }
    const sentMs = performance.now() - started

    // A change made while the file is busiest: how long until it is on disk?
    const changedAt = performance.now()
    await addSuppression(url, 'probe@x.test')
    let probeMs: number | undefined
    let lastMtime = 0
    const onDisk = () => {
      const mtime = statSync(stateFile!, { throwIfNoEntry: false })?.mtimeMs ?? 0
      if (mtime === lastMtime) return false
      lastMtime = mtime
      if (!readFileSync(stateFile!, 'utf8').includes('probe@x.test')) return false
      probeMs = performance.now() - changedAt
      return true
    }
    const probeWait = stateFile ? waitFor('the probe to reach the file', () => !loading || onDisk()) : undefined
    await waitFor('every lifecycle to finish', async () => {
      const stats = (await (await fetch(`${url}/_emulator/stats`)).json()) as { pendingTimers: number }
      return stats.pendingTimers === 0
    })
    const doneMs = performance.now() - started
    await probeWait
    result = {
      'idle change on disk p50/max (ms)': stateFile
        ? `${percentile(idleWindows, 0.5)}/${Math.round(Math.max(...idleWindows))}`
        : '-',
      'sends done (s)': +(sentMs / 1000).toFixed(1),
      'lifecycles done (s)': +(doneMs / 1000).toFixed(1),
      '/health p50 (ms)': percentile(health, 0.5),
      '/health p99 (ms)': percentile(health, 0.99),
      'peak RSS (MB)': rssMb(child.pid!).peak,
      'state file (MB)': stateFile ? Math.round(statSync(stateFile).size / 1e6) : 0,
      'change under load on disk (ms)': probeMs === undefined ? '-' : Math.round(probeMs),
    }
  } finally {
    loading = false
    await poll
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL')
      await new Promise((resolve) => child.once('exit', resolve))
    }
  }
  if (stateFile) {
    const again = await startCli(bin, flags)
    result['restart after kill -9 (ms)'] = Math.round(again.startedMs)
    again.child.kill('SIGKILL')
  }
  return result
}

const dir = mkdtempSync(join(tmpdir(), 'wce-bench-state-'))
try {
  process.stdout.write(`${sends} sends × 1,000 recipients, --speed ${speed}, node ${process.version}\n`)
  // The vendor's limit per request is 1,000 destinations; the SES asset's 50 is lifted to reach it.
  const config = join(dir, 'config.json')
  writeFileSync(config, JSON.stringify({ recipientLimit: { max: 1_000 } }))
  const rows: Record<string, unknown> = {}
  // A run that dies (the heap runs out) is a result too.
  const row = (run: Promise<Record<string, unknown>>) =>
    run.catch((error: Error) => ({ failed: `${error.message} ${(error.cause as Error | undefined)?.message ?? ''}` }))
  rows['without --state-file'] = await row(measure(ownBin, config, undefined))
  if (otherBin) rows[`with --state-file, ${otherBin}`] = await row(measure(otherBin, config, join(dir, 'other.json')))
  rows['with --state-file'] = await row(measure(ownBin, config, join(dir, 'state.json')))
  console.table(rows)
} finally {
  rmSync(dir, { recursive: true, force: true })
}
