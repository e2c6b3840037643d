/**
 * @module The server's vocabulary — the channels with their actions and choices, target event
 * names — read from the JSON the page carries (built by consoleVocabulary() on the server), so the
 * script holds no list of its own.
 */
import type { ConsoleChannel, ConsoleVocabulary } from '../console-vocabulary.js'

export type { ConsoleChannel, ConsoleVocabulary }

/** The id of the `<script type="application/json">` element the server puts the vocabulary in. */
export const vocabularyElementId = 'console-vocabulary'

/** Reads the vocabulary the server put in the page. */
export function readVocabulary(): ConsoleVocabulary {
  const text = document.getElementById(vocabularyElementId)?.textContent
  if (!text)
    throw new Error(`The page has no #${vocabularyElementId} element: the server sends the console's vocabulary there`)
  return JSON.parse(text) as ConsoleVocabulary
}
