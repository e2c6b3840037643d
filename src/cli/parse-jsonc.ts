/**
 * @module JSON with comments, as editors write .jsonc (and as `init` writes the config): `//` and
 * `/* *\/` comments and trailing commas are allowed. A syntax error says what was expected and
 * where — line, column and the line itself with a caret — the way the YAML parser does.
 */
import { type ParseError, parse } from 'jsonc-parser'

/** What each jsonc-parser error code means, said for a person editing the file. */
const explained: Record<number, string> = {
  1: 'not JSON here (strings need "double quotes")',
  2: 'invalid number',
  3: 'expected a property name in double quotes',
  4: 'expected a value',
  5: 'expected ":" after the property name',
  6: 'expected "," between entries',
  7: 'expected "}"',
  8: 'expected "]"',
  9: 'unexpected text after the end of the document',
  10: 'invalid comment',
  11: 'unclosed /* comment',
  12: 'unclosed string',
  13: 'number cut short',
  14: 'invalid \\u escape',
  15: 'invalid escape character',
  16: 'control character in a string (write it as an escape)',
}

/**
 * Parses JSON with comments; throws an `Error` whose message locates the first mistake.
 * @example
 * parseJsonc('{ "speed": 1, // fast\n }') // { speed: 1 }
 * parseJsonc('{\n  "seed" 4\n}') // throws 'expected ":" after the property name at line 2, column 10: …'
 */
export function parseJsonc(text: string): unknown {
  const errors: ParseError[] = []
  const value = parse(text, errors, { allowTrailingComma: true, disallowComments: false })
  const first = errors[0]
  if (first) throw new Error(`${explained[first.error] ?? 'syntax error'} ${locate(text, first.offset)}`)
  return value
}

function locate(text: string, offset: number): string {
  const before = text.slice(0, offset)
  const line = before.split('\n').length
  const lineStart = before.lastIndexOf('\n') + 1
  const column = offset - lineStart + 1
  const lineEnd = text.indexOf('\n', offset)
  const shown = text.slice(lineStart, lineEnd === -1 ? undefined : lineEnd).replace(/\r$/, '')
  return `at line ${line}, column ${column}:\n\n${shown}\n${' '.repeat(column - 1)}^\n`
}
