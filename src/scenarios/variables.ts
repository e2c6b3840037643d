/**
 * @module Scenario variables: `${name}` from the scenario's `vars`, `--var` and captures,
 * `${env.NAME}` from the environment, `${receiver}` and `${emulator}` from the runner.
 * A string that is exactly one `${…}` takes the variable's value as is (a number stays a number).
 */
class UnknownVariableError extends Error {
  override readonly name = 'UnknownVariableError'
}

const reference = /\$\{([^}]+)\}/g

export class Variables {
  #values = new Map<string, unknown>()
  #env: Record<string, string | undefined>

  constructor(env: Record<string, string | undefined>) {
    this.#env = env
  }

  set(name: string, value: unknown): void {
    this.#values.set(name, value)
  }

  has(name: string): boolean {
    return name.startsWith('env.') ? this.#env[name.slice(4)] !== undefined : this.#values.has(name)
  }

  get(name: string): unknown {
    const key = name.trim()
    if (key.startsWith('env.')) {
      const value = this.#env[key.slice(4)]
      if (value === undefined)
        throw new UnknownVariableError(`\${${key}}: the environment variable ${key.slice(4)} is not set`)
      return value
    }
    if (!this.#values.has(key)) {
      throw new UnknownVariableError(
        `\${${key}} is not defined; defined so far: ${[...this.#values.keys()].join(', ')} (and env.NAME). Set it with vars:, --var ${key}=… or a capture`,
      )
    }
    return this.#values.get(key)
  }

  /** Substitutes every `${…}` in strings, deep through objects and arrays. */
  interpolate<T>(value: T): T {
    if (typeof value === 'string') {
      const whole = /^\$\{([^}]+)\}$/.exec(value)
      if (whole) return this.get(whole[1]!) as T
      return value.replace(reference, (_, name: string) => {
        const found = this.get(name)
        return typeof found === 'string' ? found : JSON.stringify(found)
      }) as T
    }
    if (Array.isArray(value)) return value.map((item) => this.interpolate(item)) as T
    if (value !== null && typeof value === 'object')
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.interpolate(v)])) as T
    return value
  }
}

/** Reads "body.messageId", "status", "headers.location" or "body.items.0.id" from a response. */
export function readPath(root: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>(
    // Own keys only: "body.constructor" names nothing in a JSON answer, not Object's constructor.
    (value, key) =>
      value !== null && typeof value === 'object' && Object.hasOwn(value, key)
        ? (value as Record<string, unknown>)[key]
        : undefined,
    root,
  )
}

export function capture(vars: Variables, spec: Record<string, string> | undefined, source: unknown): string[] {
  const problems: string[] = []
  for (const [name, path] of Object.entries(spec ?? {})) {
    const value = readPath(source, path)
    if (value === undefined) problems.push(`capture ${name}: nothing at "${path}" in the response`)
    else vars.set(name, value)
  }
  return problems
}
