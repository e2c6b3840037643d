/**
 * @module Every command's flags go through here: node:util's parseArgs, with its errors turned into
 * one short line that names the flag, suggests the closest real one and points at `--help` — not
 * the whole help text, which would push the error off the screen.
 */
import { parseArgs } from 'node:util'
import { EmulatorError } from '../core/kernel/errors.js'
import { closestName } from './closest-name.js'

/** A command's flags, as parseArgs takes them. */
export type FlagOptions = Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string }>

/** What `parseFlags()` returns: parseArgs' own result type for these flags. */
export type ParsedFlags<O extends FlagOptions, P extends boolean> = ReturnType<
  typeof parseArgs<{ args: string[]; options: O; strict: true; allowPositionals: P }>
>

/**
 * Parses `argv` strictly for `command` ("start", "run", …).
 * @example
 * parseFlags('start', ['--prot', '1'], { port: { type: 'string' } })
 * // throws "unknown flag --prot: did you mean --port? (see "webex-connect-emulator start --help")"
 */
export function parseFlags<const O extends FlagOptions, const P extends boolean = false>(
  command: string,
  argv: string[],
  options: O,
  allowPositionals?: P,
): ParsedFlags<O, P> {
  let parsed: ReturnType<
    typeof parseArgs<{ args: string[]; options: O; strict: true; tokens: true; allowPositionals: P }>
  >
  try {
    parsed = parseArgs({
      args: argv,
      options,
      strict: true,
      tokens: true,
      allowPositionals: (allowPositionals ?? false) as P,
    })
  } catch (error) {
    throw usageError(command, options, error, argv)
  }
  checkValues(command, options, parsed.tokens)
  return { values: parsed.values, positionals: parsed.positionals } as unknown as ParsedFlags<O, P>
}

/**
 * What parseArgs lets through: an empty value (`--state-file "$STATE"` with STATE unset) read as
 * "not given", which quietly turned persistence off, and a flag given twice, the last one winning.
 */
function checkValues(command: string, options: FlagOptions, tokens: ReturnType<typeof parseArgs>['tokens'] = []) {
  const help = ` (see "webex-connect-emulator ${command} --help")`
  const seen = new Set<string>()
  for (const token of tokens) {
    if (token.kind !== 'option') continue
    const option = options[token.name]
    if (option?.type !== 'string') continue
    if (token.value !== undefined && token.value.trim() === '')
      throw new EmulatorError(
        'invalid_config',
        `${token.rawName} needs a value and got an empty one (an unset variable?)${help}`,
      )
    if (!option.multiple && seen.has(token.name))
      throw new EmulatorError('invalid_config', `${token.rawName} is given twice: give it once${help}`)
    seen.add(token.name)
  }
}

function usageError(command: string, options: FlagOptions, error: unknown, argv: string[]): unknown {
  const code = (error as { code?: string }).code
  const message = (error as Error).message
  const help = ` (see "webex-connect-emulator ${command} --help")`
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const flag = message.match(/Unknown option '([^']+)'/)?.[1] ?? message
    const known = Object.keys(options).map((name) => `--${name}`)
    const guess = closestName(flag.split('=')[0]!, known)
    return new EmulatorError('invalid_config', `unknown flag ${flag}${guess ? `: did you mean ${guess}?` : ''}${help}`)
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const flag = message.match(/'(--[\w-]+)/)?.[1]
    // "--seed -5": a value that starts with a dash is taken for a flag unless written with "=" —
    // unless what follows is one of this command's flags ("--port --quiet": a value forgotten).
    const next = flag ? argv[argv.indexOf(flag) + 1] : undefined
    const nextIsFlag =
      next !== undefined &&
      (next === '-h' || Object.hasOwn(options, next.replace(/^--?/, '').split('=')[0]!) || next.startsWith('--'))
    if (flag && message.includes('ambiguous') && !nextIsFlag)
      return new EmulatorError(
        'invalid_config',
        `${flag} got a value that starts with "-": write it as ${flag}=<value> (e.g. ${flag}=-5)${help}`,
      )
    // "--quiet=yes" on a boolean, or "--port" with no value after it.
    const said = flag && options[flag.slice(2)]?.type === 'boolean' ? 'takes no value' : 'needs a value'
    return new EmulatorError('invalid_config', `${flag ?? 'a flag'} ${said}${help}`)
  }
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
    const extra = message.match(/Unexpected argument '([^']*)'/)?.[1] ?? message
    return new EmulatorError('invalid_config', `${command} takes no argument "${extra}"${help}`)
  }
  return error
}
