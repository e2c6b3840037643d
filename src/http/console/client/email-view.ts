/**
 * @module An email on the Message tab, as a mail catcher shows it: its HTML in a sandboxed frame
 * (no scripts; remote images blocked until "Load remote images"), its text, a headers-like summary
 * (sender, reply-to, cc, bcc, options, template and substitutions) and its attachments, in tabs.
 * What it shows is what the record keeps: bodies cut at `email.content.maxBytes`, or dropped past
 * `email.content.totalBytes`, and it says so.
 */
import type { MessageRecord } from './api-types.js'
import type { ConsoleContext, View } from './context.js'
import { html, type Markup, table } from './html.js'

type EmailRecord = Extract<MessageRecord, { channel: 'email' }>
type Part = 'html' | 'text' | 'headers' | 'attachments'

/**
 * The frame may not run scripts, submit forms or navigate the console; it keeps the console's
 * origin only so the console can read its height (nothing in it can run to use that). Links open
 * in a new tab, outside the sandbox.
 */
const emailFrameSandbox = 'allow-same-origin allow-popups allow-popups-to-escape-sandbox'

/** What the frame may load: inline styles and data: images, and remote images once asked for. */
function emailFramePolicy(remoteImages: boolean): string {
  return `default-src 'none'; img-src ${remoteImages ? 'http: https: ' : ''}data: cid:; style-src 'unsafe-inline'`
}

/**
 * The email's HTML as the frame's document, with the policy first in its head (after a doctype,
 * which must stay first), links opening in a new tab and no referrer sent.
 */
function emailFrameDocument(body: string, remoteImages: boolean): string {
  const head = `<meta http-equiv="Content-Security-Policy" content="${emailFramePolicy(remoteImages)}"><meta name="referrer" content="no-referrer"><base target="_blank">`
  const doctype = /^\s*<!doctype[^>]*>/i.exec(body)?.[0] ?? ''
  return doctype + head + body.slice(doctype.length)
}

/** Page state that outlives a re-render: the tab picked, which messages may load remote images, frame heights. */
const shown: { part: Part | undefined; remote: Set<string>; heights: Map<string, number> } = {
  part: undefined,
  remote: new Set(),
  heights: new Map(),
}

const list = (addresses: readonly string[]) => addresses.join(', ')
const fact = (name: string, value: Markup | string | undefined) => value && html`<dt>${name}</dt><dd>${value}</dd>`

function headers(m: EmailRecord): Markup {
  const c = m.content!
  const { fromName, ...options } = c.options
  const to = m.recipients.filter((r) => r.field === 'to').map((r) => r.address)
  const substitutions = Object.entries(c.substitutions ?? {})
  return html`<dl class="facts email-headers">
      ${fact('From', fromName ? `${fromName} <${m.from}>` : m.from)}
      ${fact('Reply-To', c.replyTo)}
      ${fact('To', list(to))}
      ${c.cc.length > 0 && fact('Cc', list(c.cc))}
      ${c.bcc.length > 0 && fact('Bcc', list(c.bcc))}
      ${fact('Subject', m.subject || '(no subject)')}
      ${Object.entries(options).map(([name, value]) => fact(name, value))}
      ${c.template && fact('template', html`<code>${c.template.id}</code>`)}
      ${c.template?.subject && fact('template subject', c.template.subject)}
    </dl>
    ${
      substitutions.length > 0 &&
      html`<h3 class="section">Substitutions</h3>${table(
        ['name', 'value'],
        substitutions.map(([name, value]) => html`<tr><td><code>${name}</code></td><td>${value}</td></tr>`),
      )}`
    }`
}

/**
 * An attachment's URL, a link only when it is a web address: the vendor API refuses any other, but a
 * state file (or one written before it did) may hold one, and a `javascript:` or `data:` one would
 * be a link on the console's own page, outside the sandbox.
 */
function mediaLink(url: string): Markup | string {
  if (!/^https?:\/\//i.test(url)) return url
  return html`<a href="${url}" target="_blank" rel="noopener noreferrer">${url}</a>`
}

function attachments(m: EmailRecord): Markup {
  const files = m.content!.attachments
  if (files.length === 0) return html`<p class="muted">No attachments.</p>`
  const cids = files.some((a) => a.cid) // inline images (cid: in the HTML); most mails have none
  return table(
    ['name', 'type', ...(cids ? ['cid'] : []), 'mediaUrl'],
    files.map(
      (a) =>
        html`<tr><td>${a.name || '(no name)'}</td><td><code>${a.mimetype}</code></td>${cids && html`<td>${a.cid && html`<code>${a.cid}</code>`}</td>`}<td class="email-url">${mediaLink(a.mediaUrl)}</td></tr>`,
    ),
  )
}

function htmlPart(m: EmailRecord, body: string): Markup {
  const remote = shown.remote.has(m.messageId)
  const height = shown.heights.get(m.messageId) ?? 60
  return html`<div class="row email-images">
      <span class="muted">${remote ? 'Remote images are loaded.' : 'Remote images are blocked.'}</span>
      <button data-do="email-images" data-id="${m.messageId}" aria-pressed="${String(remote)}">${remote ? 'Block remote images' : 'Load remote images'}</button>
    </div>
    <iframe class="email-html" title="The email's HTML" data-id="${m.messageId}" sandbox="${emailFrameSandbox}" style="height: ${height}px" srcdoc="${emailFrameDocument(body, remote)}"></iframe>`
}

/** The Message tab's body of an email: tabs over its HTML, text, headers and attachments. */
export function emailBody(m: EmailRecord): Markup {
  const c = m.content
  if (!c)
    return html`<p class="muted email-note">This record keeps no content (it was saved before the emulator kept it).</p>`
  const parts: Array<[Part, string, Markup]> = []
  if (c.html !== undefined) parts.push(['html', 'HTML', htmlPart(m, c.html)])
  if (c.text !== undefined) parts.push(['text', 'Text', html`<pre class="email-text">${c.text}</pre>`])
  parts.push(['headers', 'Headers', headers(m)])
  parts.push(['attachments', `Attachments (${c.attachments.length})`, attachments(m)])
  const picked = parts.find(([part]) => part === shown.part)?.[0] ?? parts[0]![0]
  return html`<h3 class="section">Email</h3>
    ${c.truncated && html`<p class="email-note">Cut: a body was longer than <code>email.content.maxBytes</code>; what is shown ends there.</p>`}
    ${c.dropped && html`<p class="email-note">The bodies were dropped to keep all kept bodies under <code>email.content.totalBytes</code> (the oldest messages lose theirs first).</p>`}
    <div class="email" data-id="${m.messageId}">
      <div class="email-tabs" role="tablist">${parts.map(
        ([part, label]) =>
          html`<button role="tab" data-do="email-part" data-part="${part}" aria-selected="${String(part === picked)}">${label}</button>`,
      )}</div>
      ${parts.map(
        ([part, , content]) =>
          html`<div class="email-part" role="tabpanel" data-part="${part}"${part !== picked && ' hidden'}>${content}</div>`,
      )}
    </div>`
}

/**
 * Fits a frame to its document (the stylesheet caps it; past that it scrolls inside). The root
 * element's box, not its scrollHeight, which is never less than the frame's height now.
 */
function fitFrame(frame: HTMLIFrameElement): void {
  const root = frame.contentDocument?.documentElement
  const height =
    root && Math.ceil(Math.max(root.getBoundingClientRect().height, frame.contentDocument!.body?.scrollHeight ?? 0))
  if (!height) return // not shown (another tab), or not loaded yet
  frame.style.height = `${height + 2}px`
  shown.heights.set(frame.dataset.id ?? '', height + 2)
}

/** The email tabs' and the remote-images button's commands, and the frames' sizing. */
export function createEmailView(ctx: ConsoleContext): View {
  // A frame's load does not bubble; capturing sees every one.
  document.addEventListener(
    'load',
    (event) => {
      const frame = event.target
      if (!(frame instanceof HTMLIFrameElement) || !frame.classList.contains('email-html')) return
      fitFrame(frame)
      frame.dataset.loaded = 'true'
    },
    true,
  )
  return {
    controls: {
      'email-part': (el) => {
        const box = el.closest<HTMLElement>('.email')
        if (!box) return
        shown.part = el.dataset.part as Part
        for (const tab of box.querySelectorAll<HTMLElement>('[data-do="email-part"]'))
          tab.setAttribute('aria-selected', String(tab === el))
        for (const panel of box.querySelectorAll<HTMLElement>('.email-part'))
          panel.hidden = panel.dataset.part !== shown.part
        const frame = box.querySelector<HTMLIFrameElement>('.email-part:not([hidden]) iframe.email-html')
        if (frame) fitFrame(frame)
      },
      'email-images': (el) => {
        const id = el.dataset.id ?? ''
        if (shown.remote.has(id)) shown.remote.delete(id)
        else shown.remote.add(id)
        ctx.want('detail')
      },
    },
    reset() {
      shown.part = undefined
      shown.remote.clear()
      shown.heights.clear()
    },
  }
}
