/**
 * @module What every view of the console is given (once, at start) and what it gives back: its
 * loaders for the refresh queue, the commands its buttons run and the forms it handles.
 */
import type { Api } from './api.js'
import type { ClockState } from './api-types.js'
import type { Notice } from './notice.js'
import type { ConsoleVocabulary } from './vocabulary.js'

/** Every view the refresh queue knows, in the order a full refresh loads them. */
export const viewNames = [
  'clock',
  'messages',
  'detail',
  'failed',
  'webhooks',
  'suppression',
  'unsubscribes',
  'sandbox',
  'inbound',
  'targets',
  'rules',
  'conversation',
] as const
export type ViewName = (typeof viewNames)[number]

/** Views that show parts of others: wanting one wants these too (the conversation shows messages and inbound events). */
export const followers: Partial<Record<ViewName, readonly ViewName[]>> = {
  messages: ['conversation'],
  detail: ['conversation'],
  inbound: ['conversation'],
}

/** State more than one view reads. */
interface SharedState {
  /** The message shown on the Message tab. */
  selectedId: string | null
  /** The emulator's clock as last read (its `now` decides what "today" is). */
  clock: ClockState
}

export interface ConsoleContext {
  api: Api
  notice: Notice
  vocabulary: ConsoleVocabulary
  state: SharedState
  want(...views: ViewName[]): void
  showTab(name: string): void
}

/**
 * What a button's action or a form's handler resolves to: a string is a message to show the user
 * ("No failed delivery to replay."); anything else (nothing, usually) means just "done".
 */
export type ActionResult = unknown

/** A button's action, by its `data-do`: it calls the API. */
export type Command = (element: HTMLElement) => Promise<ActionResult>
/** A form's handler, by its `data-form`; `submitter` is the button that sent it. */
export type FormHandler = (form: HTMLFormElement, submitter: HTMLElement | null) => Promise<ActionResult>

export interface View {
  loaders?: Partial<Record<ViewName, () => Promise<void>>>
  /** Buttons that call the API. */
  actions?: Record<string, Command>
  /** Buttons that only change the page (tabs, selection, opening a form). */
  controls?: Record<string, (element: HTMLElement) => void>
  forms?: Record<string, FormHandler>
  /** The emulator was reset: forget what pointed into its old state. */
  reset?(): void
}
