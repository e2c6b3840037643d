/**
 * @module A recipient's lifecycle as a timeline of receipts, e.g.
 * `submitted@0 → delivered@1.5s → read@5s → clicked@8s`. Pure: it only plans; the emulator
 * schedules each step on its clock.
 */
import type { ContactPolicyFailure } from '../../kernel/contact-policy.js'
import type { PlannedStep } from '../channel.js'
import type { EmailDelays as Delays } from './config.js'
import { bounceDiagnostics } from './outcomes/bounce-diagnostics.js'
import type { RejectionReceipt } from './outcomes/decide-fate.js'
import { isPermanentBounce, type PlayableOutcome } from './outcomes/outcome.js'
import type { ReceiptKind } from './receipts.js'

/**
 * One email lifecycle step. Its effects: "suppress" (a permanent bounce puts the address on the
 * bounce list) and "autoReply" (delivered to the SES out-of-office simulator: an auto-reply follows
 * as inbound mail).
 */
export interface LifecycleStep extends PlannedStep {
  kind: ReceiptKind
}

export interface MailFacts {
  destination: string
  sender: string
  /** Read and Clicked need HTML: SES tracks opens with a pixel and clicks with rewritten links. */
  isHtml: boolean
  /**
   * The link a simulated click follows; undefined when the HTML has no tracked link, so nobody can
   * click one (no Clicked).
   */
  clickUrl: string | undefined
  /** False when the request's `options.trackOpens` is false: no Read receipts, whatever the outcome. */
  trackOpens: boolean
  /** False when the request's `options.trackClicks` is false: no Clicked receipts. */
  trackClicks: boolean
  /** The most recipients a request may have (for the "Recipient count exceeds" text). */
  recipientLimit: number
}

/** The click's origin: an address from TEST-NET-1 (RFC 5737), never a real host. */
export const clickIp = '192.0.2.1'
export const clickUserAgent =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.6422.140 Safari/537.36'

const rejectionDescriptions: Record<RejectionReceipt, (mail: MailFacts) => string> = {
  invalidAddress: () => 'Invalid email address',
  maxLength: () => 'Email address max length reached',
  alreadyBounced: (mail) => `already bounced : ${mail.destination}`,
  unsubscribed: (mail) => `unsubscribed : ${mail.sender}`,
  notVerified: () => 'Account in sandbox mode. Destination email address is not verified',
  recipientLimit: (mail) => `Recipient count exceeds ${mail.recipientLimit}`,
  contactPolicy: () => 'Recipient has not consented to message',
}

/** A request-time failure: one receipt, no Submitted (a contact-policy failure with its own code and text). */
export function planRejection(
  receipt: RejectionReceipt,
  mail: MailFacts,
  delays: Delays,
  failure?: ContactPolicyFailure,
): LifecycleStep[] {
  const description = failure ? failure.description : rejectionDescriptions[receipt](mail)
  return [
    {
      kind: receipt,
      after: delays.submitted,
      description,
      additionalInfo: '',
      ...(failure ? { code: failure.code } : {}),
    },
  ]
}

export function planLifecycle(outcome: PlayableOutcome, mail: MailFacts, delays: Delays): LifecycleStep[] {
  const steps: LifecycleStep[] = [
    { kind: 'submitted', after: delays.submitted, description: 'Submitted', additionalInfo: '' },
  ]
  const add = (kind: ReceiptKind, after: number, description: string, additionalInfo = '') => {
    // Steps never run backwards, whatever the configured delays.
    steps.push({ kind, after: Math.max(after, steps.at(-1)!.after), description, additionalInfo })
  }
  switch (outcome.kind) {
    case 'hold':
      break
    case 'bounce':
      add('bounce', delays.bounce, outcome.subtype, bounceDiagnostics[outcome.subtype])
      if (isPermanentBounce(outcome.subtype)) steps.at(-1)!.effects = ['suppress']
      break
    case 'complaint':
      add('delivered', delays.delivered, 'Delivered')
      add('complaint', delays.complaint, outcome.feedbackType)
      break
    case 'delivered':
      add('delivered', outcome.slow ? delays.slow : delays.delivered, 'Delivered')
      if (outcome.autoReply) steps.at(-1)!.effects = ['autoReply']
      if (!mail.isHtml) break
      if (mail.trackOpens) for (let i = 0; i < outcome.reads; i++) add('read', delays.read * (i + 1), 'Read')
      if (outcome.click && mail.trackClicks && mail.clickUrl !== undefined)
        add('clicked', delays.clicked, `${mail.clickUrl}|${clickIp}`, clickUserAgent)
      break
  }
  return steps
}

/*
 * Tags are read as a browser's tokenizer reads them: only tab, line feed, form feed, carriage return
 * and space separate a tag's name and attributes (JavaScript's `\s` also takes a no-break space, so
 * `<a\u00a0href=…>`, which a browser reads as a tag named "a\u00a0href=…", was an anchor), and a
 * "/" after the name starts the attributes too (`<a/href=…>` is a link to a browser).
 */
const anchorStart = /<a[\t\n\f\r /]/gi
/** One attribute, name and value, so a quoted value ("a href=b") is never read as attributes. */
const attribute = /([^\t\n\f\r "'>/=]+)(?:[\t\n\f\r ]*=[\t\n\f\r ]*(?:"([^"]*)"|'([^']*)'|([^\t\n\f\r >]*)))?/g
const htmlSpace = /[\t\n\f\r ]/
const htmlSpaces = /[\t\n\f\r ]+/
const namedEntities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }

/** An attribute's value as a browser reads it: `&amp;` is `&`, `&#38;` and `&#x26;` too. */
function decodeEntities(value: string): string {
  if (!value.includes('&')) return value
  return value.replace(/&(?:#(\d+)|#x([\da-f]+)|([a-z]+));/gi, (entity, decimal, hex, name) => {
    const code = decimal ? Number(decimal) : hex ? Number.parseInt(hex, 16) : undefined
    if (code !== undefined) return code <= 0x10ffff ? String.fromCodePoint(code) : entity
    return namedEntities[name.toLowerCase()] ?? entity
  })
}

/**
 * The link a click on a template's mail follows: the emulator does not hold the template, so it
 * cannot know its links.
 */
export const templateClickUrl = 'https://example.com/'

/**
 * The first tracked link in an HTML body, for Clicked receipts: an `<a href>` (SES rewrites anchors'
 * links to track clicks; a `<link href>` stylesheet is none) not tagged `no-track-connect`, its URL
 * as the browser follows it — entities decoded, quoted or not. Undefined when there is none: then
 * nothing can be clicked.
 */
export function firstLink(body: string): string | undefined {
  // A link in a comment is no link (an unclosed comment runs to the end, as a browser reads it).
  const html = body.includes('<!--') ? body.replace(/<!--[\s\S]*?(?:-->|$)/g, '') : body
  // Each tag's end found by a scan, not a `<a[^>]*>` regex, which rescans to the end of the body
  // from every "<a " when no ">" follows: quadratic on a 500 KB body.
  anchorStart.lastIndex = 0
  for (let start = anchorStart.exec(html); start; start = anchorStart.exec(html)) {
    const end = tagEnd(html, start.index + 2)
    if (end < 0) break
    const tag = html.slice(start.index + 2, end)
    anchorStart.lastIndex = end
    // Vendor (options.trackClicks): "tracks all links in the HTML body, unless a link is tagged as
    // no-track-connect within the anchor tags" — such a link never yields Clicked.
    if (untracked(tag)) continue
    const url = asUrlParserReads(decodeEntities(hrefOf(tag) ?? ''))
    if (/^https?:\/\//i.test(url)) return url
  }
  return undefined
}

/**
 * An href as the URL parser takes it (WHATWG URL): entities already decoded, leading and trailing C0
 * controls and spaces stripped, tabs and newlines inside removed. Not JavaScript's trim, which also
 * strips a no-break space: `href="\u00a0https://…"` is a relative URL to a browser, no link out.
 */
function asUrlParserReads(href: string): string {
  return href.replace(/^[^\x21-\uffff]+|[^\x21-\uffff]+$/g, '').replace(/[\t\n\r]/g, '')
}

/**
 * Where the tag whose attributes start at `from` ends: its first ">" outside a quoted attribute
 * value (`title="a > b"` does not end it, as a browser reads it); -1 when it never does.
 */
function tagEnd(html: string, from: number): number {
  let afterEquals = false
  for (let i = from; i < html.length; i++) {
    const c = html[i]!
    if (c === '>') return i
    if (afterEquals && (c === '"' || c === "'")) {
      i = html.indexOf(c, i + 1)
      if (i < 0) return -1
      afterEquals = false
    } else if (c === '=') afterEquals = true
    else if (!htmlSpace.test(c)) afterEquals = false
  }
  return -1
}

/**
 * Whether an anchor is tagged `no-track-connect`: an attribute of that name, or the word among
 * another attribute's (a class, say) — not a URL that happens to contain it
 * (`href="https://help.test/no-track-connect-guide"`).
 */
function untracked(attributes: string): boolean {
  for (const [, name, double, single, bare] of attributes.matchAll(attribute)) {
    if (name!.toLowerCase() === 'no-track-connect') return true
    if (name!.toLowerCase() === 'href') continue
    const value = double ?? single ?? bare
    if (value?.toLowerCase().split(htmlSpaces).includes('no-track-connect')) return true
  }
  return false
}

/** The first `href` among a tag's attributes (a browser ignores a repeated one), undefined without one. */
function hrefOf(attributes: string): string | undefined {
  for (const [, name, double, single, bare] of attributes.matchAll(attribute))
    if (name!.toLowerCase() === 'href') return double ?? single ?? bare ?? ''
  return undefined
}
