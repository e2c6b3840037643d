/**
 * @module One webhook delivery as a card: what it is, where it goes, its state, each attempt with
 * the receiver's answer, and the payload. The Message tab and the Webhooks tab both show these.
 */
import type { Delivery } from './api-types.js'
import { fullTime, prettyJson } from './format.js'
import { badge, html, type Markup } from './html.js'

/** "Bounce 7520" for receipts (the status is read from the payload), the event name otherwise. */
function deliveryLabel(d: Delivery): string {
  try {
    const status = JSON.parse(d.body).deliveryInfoNotification.deliveryInfo.deliveryStatus
    if (typeof status === 'string' && status) return `${status} ${d.event}`
  } catch {}
  return d.event
}

const shortAnswer = (body: string) => (body.length > 120 ? `${body.slice(0, 120)}…` : body)

function attemptsTable(d: Delivery): Markup {
  if (!d.attempts.length) return html`<div class="muted">Not attempted yet.</div>`
  return html`<div class="table-wrap"><table class="attempts"><thead><tr><th>#</th><th>at (UTC)</th><th>answer</th><th>latency</th><th>verdict</th></tr></thead><tbody>${d.attempts.map(
    (a) =>
      html`<tr><td>${a.number}</td><td><time>${fullTime(a.at)}</time></td><td>${
        a.status != null &&
        html`<span class="badge ${a.status < 300 ? 's-delivered' : 's-failed'}">HTTP ${a.status}</span>`
      }${a.error && html` <span class="error">${a.error}</span>`}${
        a.responseBody &&
        html` <code class="answer" title="what the receiver answered">${shortAnswer(a.responseBody)}</code>`
      }</td><td>${Math.round(a.latencyMs)} ms</td><td>${a.verdict}</td></tr>`,
  )}</tbody></table></div>`
}

export function deliveryCard(d: Delivery): Markup {
  const headers = d.headers ?? {}
  return html`<div class="card delivery" data-delivery="${d.id}">
    <div class="row"><strong>${deliveryLabel(d)}</strong><span>${d.destination}</span>${badge(d.state)}
      <span class="muted">${d.target.format} → ${d.target.url}${d.target.source === 'notifyUrl' && ' (notifyUrl)'}</span>
      <span class="grow"></span>
      ${d.state === 'failed' && html`<button data-do="replay" data-delivery="${d.id}">Replay</button>`}
      ${d.state === 'pending' && d.nextAttemptAt != null && html`<span class="muted">next attempt ${fullTime(d.nextAttemptAt)}</span>`}
    </div>
    ${attemptsTable(d)}
    <details data-key="payload ${d.id}"><summary>payload${d.attempts.length === 0 && ' (to be sent)'}</summary>
      <pre class="payload">${prettyJson(d.body)}</pre>
      ${Object.keys(headers).length > 0 && html`<pre>${JSON.stringify(headers, null, 2)}</pre>`}
    </details></div>`
}
