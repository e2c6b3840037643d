/**
 * @module What the console shows of each channel's own fields — the one place it knows a channel
 * by name. Everything else (labels, actions and their choices, final statuses) comes from the
 * server's vocabulary. The map is typed by the records' `channel` union, so a channel added to the
 * registry fails the type check here until it gets its renderer.
 */
import type { ChannelName, MessageRecord } from './api-types.js'
import { emailBody } from './email-view.js'
import { html, type Interpolation, type Markup } from './html.js'

type RecordOf<C extends ChannelName> = Extract<MessageRecord, { channel: C }>

/** A fact line of the Message tab's list. */
export const fact = (name: string, value: Interpolation): Markup => html`<dt>${name}</dt><dd>${value}</dd>`

export interface ChannelDetails<M extends MessageRecord> {
  /** One line for the message list (email: the subject; SMS: the text). */
  summary(message: M): string
  /** The Message tab's heading. */
  title(message: M): string
  /** Its own facts, after the shared ones (messageId, from, accepted…). */
  facts(message: M): Markup
  /** Its own content below the facts (the SMS text as sent). */
  body(message: M): Markup | undefined
  /** What a recipient card shows beside the destination (email: to/cc/bcc; SMS: its segments). */
  recipient(recipient: M['recipients'][number]): Interpolation
}

const segments = (n: number) => `${n} segment${n === 1 ? '' : 's'}`

const short = (text: string, empty: string) => (text.length > 80 ? `${text.slice(0, 79)}…` : text) || empty

/** A chat channel's message (WhatsApp, Messenger, Apple): its text as the user's app shows it. */
const chatText = (m: { text: string }) => html`<h3 class="section">Text</h3><pre class="sms-text">${m.text}</pre>`

const details: { [C in ChannelName]: ChannelDetails<RecordOf<C>> } = {
  email: {
    summary: (m) => m.subject,
    title: (m) => m.subject || '(no subject)',
    facts: (m) => html`${fact('content', m.contentType)}`,
    body: emailBody,
    recipient: (r) => r.field,
  },
  sms: {
    summary: (m) => m.text,
    title: (m) => (m.text.length > 80 ? `${m.text.slice(0, 79)}…` : m.text) || '(empty text)',
    facts: (m) => {
      const counts = [...new Set(m.recipients.map((r) => r.messageCount))]
      return html`${fact('segments', html`<span class="segments">${counts.map(segments).join(' / ')}</span> (messageCount)`)}
        ${fact('encoding', html`<span class="encoding">${m.encoding}</span>`)}
        ${fact('content', m.contentTypeAsSent ?? m.contentType)}
        ${fact('length', `${m.textLength} characters`)}
        ${fact('api', m.api)}
        ${m.templateId && fact('template', m.templateId)}
        ${m.batchId && fact('batchId', m.batchId)}
        ${m.expiresAt !== undefined && fact('expires', new Date(m.expiresAt).toISOString())}`
    },
    body: (m) => html`<h3 class="section">Text</h3><pre class="sms-text">${m.text}</pre>`,
    recipient: (r) => html`<span class="segments">${segments(r.messageCount)}</span>`,
  },
  mms: {
    summary: (m) => m.subject,
    title: (m) => m.subject || '(no subject)',
    facts: (m) => html`${fact('slides', String(m.slides.length))}
      ${m.expiresAt !== undefined && fact('expires', new Date(m.expiresAt).toISOString())}`,
    body: (m) =>
      html`<h3 class="section">Slides</h3>${m.slides.map(
        (slide, i) =>
          html`<pre class="sms-text">${i + 1}. ${slide.type}${slide.mediaUrl ? ` ${slide.mediaUrl}` : ''}${slide.messageText ? `\n${slide.messageText}` : ''}</pre>`,
      )}`,
    recipient: () => 'msisdn',
  },
  rcs: {
    summary: (m) => m.text ?? m.cards?.join(' · ') ?? m.contentType,
    title: (m) => short(m.text ?? m.cards?.[0] ?? '', `(${m.contentType})`),
    facts: (m) => html`${fact('content', m.contentType)}
      ${m.cards && fact('cards', m.cards.join(' · '))}
      ${fact('suggestions', String(m.suggestions))}
      ${m.mediaUrl && fact('media', m.mediaUrl)}
      ${m.event && fact('event', m.event)}`,
    body: (m) => (m.text ? chatText({ text: m.text }) : undefined),
    recipient: () => 'msisdn',
  },
  whatsapp: {
    summary: (m) => (m.kind === 'template' ? `template ${m.templateId ?? ''}` : m.text),
    title: (m) => (m.kind === 'template' ? `Template ${m.templateId ?? ''}` : short(m.text, `(${m.type})`)),
    facts: (m) => html`${fact('app', m.appId)}
      ${fact('message', `${m.kind}: ${m.type}`)}
      ${m.templateId && fact('template', m.templateId)}
      ${fact('api', m.api)}`,
    body: (m) => (m.text ? chatText(m) : undefined),
    recipient: (r) => (r.destinationType === 'bsuid' ? `bsuid ${r.bsuid}` : `waid`),
  },
  fb: {
    summary: (m) => m.text,
    title: (m) => short(m.text, '(no text)'),
    facts: (m) => html`${fact('page', m.appId)} ${fact('api', m.api)}`,
    body: (m) => (m.text ? chatText(m) : undefined),
    recipient: () => 'psid',
  },
  AppleBusinessChat: {
    summary: (m) => m.text,
    title: (m) => short(m.text, `(${m.type})`),
    facts: (m) => html`${fact('business', m.appId)} ${fact('message', m.type)} ${fact('api', m.api)}`,
    body: (m) => (m.text ? chatText(m) : undefined),
    recipient: (r) => r.destinationType,
  },
}

/** The renderer of a record's channel. */
export function detailsOf<M extends MessageRecord>(message: M): ChannelDetails<M> {
  return details[message.channel] as unknown as ChannelDetails<M>
}
