/**
 * @module Child processes for benchmarks: servers and workers run apart from the load generator,
 * each pinned to its own core with `taskset` when the machine has it, and driven over IPC.
 * A child script calls `answer(handlers)` once ready; the parent calls `child.call(cmd, arg)`.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { cpus } from 'node:os'
import { fileURLToPath } from 'node:url'
import { buildSync } from 'esbuild'

/** Core for servers under test, and core for the load generator (this process) and sinks. */
export const serverCore = 0
const clientCore = 1

// cpus() lists every online core whatever this process's affinity (availableParallelism() follows it).
const canPin = cpus().length >= 2 && spawnSync('taskset', ['-c', '0', 'true']).status === 0

/** How processes are placed, for the table's header. */
export const placement = canPin
  ? `servers on core ${serverCore}, load generator and sinks on core ${clientCore} (taskset)`
  : 'not pinned (taskset unavailable or one core)'

/** Pins this process (every thread of it) to the client core, so children start with a known mask. */
export function pinSelf(): void {
  if (canPin) spawnSync('taskset', ['-a', '-p', '-c', String(clientCore), String(process.pid)], { stdio: 'ignore' })
}

/** `[command, ...args]` running `argv` on `core` when pinning is possible. */
export function onCore(core: number, argv: string[]): [string, ...string[]] {
  return canPin ? ['taskset', '-c', String(core), ...argv] : (argv as [string, ...string[]])
}

export interface Child {
  /** Whatever the child sent with its ready message (e.g. its port). */
  ready: Record<string, unknown>
  call<T = unknown>(cmd: string, arg?: unknown): Promise<T>
  stop(): Promise<void>
}

/**
 * `bench/children/<name>.ts` compiled to plain JavaScript next to it (bench/.build/, git-ignored):
 * children then run on bare node, without tsx's compiler in their memory and start-up. Packages
 * stay imports, and `../../dist` paths resolve from bench/.build/ as from bench/children/.
 */
function compiledChild(name: string): string {
  const outfile = fileURLToPath(new URL(`../.build/${name}.mjs`, import.meta.url))
  buildSync({
    entryPoints: [fileURLToPath(new URL(`../children/${name}.ts`, import.meta.url))],
    outfile,
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
  })
  return outfile
}

/** Starts `bench/children/<name>.ts` (compiled) on `core` and waits for its ready message. */
export function startChild(
  name: string,
  args: string[],
  { core = serverCore, nodeFlags = [] as string[] } = {},
): Promise<Child> {
  const script = compiledChild(name)
  const [command, ...rest] = onCore(core, [process.execPath, ...nodeFlags, script, ...args])
  const proc: ChildProcess = spawn(command, rest, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
  let seq = 0
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>()
  return new Promise((resolve, reject) => {
    const failed = (code: number | null) => {
      const error = new Error(`bench child ${name} ${args.join(' ')} exited with ${code}`)
      for (const p of pending.values()) p.reject(error)
      reject(error)
    }
    proc.once('exit', failed)
    proc.on(
      'message',
      (message: { ready?: Record<string, unknown>; id?: number; result?: unknown; error?: string }) => {
        if (message.ready) {
          resolve({
            ready: message.ready,
            call: <T>(cmd: string, arg?: unknown) =>
              new Promise<T>((done, fail) => {
                const id = ++seq
                pending.set(id, { resolve: done as (v: unknown) => void, reject: fail })
                proc.send({ id, cmd, arg })
              }),
            stop: () =>
              new Promise<void>((done) => {
                proc.off('exit', failed)
                if (proc.exitCode !== null) return done()
                proc.once('exit', () => done())
                proc.kill('SIGKILL')
              }),
          })
          return
        }
        const waiter = message.id === undefined ? undefined : pending.get(message.id)
        if (!waiter) return
        pending.delete(message.id!)
        if (message.error) waiter.reject(new Error(message.error))
        else waiter.resolve(message.result)
      },
    )
  })
}

/** In a child: announce readiness and answer the parent's commands. */
export function answer(ready: Record<string, unknown>, handlers: Record<string, (arg: unknown) => unknown> = {}): void {
  process.on('message', async (message: { id: number; cmd: string; arg: unknown }) => {
    try {
      const handler = handlers[message.cmd]
      if (!handler) throw new Error(`unknown command ${message.cmd}`)
      process.send!({ id: message.id, result: await handler(message.arg) })
    } catch (error) {
      process.send!({ id: message.id, error: error instanceof Error ? error.stack : String(error) })
    }
  })
  // The parent going away (Ctrl-C, crash) takes the child with it.
  process.on('disconnect', () => process.exit(0))
  process.send!({ ready })
}
