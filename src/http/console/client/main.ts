/**
 * @module The console's entry point: builds the shared context, the views, the refresh queue and
 * the live stream, and routes clicks, changes and submits to the views' commands and forms by
 * their `data-do` / `data-form` names. The page's markup is fixed (console-markup.ts); the views
 * only fill the containers marked with ids.
 */
import { createApi } from './api.js'
import { createClockView } from './clock-view.js'
import {
  type ActionResult,
  type Command,
  type ConsoleContext,
  type FormHandler,
  followers,
  type View,
  type ViewName,
  viewNames,
} from './context.js'
import { createEmailView } from './email-view.js'
import { byId } from './html.js'
import { createInboundView } from './inbound-view.js'
import { createListsView } from './lists-view.js'
import { connectLive } from './live.js'
import { createMessageDetail } from './message-detail.js'
import { createMessagesView } from './messages-view.js'
import { createNotice } from './notice.js'
import { createRefresher, type Loader } from './refresh.js'
import { createRulesView } from './rules-view.js'
import { createTargetsView } from './targets-view.js'
import { takeToken } from './token.js'
import { readVocabulary } from './vocabulary.js'
import { createWaConversation } from './wa-conversation.js'
import { createWebhooksView } from './webhooks-view.js'

const params = new URLSearchParams(location.search)
// An isolated emulator (isolation "service") shows one tenant: the one named by ?tenant=.
const tenant = params.get('tenant')
const api = createApi(takeToken(params), '/_emulator', tenant)
if (tenant) {
  document.querySelector('header h1')!.textContent += ` · ${tenant}`
  document.title += ` · ${tenant}`
}
const notice = createNotice()
const refresher: { want?: (...views: ViewName[]) => void } = {}

function showTab(name: string) {
  for (const tab of document.querySelectorAll<HTMLElement>('nav.tabs button'))
    tab.setAttribute('aria-selected', String(tab.dataset.tab === name))
  for (const panel of document.querySelectorAll<HTMLElement>('.tab')) panel.hidden = panel.id !== `tab-${name}`
  if (name === 'webhooks') ctx.want('webhooks')
}

const ctx: ConsoleContext = {
  api,
  notice,
  vocabulary: readVocabulary(),
  state: { selectedId: null, clock: { mode: 'real', now: Date.now(), time: '', canSwitchMode: false } },
  want: (...views) => refresher.want?.(...views, ...views.flatMap((v) => followers[v] ?? [])),
  showTab,
}

const header: View = {
  controls: {
    tab: (el) => showTab(el.dataset.tab ?? 'message'),
    dismiss: () => notice.clear(),
  },
  actions: {
    reset: async () => {
      if (!confirm('Reset the emulator? Messages, webhook deliveries and inbound events are forgotten.')) return
      await api('POST', '/reset')
    },
  },
}

const views: View[] = [
  header,
  createClockView(ctx),
  createMessagesView(ctx),
  createMessageDetail(ctx),
  createEmailView(ctx),
  createWebhooksView(ctx),
  createListsView(ctx),
  createInboundView(ctx),
  createTargetsView(ctx),
  createRulesView(ctx),
  createWaConversation(ctx),
]

const loaders: Partial<Record<ViewName, Loader>> = Object.assign({}, ...views.map((v) => v.loaders))
const actions: Record<string, Command> = Object.assign({}, ...views.map((v) => v.actions))
const controls: Record<string, (element: HTMLElement) => void> = Object.assign({}, ...views.map((v) => v.controls))
const forms: Record<string, FormHandler> = Object.assign({}, ...views.map((v) => v.forms))
const missing = viewNames.filter((name) => !loaders[name])
if (missing.length) throw new Error(`No view loads ${missing.join(', ')}`)

refresher.want = createRefresher({
  loaders: loaders as Record<ViewName, Loader>,
  busy: document.querySelector('main')!,
  // A refresh that works means the emulator answers: an earlier refresh's complaint is stale.
  onSuccess: () => notice.clear('load', 'connection'),
  onError: (error) => notice.fail(error, 'load'),
}).want

/**
 * Runs something the user asked the API to do. Success clears what an earlier action left (a
 * refused action's reason stays until then: a background refresh is no answer to it).
 */
async function act(task: () => Promise<ActionResult>) {
  try {
    const message = await task()
    notice.clear('action', 'connection')
    if (typeof message === 'string' && message) notice.show(message, 'action', 'info')
  } catch (error) {
    notice.fail(error, 'action')
  }
}

document.addEventListener('click', (event) => {
  const el = (event.target as Element).closest<HTMLElement>('[data-do]')
  if (!el || (el as HTMLInputElement).type === 'checkbox') return
  const name = el.dataset.do ?? ''
  const control = controls[name]
  const action = actions[name]
  if (control) control(el)
  else if (action) void act(() => action(el))
})
document.addEventListener('change', (event) => {
  const el = event.target as HTMLInputElement
  const action = actions[el.dataset?.do ?? '']
  if (el.type === 'checkbox' && action) void act(() => action(el))
})
document.addEventListener('submit', (event) => {
  const form = event.target as HTMLFormElement
  const handler = forms[form.dataset.form ?? '']
  if (!handler) return
  event.preventDefault()
  void act(() => handler(form, event.submitter as HTMLElement | null))
})

for (const pre of document.querySelectorAll('#detail pre'))
  pre.textContent = pre.textContent!.replace('URL', location.origin)
ctx.want(...viewNames)
connectLive(ctx, () => {
  for (const view of views) view.reset?.()
})
byId('live').textContent = 'connecting…'
